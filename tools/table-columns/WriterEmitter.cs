namespace VtdDsl.TableColumns;

/// <summary>
/// The generator's side: <c>TableWriter.WriteColumns</c>, one call a column in schema order. How a
/// column is written (rows, packing, comments) stays in the hand-written TableWriter.
/// </summary>
internal static class WriterEmitter
{
    public static string TableWriter(Schema schema)
    {
        var s = new SourceBuilder("the columns the generated tables write", "VtdDsl.Generator.Emit");
        s.Open("partial class TableWriter");
        s.Line("/// <summary>Every column of the layout as a member of the <c>PolicyTables</c> struct, in the member order of the runtime's interfaces.</summary>");
        s.Open("private static void WriteColumns(Writer w, global::VtdDsl.Generator.Model.PolicySource source)");
        s.Line("var layout = source.Layout;");
        foreach (var owner in schema.Interfaces)
        {
            if (owner.Condition is not null) s.Open("if (source." + owner.Condition + ")");
            foreach (var column in owner.Columns) s.Line(Call(column));
            if (owner.Condition is not null) s.Close();
        }
        s.Close();
        s.Close();
        return s.ToString();
    }

    private static string Call(Column column)
    {
        string type = SourceBuilder.Literal(column.Type), name = SourceBuilder.Literal(column.Name);
        switch (column.Kind)
        {
            case ColumnKind.Records:
                string origins = column.Origins is null
                    ? "global::VtdDsl.Compiler.Collections.EquatableArray<string>.Empty"
                    : column.Origins + "(source)";
                return "w.Records(" + type + ", " + name + ", layout." + column.Name + ", global::VtdDsl.Compiler.Layout.TableSchema." + column.Type
                    + ".Words, " + origins + ", " + SourceBuilder.Literal(column.WordsComment ?? string.Empty) + ");";
            case ColumnKind.Scalar:
                return "w.Scalar(" + type + ", " + name + ", layout." + column.Name + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture));";
            default:
                return "w.Column(" + type + ", " + name + ", layout." + column.Name + ", static v => (ulong)v, hex: " + (column.Hex ? "true" : "false")
                    + ", rowLength: " + column.RowLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + ");";
        }
    }
}
