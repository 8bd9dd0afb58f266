using System.Collections.Generic;

namespace VtdDsl.TableColumns;

/// <summary>
/// Reads compiler/Layout/TableColumns.txt (its header says the format). Never throws on bad input:
/// each bad line is a <see cref="SchemaProblem"/> and is left out of the schema, so one mistake gives
/// one precise error instead of a cascade.
/// </summary>
internal static class SchemaParser
{
    private static readonly HashSet<string> Primitives = new() { "byte", "sbyte", "ushort", "short", "uint", "int", "ulong", "long" };

    public static Schema Parse(string text, List<SchemaProblem> problems)
    {
        var schema = new Schema();
        var names = new HashSet<string>();
        TableInterface? owner = null;
        Column? last = null;
        string? heading = null;
        string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int line = i + 1;
            string raw = lines[i];
            string trimmed = raw.Trim();
            int indent = raw.Length - raw.TrimStart().Length;
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            if (indent > 0)
            {
                Continuation(trimmed, line, indent, last, problems);
                continue;
            }
            last = null;
            if (trimmed.StartsWith("--", System.StringComparison.Ordinal))
            {
                heading = trimmed.Substring(2).Trim();
                if (heading.Length == 0) problems.Add(Malformed(line, raw, "A heading ('--') needs its text."));
                continue;
            }
            string[] words = Words(trimmed);
            if (words[0] == "interface")
            {
                owner = Interface(words, line, raw, schema, problems) ?? owner;
                heading = null;
                continue;
            }
            if (owner is null)
            {
                problems.Add(Malformed(line, raw, "A column before any 'interface' line: say which runtime interface it belongs to."));
                continue;
            }
            last = ColumnLine(trimmed, line, raw, owner, problems);
            if (last is null) continue;
            if (!names.Add(last.Name))
            {
                problems.Add(new SchemaProblem(SchemaDiagnostics.Duplicate, line, 1, last.Name.Length, $"The column '{last.Name}' is declared twice."));
                last = null;
                continue;
            }
            last.Heading = heading;
            heading = null;
            owner.Columns.Add(last);
        }
        foreach (var column in schema.Columns)
        {
            if (column.Summary.Count == 0)
                problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, column.Line, 1, column.Name.Length, $"The column '{column.Name}' has no summary ('/// text'): every interface member needs one."));
            if (column.Kind == ColumnKind.Records && column.WordsComment is null)
                problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, column.Line, 1, column.Name.Length, $"The records column '{column.Name}' needs an indented '// text' line saying what its words are."));
        }
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return schema;
    }

    private static void Continuation(string trimmed, int line, int indent, Column? last, List<SchemaProblem> problems)
    {
        if (last is null)
        {
            problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, line, indent + 1, trimmed.Length, "An indented line continues a column, but there is no column line above it."));
            return;
        }
        if (trimmed.StartsWith("///", System.StringComparison.Ordinal))
        {
            string summary = trimmed.Substring(3).Trim();
            if (summary.Length == 0) problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, line, indent + 1, trimmed.Length, "An empty summary line."));
            else last.Summary.Add(summary);
            return;
        }
        if (trimmed.StartsWith("//", System.StringComparison.Ordinal))
        {
            string comment = trimmed.Substring(2).Trim();
            if (last.Kind != ColumnKind.Records)
                problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, line, indent + 1, trimmed.Length, $"Only a records column has a '//' line saying what its words are; '{last.Name}' is {Describe(last.Kind)}."));
            else if (last.WordsComment is not null)
                problems.Add(new SchemaProblem(SchemaDiagnostics.Duplicate, line, indent + 1, trimmed.Length, $"The records column '{last.Name}' already has its '//' line."));
            else if (comment.Length == 0)
                problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, line, indent + 1, trimmed.Length, "An empty '//' line."));
            else last.WordsComment = comment;
            return;
        }
        problems.Add(new SchemaProblem(SchemaDiagnostics.MalformedLine, line, indent + 1, trimmed.Length, "An indented line is '/// summary' or '// what the words are'."));
    }

    private static TableInterface? Interface(string[] words, int line, string raw, Schema schema, List<SchemaProblem> problems)
    {
        bool wellFormed = (words.Length == 2 || (words.Length == 4 && words[2] == "when"))
            && IsIdentifier(words[1]) && (words.Length == 2 || IsIdentifier(words[3]));
        if (!wellFormed)
        {
            problems.Add(Malformed(line, raw, "An interface line is 'interface NAME' or 'interface NAME when CONDITION'."));
            return null;
        }
        foreach (var existing in schema.Interfaces)
        {
            if (existing.Name != words[1]) continue;
            problems.Add(new SchemaProblem(SchemaDiagnostics.Duplicate, line, 1, raw.TrimEnd().Length, $"The interface '{words[1]}' is declared twice; list all its columns under one 'interface' line."));
            return null;
        }
        var owner = new TableInterface(words[1], words.Length == 4 ? words[3] : null);
        schema.Interfaces.Add(owner);
        return owner;
    }

    private static Column? ColumnLine(string trimmed, int line, string raw, TableInterface owner, List<SchemaProblem> problems)
    {
        int summaryAt = trimmed.IndexOf("///", System.StringComparison.Ordinal);
        string head = summaryAt < 0 ? trimmed : trimmed.Substring(0, summaryAt);
        string[] words = Words(head);
        if (words.Length < 3)
        {
            problems.Add(Malformed(line, raw, "A column line is 'NAME TYPE KIND [HINT...] [/// summary]'."));
            return null;
        }
        if (!IsIdentifier(words[0]))
        {
            problems.Add(Malformed(line, raw, $"'{words[0]}' is not a C# identifier."));
            return null;
        }
        if (!TryKind(words[2], out var kind))
        {
            problems.Add(Unknown(line, raw, 2, words[2], $"Unknown kind '{words[2]}': plain, csr, records or scalar."));
            return null;
        }
        string type = words[1];
        string? typeProblem = kind switch
        {
            ColumnKind.Records when Primitives.Contains(type) => $"A records column holds record structs, not '{type}'.",
            ColumnKind.Records when !IsIdentifier(type) => $"'{type}' is not a record struct name.",
            ColumnKind.Csr when type != "int" => $"A csr column is of type int, not '{type}'.",
            ColumnKind.Plain or ColumnKind.Scalar when !Primitives.Contains(type) => $"Unknown type '{type}': byte, sbyte, ushort, short, uint, int, ulong or long (a record struct needs kind records).",
            _ => null,
        };
        if (typeProblem is not null)
        {
            problems.Add(Unknown(line, raw, 1, type, typeProblem));
            return null;
        }
        var column = new Column(words[0], type, kind, owner, line);
        for (int h = 3; h < words.Length; h++)
        {
            if (!Hint(column, h, words[h], line, raw, problems)) return null;
        }
        if (summaryAt >= 0)
        {
            string summary = trimmed.Substring(summaryAt + 3).Trim();
            if (summary.Length == 0)
            {
                problems.Add(Malformed(line, raw, "An empty summary after '///'."));
                return null;
            }
            column.Summary.Add(summary);
        }
        return column;
    }

    private static bool Hint(Column column, int index, string hint, int line, string raw, List<SchemaProblem> problems)
    {
        bool table = column.Kind is ColumnKind.Plain or ColumnKind.Csr;
        if (hint == "hex" && table)
        {
            column.Hex = true;
            return true;
        }
        if (hint.StartsWith("rows=", System.StringComparison.Ordinal) && table)
        {
            if (int.TryParse(hint.Substring(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int rows) && rows > 0 && rows <= 256)
            {
                column.RowLength = rows;
                return true;
            }
            problems.Add(Malformed(line, raw, $"'{hint}': rows=N takes a number of values a row from 1 to 256."));
            return false;
        }
        if (hint.StartsWith("origins=", System.StringComparison.Ordinal) && column.Kind == ColumnKind.Records)
        {
            string method = hint.Substring(8);
            if (IsIdentifier(method))
            {
                column.Origins = method;
                return true;
            }
            problems.Add(Malformed(line, raw, $"'{hint}': origins=METHOD names a TableWriter method."));
            return false;
        }
        problems.Add(Unknown(line, raw, index, hint, $"Unknown hint '{hint}' for a {Describe(column.Kind)} column: hex and rows=N for plain and csr columns, origins=METHOD for records."));
        return false;
    }

    private static bool TryKind(string word, out ColumnKind kind)
    {
        switch (word)
        {
            case "plain": kind = ColumnKind.Plain; return true;
            case "csr": kind = ColumnKind.Csr; return true;
            case "records": kind = ColumnKind.Records; return true;
            case "scalar": kind = ColumnKind.Scalar; return true;
            default: kind = default; return false;
        }
    }

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Plain => "plain",
        ColumnKind.Csr => "csr",
        ColumnKind.Records => "records",
        _ => "scalar",
    };

    private static string[] Words(string text) =>
        text.Split(new[] { ' ', '\t' }, System.StringSplitOptions.RemoveEmptyEntries);

    private static bool IsIdentifier(string word)
    {
        if (word.Length == 0 || !(char.IsLetter(word[0]) || word[0] == '_')) return false;
        foreach (char c in word)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    private static SchemaProblem Malformed(int line, string raw, string message) =>
        new(SchemaDiagnostics.MalformedLine, line, 1, raw.TrimEnd().Length, message);

    /// <summary>A problem with the word at <paramref name="index"/> (0-based) of the line, located at that word.</summary>
    private static SchemaProblem Unknown(int line, string raw, int index, string word, string message)
    {
        int at = 0;
        for (int w = 0; ; w++)
        {
            while (at < raw.Length && (raw[at] == ' ' || raw[at] == '\t')) at++;
            if (w == index || at >= raw.Length) break;
            while (at < raw.Length && raw[at] != ' ' && raw[at] != '\t') at++;
        }
        return new SchemaProblem(SchemaDiagnostics.UnknownWord, line, at + 1, word.Length, message);
    }
}
