using System.Text;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Formatting;

/// <summary>Builds the formatter's output line by line from the tokens and comments, in order.</summary>
internal sealed class LayoutWriter
{
    private const string IndentUnit = "    ";

    private readonly List<LayoutLine> _lines = new();
    private LayoutLine? _current;
    private int _depth;
    private string? _last;
    private string? _lastWritten;
    private int _inlineDepth;
    private bool _midStatement;

    public void Token(SyntaxToken token, int tokenIndex, int newlinesBefore, bool first, bool opensInlineBlock)
    {
        string text = token.Text;
        if (_inlineDepth > 0)
        {
            // Inside a one-line block: single spaces, no line breaks.
            if (text == "{") _inlineDepth++;
            if (text == "}") _inlineDepth--;
            _current!.Append(text, NeedsSpace(_lastWritten, text), isComment: false);
            _last = _lastWritten = text;
            _midStatement = _inlineDepth > 0 || text is not (";" or "}");
            return;
        }
        if (opensInlineBlock)
        {
            _inlineDepth = 1;
        }
        if (text == "}")
        {
            _depth = _depth > 0 ? _depth - 1 : 0;
        }
        bool closesBodyWithSemicolon = text == ";" && _last == "}" && newlinesBefore < 2;
        bool newLine = _current is null
            || (_current.TrailingComment is not null)
            || text == "}"
            || (!closesBodyWithSemicolon && _last is ";" or "{" or "}");
        if (newLine)
        {
            StartLine(newlinesBefore, first, closing: text == "}", continuation: _midStatement && text != "}");
            _current!.Append(text, spaceBefore: false, isComment: false);
        }
        else
        {
            _current!.Append(text, NeedsSpace(_lastWritten, text), isComment: false);
        }
        if (opensInlineBlock) _current.AddInlineBlock(tokenIndex);
        if (text == "{" && !opensInlineBlock) _depth++;
        _last = text;
        _lastWritten = text;
        _midStatement = text is not (";" or "{" or "}");
    }

    public void Comment(SyntaxToken comment, int newlinesBefore, bool first)
    {
        string text = comment.Kind == SyntaxTokenKind.LineComment ? comment.Text.TrimEnd() : comment.Text;
        bool trailing = newlinesBefore == 0 && _current is { TrailingComment: null, IsBlank: false } && _current.CodeLength > 0;
        if (trailing && comment.Kind == SyntaxTokenKind.LineComment)
        {
            _current!.TrailingComment = text;
            return;
        }
        if (trailing)
        {
            _current!.Append(text, spaceBefore: true, isComment: true);
            _lastWritten = text;
            return;
        }
        StartLine(newlinesBefore, first, closing: false, continuation: _midStatement);
        _current!.Append(text, spaceBefore: false, isComment: true);
        _lastWritten = text;
        if (comment.Kind == SyntaxTokenKind.LineComment)
        {
            // Nothing may follow a line comment on its line.
            _current.TrailingComment = string.Empty;
        }
    }

    /// <summary>The opening braces of the one-line blocks that stand on a line wider than <paramref name="maxWidth"/>.</summary>
    public List<int> InlineBlocksOnLinesWiderThan(int maxWidth)
    {
        var blocks = new List<int>();
        foreach (var line in _lines)
        {
            if (line.InlineBlocks.Count > 0 && line.CodeWidth > maxWidth) blocks.AddRange(line.InlineBlocks);
        }
        return blocks;
    }

    /// <summary>The text: lines wider than <paramref name="maxWidth"/> broken where they may be, end-of-line comments aligned.</summary>
    public string Finish(int maxWidth)
    {
        var lines = new List<LayoutLine>(_lines.Count);
        foreach (var line in _lines) lines.AddRange(LineBreaker.Break(line, maxWidth));
        AlignTrailingComments(lines);
        var output = new StringBuilder();
        foreach (var line in lines)
        {
            if (!line.IsBlank)
            {
                output.Append(line.Indent).Append(line.Code);
                if (line.TrailingComment is { Length: > 0 } comment) output.Append(comment);
            }
            output.Append('\n');
        }
        return output.ToString();
    }

    private void StartLine(int newlinesBefore, bool first, bool closing, bool continuation)
    {
        bool afterOpen = _last == "{" && _current is { CodeLength: > 0 } && _current.LastCodeChar == '{';
        if (!first && newlinesBefore >= 2 && !closing && !afterOpen && _lines.Count > 0)
        {
            _lines.Add(LayoutLine.Blank());
        }
        _current = new LayoutLine(Indent(_depth + (continuation ? 1 : 0)), Indent(_depth + 1));
        _lines.Add(_current);
    }

    private static string Indent(int depth)
    {
        var indent = new StringBuilder(depth * IndentUnit.Length);
        for (int i = 0; i < depth; i++) indent.Append(IndentUnit);
        return indent.ToString();
    }

    private static bool NeedsSpace(string? previous, string next) =>
        previous is not null && next is not (";" or "," or ".") && previous != ".";

    /// <summary>End-of-line comments of consecutive lines start in one column, two spaces after the longest code.</summary>
    private static void AlignTrailingComments(List<LayoutLine> lines)
    {
        int start = 0;
        while (start < lines.Count)
        {
            if (!IsTrailing(lines[start]))
            {
                start++;
                continue;
            }
            int end = start;
            int width = 0;
            while (end < lines.Count && IsTrailing(lines[end]))
            {
                width = Math.Max(width, Width(lines[end]));
                end++;
            }
            for (int i = start; i < end; i++)
            {
                var line = lines[i];
                line.TrailingComment = new string(' ', width + 2 - Width(line)) + line.TrailingComment;
            }
            start = end;
        }
    }

    private static bool IsTrailing(LayoutLine line) =>
        !line.IsBlank && line.TrailingComment is { Length: > 0 } && line.CodeLength > 0 && line.Code.IndexOf('\n') < 0;

    private static int Width(LayoutLine line) => line.Indent.Length + line.CodeLength;
}
