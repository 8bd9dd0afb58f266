using System.Text;

namespace VtdDsl.Compiler.Formatting;

/// <summary>
/// One output line of the formatter as it is built: its indentation, its code as the tokens and
/// block comments written on it (so it can still be broken between them), and the end-of-line
/// comment, which is not code and never counts towards the line's width.
/// </summary>
internal sealed class LayoutLine
{
    private readonly StringBuilder _code = new();
    private readonly List<LayoutPiece> _pieces = new();
    private List<int>? _inlineBlocks;

    public LayoutLine(string indent, string continuationIndent)
    {
        Indent = indent;
        ContinuationIndent = continuationIndent;
    }

    private LayoutLine()
    {
        IsBlank = true;
        Indent = ContinuationIndent = string.Empty;
    }

    /// <summary>A blank line between groups.</summary>
    public static LayoutLine Blank() => new();

    public bool IsBlank { get; }

    public string Indent { get; }

    /// <summary>The indentation of the lines this one continues onto when it is broken: one level deeper than its statement.</summary>
    public string ContinuationIndent { get; }

    /// <summary>The end-of-line comment (with the padding before it once aligned); empty when the line is a line comment of its own.</summary>
    public string? TrailingComment { get; set; }

    public IReadOnlyList<LayoutPiece> Pieces => _pieces;

    public int CodeLength => _code.Length;

    public char LastCodeChar => _code[_code.Length - 1];

    public string Code => _code.ToString();

    /// <summary>The token indices of the opening braces of the one-line blocks written on this line (the outermost ones).</summary>
    public IReadOnlyList<int> InlineBlocks => (IReadOnlyList<int>?)_inlineBlocks ?? Array.Empty<int>();

    public void Append(string text, bool spaceBefore, bool isComment)
    {
        if (spaceBefore) _code.Append(' ');
        _code.Append(text);
        _pieces.Add(new LayoutPiece(text, spaceBefore, isComment));
    }

    public void AddInlineBlock(int tokenIndex) => (_inlineBlocks ??= new List<int>()).Add(tokenIndex);

    /// <summary>The widest column the code reaches (a block comment of several lines counts from the start of each of its lines).</summary>
    public int CodeWidth => Columns.Widest(Indent.Length, Code);
}

/// <summary>A token or a block comment on a line, and whether a space separates it from the one before.</summary>
internal readonly record struct LayoutPiece(string Text, bool SpaceBefore, bool IsComment);
