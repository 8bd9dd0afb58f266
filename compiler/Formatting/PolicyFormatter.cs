using System.Threading;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Formatting;

/// <summary>
/// The canonical layout of a <c>.vtd</c> file, computed from its tokens and comments (never from
/// the bound model, so it works on files with errors and loses nothing): one statement per
/// line (a block written on one line stays on one line while it fits), four spaces per brace
/// level, single spaces between tokens, every comment kept where it was (own line or end of
/// line, end-of-line comments of consecutive lines aligned), runs of blank lines kept as one
/// blank line. A line whose code is wider than <see cref="MaxLineWidth"/> is broken: its
/// one-line blocks get one statement per line, then it breaks after commas and before
/// <c>-&gt;</c> (<see cref="LineBreaker"/>). Formatting a formatted file changes nothing; the
/// tokens are checked to be unchanged.
/// </summary>
public static class PolicyFormatter
{
    /// <summary>
    /// The widest a line's code may be, in columns, before the formatter breaks it (end-of-line
    /// comments do not count). Fixed, like the rest of the layout, so that every editor and
    /// <c>vtd format --check</c> agree on what is formatted.
    /// </summary>
    public const int MaxLineWidth = 100;

    /// <summary>
    /// The formatted text, or null with the reason when the text cannot be laid out without
    /// changing its tokens (for example two dots that would merge into '..').
    /// </summary>
    public static string? Format(string text, out string? error, CancellationToken cancellationToken = default) =>
        Format(text, MaxLineWidth, out error, cancellationToken);

    /// <summary>The layout with another maximum width (the tests use narrow ones to break many lines).</summary>
    internal static string? Format(string text, int maxWidth, out string? error, CancellationToken cancellationToken = default)
    {
        var tokens = SyntaxTokens.Lex(text, cancellationToken);
        if (tokens.Count > 0 && tokens[tokens.Count - 1] is { Kind: SyntaxTokenKind.BlockComment } last && !last.Text.EndsWith("*/", StringComparison.Ordinal))
        {
            error = "the file ends in an unterminated comment ('/*' without '*/'); it is left as it is";
            return null;
        }
        // A one-line block on a line that is too wide gets one statement per line; laying the
        // file out again shows whether a block inside it (now on a line of its own) still is.
        var inlineBlocks = InlineBlocks(tokens);
        var layout = Lay(tokens, inlineBlocks, cancellationToken);
        for (var tooWide = layout.InlineBlocksOnLinesWiderThan(maxWidth); tooWide.Count > 0; tooWide = layout.InlineBlocksOnLinesWiderThan(maxWidth))
        {
            inlineBlocks.ExceptWith(tooWide);
            layout = Lay(tokens, inlineBlocks, cancellationToken);
        }
        string formatted = layout.Finish(maxWidth);
        if (!SameTokens(tokens, SyntaxTokens.Lex(formatted, cancellationToken)))
        {
            error = "the file's tokens would run together if laid out canonically; it is left as it is";
            return null;
        }
        error = null;
        return formatted;
    }

    private static LayoutWriter Lay(IReadOnlyList<SyntaxToken> tokens, HashSet<int> inlineBlocks, CancellationToken cancellationToken)
    {
        var layout = new LayoutWriter();
        int newlines = 0;
        bool first = true;
        for (int index = 0; index < tokens.Count; index++)
        {
            if ((index & 1023) == 1023) cancellationToken.ThrowIfCancellationRequested();
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
                layout.Token(token, index, newlines, first, inlineBlocks.Contains(index));
            }
            newlines = 0;
            first = false;
        }
        return layout;
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
}
