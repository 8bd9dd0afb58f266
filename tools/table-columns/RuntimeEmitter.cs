using System.Linq;

namespace VtdDsl.TableColumns;

/// <summary>
/// The runtime's side: the interfaces' members (in schema order, with the schema's summaries: their
/// public API), <c>PolicyTableArrays</c>' arrays and copies, and <c>ArrayPolicyTables</c>' fields and
/// properties. The hand-written parts keep everything that is not one line a column.
/// </summary>
internal static class RuntimeEmitter
{
    private const string Span = "global::System.ReadOnlySpan";

    /// <summary>The width the interface headings are padded to with dashes.</summary>
    private const int HeadingWidth = 92;

    public static string Interface(TableInterface owner)
    {
        var s = new SourceBuilder("the members of " + owner.Name, "VtdDsl");
        s.Open("partial interface " + owner.Name);
        bool first = true;
        foreach (var column in owner.Columns)
        {
            if (column.Heading is { } heading)
            {
                if (!first) s.Line();
                s.Line(("// ---- " + heading + " ").PadRight(HeadingWidth, '-'));
            }
            first = false;
            s.Summary(column.Summary);
            s.Line(MemberType(column) + " " + column.Name + " { get; }");
        }
        s.Close();
        return s.ToString();
    }

    public static string PolicyTableArrays(Schema schema)
    {
        var s = new SourceBuilder("the arrays of PolicyTableArrays", "VtdDsl");
        s.Open("partial record PolicyTableArrays");
        foreach (var column in schema.Columns)
        {
            s.Summary("See <see cref=\"" + column.Owner.Name + "." + column.Name + "\"/>.");
            s.Line(column.Kind switch
            {
                ColumnKind.Scalar => "public " + column.Type + " " + column.Name + " { get; init; }",
                ColumnKind.Csr => "public " + column.Type + "[] " + column.Name + " { get; init; } = [0];",
                _ => "public " + column.Type + "[] " + column.Name + " { get; init; } = [];",
            });
        }
        foreach (var owner in schema.Interfaces)
        {
            s.Line();
            s.Line("// These arrays with the " + owner.Name + " columns of the tables copied in.");
            s.Line("private PolicyTableArrays With" + owner.Name + "ColumnsOf<T>(in T tables) where T : struct, " + owner.Name + " => this with");
            s.Open("");
            foreach (var column in owner.Columns)
            {
                s.Line(column.Name + " = tables." + column.Name + (column.Kind == ColumnKind.Scalar ? "," : ".ToArray(),"));
            }
            s.Close("};");
        }
        s.Line();
        s.Line("// Throws ArgumentNullException naming the first column that is null.");
        s.Open("private void CheckColumnsNotNull()");
        foreach (var column in schema.Columns.Where(c => c.Kind != ColumnKind.Scalar))
        {
            s.Line("if (" + column.Name + " is null) throw new global::System.ArgumentNullException(nameof(" + column.Name + "));");
        }
        s.Close();
        s.Close();
        return s.ToString();
    }

    public static string ArrayPolicyTables(Schema schema)
    {
        var s = new SourceBuilder("the columns of ArrayPolicyTables", "VtdDsl");
        s.Open("readonly partial struct ArrayPolicyTables");
        foreach (var column in schema.Columns)
        {
            s.Line(column.Kind switch
            {
                ColumnKind.Scalar => "private readonly " + column.Type + " " + column.FieldName + ";",
                ColumnKind.Records => "private readonly AlignedTable<" + column.Type + "> " + column.FieldName + ";",
                _ => "private readonly " + column.Type + "[]? " + column.FieldName + ";",
            });
        }
        s.Line();
        s.Line("// Marks the constructor that only assigns the columns' fields.");
        s.Line("private enum Unchecked { Columns }");
        s.Line();
        s.Line("// Every column's field from the arrays, not checked (the public constructor checks them); record");
        s.Line("// tables are copied into memory aligned to cache lines.");
        s.Open("private ArrayPolicyTables(PolicyTableArrays arrays, Unchecked columns)");
        foreach (var column in schema.Columns)
        {
            s.Line(column.FieldName + " = " + (column.Kind == ColumnKind.Records ? "AlignedTable<" + column.Type + ">.CopyOf(arrays." + column.Name + ")" : "arrays." + column.Name) + ";");
        }
        s.Close();
        s.Line();
        foreach (var column in schema.Columns)
        {
            s.Line("/// <inheritdoc/>");
            s.Line("public " + MemberType(column) + " " + column.Name + " => " + column.Kind switch
            {
                ColumnKind.Csr => column.FieldName + " ?? EndMarkerOnly;",
                ColumnKind.Records => column.FieldName + ".Span;",
                _ => column.FieldName + ";",
            });
        }
        if (schema.Columns.Any(c => c.Kind == ColumnKind.Csr))
        {
            s.Line();
            s.Line("// default(ArrayPolicyTables) is an empty policy: its CSR arrays still need their end marker.");
            s.Line("private static " + Span + "<int> EndMarkerOnly => [0];");
        }
        s.Close();
        return s.ToString();
    }

    private static string MemberType(Column column) =>
        column.Kind == ColumnKind.Scalar ? column.Type : Span + "<" + column.Type + ">";
}
