using System.Text;
using System.Threading;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Formatting;

/// <summary>
/// The canonical layout of a <c>.vtd</c> file, computed from its tokens and comments (never from
/// the bound model, so it works on files with errors and loses nothing): one statement per
/// line (a block written on one line stays on one line), four spaces per brace level, single
/// spaces between tokens, every comment kept where it was (own line or end of line, end-of-line
/// comments of consecutive lines aligned), runs of blank lines kept as one blank line.
/// Formatting a formatted file changes nothing; the tokens are checked to be unchanged.
/// </summary>
public static class PolicyFormatter
{
    private const string IndentUnit = "    ";

    /// <summary>
    /// The formatted text, or null with the reason when the text cannot be laid out without
    /// changing its tokens (for example two dots that would merge into '..').
    /// </summary>
    public static string? Format(string text, out string? error, CancellationToken cancellationToken = default)
    {
        var tokens = SyntaxTokens.Lex(text, cancellationToken);
        if (tokens.Count > 0 && tokens[tokens.Count - 1] is { Kind: SyntaxTokenKind.BlockComment } last && !last.Text.EndsWith("*/", StringComparison.Ordinal))
        {
            error = "the file ends in an unterminated comment ('/*' without '*/'); it is left as it is";
            return null;
        }
        var inlineBlocks = InlineBlocks(tokens);
        var layout = new LayoutWriter();
        int newlines = 0;
        bool first = true;
        for (int index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Kind == SyntaxTokenKind.Whitespace)
            {
                newlines += CountNewlines(token.Text);
                continue;
            }
            if (token.IsComment)
            {
                layout.Comment(token, newlines, first);
            }
            else
            {
                layout.Token(token, newlines, first, inlineBlocks.Contains(index));
            }
            newlines = 0;
            first = false;
        }
        string formatted = layout.Finish();
        if (!SameTokens(tokens, SyntaxTokens.Lex(formatted, cancellationToken)))
        {
            error = "the file's tokens would run together if laid out canonically; it is left as it is";
            return null;
        }
        error = null;
        return formatted;
    }

    /// <summary>
    /// The opening braces of blocks written on one line without comments (<c>{ ats; }</c>): they
    /// stay on one line. Every other block gets one statement per line.
    /// </summary>
    private static HashSet<int> InlineBlocks(IReadOnlyList<SyntaxToken> tokens)
    {
        var inline = new HashSet<int>();
        var open = new Stack<(int Index, bool OneLine)>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Text == "{" && token.Kind == SyntaxTokenKind.Punctuation)
            {
                open.Push((i, true));
            }
            else if (token.Text == "}" && token.Kind == SyntaxTokenKind.Punctuation && open.Count > 0)
            {
                var (index, oneLine) = open.Pop();
                if (oneLine) inline.Add(index);
                if (open.Count > 0) open.Push((open.Pop().Index, false));
            }
            else if (open.Count > 0 && (token.IsComment || (token.Kind == SyntaxTokenKind.Whitespace && token.Text.IndexOf('\n') >= 0)))
            {
                open.Push((open.Pop().Index, false));
            }
        }
        return inline;
    }

    /// <summary>True when formatting would change nothing.</summary>
    public static bool IsFormatted(string text) => Format(text, out _) is { } formatted && formatted == text;

    private static int CountNewlines(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c == '\n') count++;
        }
        return count;
    }

    /// <summary>The safety net: the layout may only change whitespace and line comments' trailing blanks.</summary>
    private static bool SameTokens(IReadOnlyList<SyntaxToken> before, IReadOnlyList<SyntaxToken> after)
    {
        var left = Significant(before);
        var right = Significant(after);
        if (left.Count != right.Count) return false;
        for (int i = 0; i < left.Count; i++)
        {
            if (left[i].Type != right[i].Type || Canonical(left[i]) != Canonical(right[i])) return false;
        }
        return true;
    }

    /// <summary>Line comments lose trailing blanks; everything else is kept exactly.</summary>
    private static string Canonical(SyntaxToken token) => token.Kind == SyntaxTokenKind.LineComment ? token.Text.TrimEnd() : token.Text;

    private static List<SyntaxToken> Significant(IReadOnlyList<SyntaxToken> tokens)
    {
        var list = new List<SyntaxToken>(tokens.Count);
        foreach (var token in tokens)
        {
            if (token.Kind != SyntaxTokenKind.Whitespace) list.Add(token);
        }
        return list;
    }

    /// <summary>Builds the output line by line.</summary>
    private sealed class LayoutWriter
    {
        private readonly List<Line> _lines = new();
        private Line? _current;
        private int _depth;
        private string? _last;
        private string? _lastWritten;
        private int _inlineDepth;
        private bool _midStatement;

        private sealed class Line
        {
            public string Indent = string.Empty;
            public readonly StringBuilder Code = new();
            public string? TrailingComment;
            public bool IsBlank;
        }

        public void Token(SyntaxToken token, int newlinesBefore, bool first, bool opensInlineBlock)
        {
            string text = token.Text;
            if (_inlineDepth > 0)
            {
                // Inside a one-line block: single spaces, no line breaks.
                if (text == "{") _inlineDepth++;
                if (text == "}") _inlineDepth--;
                if (NeedsSpace(_lastWritten, text)) _current!.Code.Append(' ');
                _current!.Code.Append(text);
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
                _current!.Code.Append(text);
            }
            else
            {
                if (NeedsSpace(_lastWritten, text)) _current!.Code.Append(' ');
                _current!.Code.Append(text);
            }
            if (text == "{" && !opensInlineBlock) _depth++;
            _last = text;
            _lastWritten = text;
            _midStatement = text is not (";" or "{" or "}");
        }

        public void Comment(SyntaxToken comment, int newlinesBefore, bool first)
        {
            string text = comment.Kind == SyntaxTokenKind.LineComment ? comment.Text.TrimEnd() : comment.Text;
            bool trailing = newlinesBefore == 0 && _current is { TrailingComment: null, IsBlank: false } && _current.Code.Length > 0;
            if (trailing && comment.Kind == SyntaxTokenKind.LineComment)
            {
                _current!.TrailingComment = text;
                return;
            }
            if (trailing)
            {
                _current!.Code.Append(' ').Append(text);
                _lastWritten = text;
                return;
            }
            StartLine(newlinesBefore, first, closing: false, continuation: _midStatement);
            _current!.Code.Append(text);
            _lastWritten = text;
            if (comment.Kind == SyntaxTokenKind.LineComment)
            {
                // Nothing may follow a line comment on its line.
                _current.TrailingComment = string.Empty;
            }
        }

        private void StartLine(int newlinesBefore, bool first, bool closing, bool continuation)
        {
            bool afterOpen = _last == "{" && _current is { Code.Length: > 0 } && _current.Code[_current.Code.Length - 1] == '{';
            if (!first && newlinesBefore >= 2 && !closing && !afterOpen && _lines.Count > 0)
            {
                _lines.Add(new Line { IsBlank = true });
            }
            _current = new Line { Indent = Indent(_depth + (continuation ? 1 : 0)) };
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

        public string Finish()
        {
            AlignTrailingComments();
            var output = new StringBuilder();
            foreach (var line in _lines)
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

        /// <summary>End-of-line comments of consecutive lines start in one column, two spaces after the longest code.</summary>
        private void AlignTrailingComments()
        {
            int start = 0;
            while (start < _lines.Count)
            {
                if (!IsTrailing(_lines[start]))
                {
                    start++;
                    continue;
                }
                int end = start;
                int width = 0;
                while (end < _lines.Count && IsTrailing(_lines[end]))
                {
                    width = Math.Max(width, Width(_lines[end]));
                    end++;
                }
                for (int i = start; i < end; i++)
                {
                    var line = _lines[i];
                    line.TrailingComment = new string(' ', width + 2 - Width(line)) + line.TrailingComment;
                }
                start = end;
            }
        }

        private static bool IsTrailing(Line line) =>
            !line.IsBlank && line.TrailingComment is { Length: > 0 } && line.Code.Length > 0 && line.Code.ToString().IndexOf('\n') < 0;

        private static int Width(Line line) => line.Indent.Length + line.Code.Length;
    }
}
