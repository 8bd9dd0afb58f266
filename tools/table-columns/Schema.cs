using System.Collections.Generic;

namespace VtdDsl.TableColumns;

/// <summary>How a column is stored.</summary>
internal enum ColumnKind
{
    /// <summary>An array of a primitive type.</summary>
    Plain,

    /// <summary>An <c>int</c> array with one element more than the things it indexes; an empty one is the single end marker 0.</summary>
    Csr,

    /// <summary>An array of record structs, held as <c>ulong</c> words in the layout.</summary>
    Records,

    /// <summary>One value.</summary>
    Scalar,
}

/// <summary>One column of the compiled tables, as the schema states it.</summary>
internal sealed class Column
{
    public Column(string name, string type, ColumnKind kind, TableInterface owner, int line)
    {
        Name = name;
        Type = type;
        Kind = kind;
        Owner = owner;
        Line = line;
    }

    public string Name { get; }

    /// <summary>The element type: a C# primitive keyword, or for records the runtime's record struct.</summary>
    public string Type { get; }

    public ColumnKind Kind { get; }

    /// <summary>The runtime interface the column is a member of.</summary>
    public TableInterface Owner { get; }

    /// <summary>The schema line (1-based) that declares it.</summary>
    public int Line { get; }

    /// <summary>The interface comment heading written before it, if any.</summary>
    public string? Heading { get; set; }

    /// <summary>Generated tables write the numbers in hex.</summary>
    public bool Hex { get; set; }

    /// <summary>Numbers a row in generated tables.</summary>
    public int RowLength { get; set; } = 16;

    /// <summary>Records: the TableWriter method naming each row's declaration, or null.</summary>
    public string? Origins { get; set; }

    /// <summary>The doc summary's lines, verbatim.</summary>
    public List<string> Summary { get; } = new();

    /// <summary>Records: what the words are, written above them in generated tables.</summary>
    public string? WordsComment { get; set; }

    /// <summary>The field that holds the column in <c>ArrayPolicyTables</c>.</summary>
    public string FieldName => "_" + char.ToLowerInvariant(Name[0]) + Name.Substring(1);
}

/// <summary>A runtime interface whose members the columns below its <c>interface</c> line are.</summary>
internal sealed class TableInterface
{
    public TableInterface(string name, string? condition)
    {
        Name = name;
        Condition = condition;
    }

    public string Name { get; }

    /// <summary>The <c>PolicySource</c> property under which generated tables implement it (null: always).</summary>
    public string? Condition { get; }

    public List<Column> Columns { get; } = new();
}

/// <summary>The parsed schema: its interfaces in order, each with its columns in order.</summary>
internal sealed class Schema
{
    public List<TableInterface> Interfaces { get; } = new();

    public IEnumerable<Column> Columns
    {
        get
        {
            foreach (var owner in Interfaces)
            {
                foreach (var column in owner.Columns) yield return column;
            }
        }
    }
}
