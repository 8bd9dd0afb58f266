namespace VtdDsl.TableColumns;

/// <summary>The compiler core's side: <c>PolicyLayout</c>'s columns, required so that a column the layout builder does not set is a compile error.</summary>
internal static class LayoutEmitter
{
    public static string PolicyLayout(Schema schema)
    {
        var s = new SourceBuilder("the columns of PolicyLayout", "VtdDsl.Compiler.Layout");
        s.Open("partial record PolicyLayout");
        bool first = true;
        foreach (var column in schema.Columns)
        {
            if (!first) s.Line();
            first = false;
            string where = "the runtime's <c>" + column.Owner.Name + "." + column.Name + "</c>";
            switch (column.Kind)
            {
                case ColumnKind.Records:
                    s.Summary("The <c>" + column.Name + "</c> column (" + where + "): <see cref=\"TableSchema." + column.Type
                        + "\"/> records as <see cref=\"TableSchema." + column.Type + ".Words\"/> little-endian words each.");
                    s.Line("public required global::VtdDsl.Compiler.Collections.EquatableArray<ulong> " + column.Name + " { get; init; }");
                    break;
                case ColumnKind.Scalar:
                    s.Summary("The <c>" + column.Name + "</c> value (" + where + ").");
                    s.Line("public required " + column.Type + " " + column.Name + " { get; init; }");
                    break;
                default:
                    s.Summary("The <c>" + column.Name + "</c> column (" + where + ").");
                    s.Line("public required global::VtdDsl.Compiler.Collections.EquatableArray<" + column.Type + "> " + column.Name + " { get; init; }");
                    break;
            }
        }
        s.Close();
        return s.ToString();
    }
}
