using System.Text;

namespace VtdDsl.Compiler.Formatting;

/// <summary>
/// Breaks a line of code wider than the maximum where the language's lists and arrows allow it:
/// after a comma (scope ranges, address widths, superpages, the devices of a <c>reserved</c> or
/// <c>group</c>, the domains of <c>functions</c>) and before <c>-&gt;</c>. It fills each line as
/// far as the width allows and continues one indentation level deeper than the statement. It
/// never breaks inside a token, next to a dot, before a comment (a comment that followed a
/// break would become a comment on its own line, and the next formatting would lay it out
/// differently) or after nothing but comments; a piece that is wider than the maximum by itself
/// (a long name, a list item with a long comment) stays whole on its line.
/// </summary>
internal static class LineBreaker
{
    /// <summary>The line itself when it fits or has nowhere to break; otherwise the lines it breaks into.</summary>
    public static IReadOnlyList<LayoutLine> Break(LayoutLine line, int maxWidth)
    {
        if (line.IsBlank || line.CodeWidth <= maxWidth) return new[] { line };
        var segments = Segments(line.Pieces);
        if (segments.Count < 2) return new[] { line };

        var lines = new List<LayoutLine>();
        var current = new LayoutLine(line.Indent, line.ContinuationIndent);
        current.Append(segments[0], spaceBefore: false, isComment: false);
        int column = Columns.End(line.Indent.Length, segments[0]);
        for (int i = 1; i < segments.Count; i++)
        {
            string segment = segments[i];
            if (Columns.FirstLineEnd(column + 1, segment) <= maxWidth)
            {
                current.Append(segment, spaceBefore: true, isComment: false);
                column = Columns.End(column + 1, segment);
                continue;
            }
            lines.Add(current);
            current = new LayoutLine(line.ContinuationIndent, line.ContinuationIndent);
            current.Append(segment, spaceBefore: false, isComment: false);
            column = Columns.End(line.ContinuationIndent.Length, segment);
        }
        current.TrailingComment = line.TrailingComment;
        lines.Add(current);
        return lines;
    }

    /// <summary>The line's code cut at every place a break is allowed.</summary>
    private static List<string> Segments(IReadOnlyList<LayoutPiece> pieces)
    {
        var segments = new List<string>();
        var segment = new StringBuilder();
        string? lastToken = null;
        foreach (var piece in pieces)
        {
            bool breakBefore = lastToken is not null && piece.SpaceBefore && !piece.IsComment && (lastToken == "," || piece.Text == "->");
            if (breakBefore)
            {
                segments.Add(segment.ToString());
                segment.Clear();
            }
            else if (piece.SpaceBefore && segment.Length > 0)
            {
                segment.Append(' ');
            }
            segment.Append(piece.Text);
            if (!piece.IsComment) lastToken = piece.Text;
        }
        segments.Add(segment.ToString());
        return segments;
    }
}
