namespace VtdDsl.Compiler.Text;

/// <summary>
/// A range of a source file: character offset and length (UTF-16 code units, as Roslyn's
/// TextSpan) plus 1-based start and end line/column (columns count characters; the end is
/// exclusive).
/// </summary>
public readonly record struct SourceSpan(int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
    : IComparable<SourceSpan>
{
    public int End => Start + Length;

    public bool IsEmpty => Length == 0;

    /// <summary>The smallest span covering both.</summary>
    public SourceSpan Union(SourceSpan other)
    {
        var first = Start <= other.Start ? this : other;
        var last = End >= other.End ? this : other;
        return new SourceSpan(first.Start, last.End - first.Start, first.Line, first.Column, last.EndLine, last.EndColumn);
    }

    public int CompareTo(SourceSpan other) => Start != other.Start ? Start.CompareTo(other.Start) : Length.CompareTo(other.Length);

    public override string ToString() => $"({Line},{Column})-({EndLine},{EndColumn})";
}
