namespace VtdDsl.Compiler.Text;

/// <summary>A span in a named file.</summary>
public readonly record struct SourceLocation(string FilePath, SourceSpan Span) : IComparable<SourceLocation>
{
    public int CompareTo(SourceLocation other)
    {
        int byPath = string.CompareOrdinal(FilePath, other.FilePath);
        return byPath != 0 ? byPath : Span.CompareTo(other.Span);
    }

    /// <summary>The compiler's canonical form, <c>file(line,col)</c>.</summary>
    public override string ToString() => $"{FilePath}({Span.Line},{Span.Column})";
}
