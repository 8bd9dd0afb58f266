using VtdDsl.Compiler.Syntax;

namespace VtdDsl.LanguageServer.Features;

/// <summary><c>textDocument/foldingRange</c>: brace blocks, block comments and runs of line comments.</summary>
public static class FoldingFeature
{
    public static List<FoldingRange> Ranges(DocumentSnapshot snapshot)
    {
        var ranges = new List<FoldingRange>();
        var open = new Stack<int>();
        int commentStart = -1, commentEnd = -1;
        foreach (var token in SyntaxTokens.Lex(snapshot.Text, snapshot.Stale))
        {
            int line = snapshot.Lines.PositionOf(token.Span.Start).Line;
            if (token.Kind == SyntaxTokenKind.LineComment)
            {
                if (commentStart >= 0 && line == commentEnd + 1)
                {
                    commentEnd = line;
                    continue;
                }
                AddComments(ranges, commentStart, commentEnd);
                commentStart = commentEnd = line;
                continue;
            }
            if (token.Kind == SyntaxTokenKind.Whitespace) continue;
            AddComments(ranges, commentStart, commentEnd);
            commentStart = commentEnd = -1;
            if (token.Kind == SyntaxTokenKind.BlockComment)
            {
                int last = snapshot.Lines.PositionOf(token.Span.End).Line;
                if (last > line) ranges.Add(new FoldingRange(line, last, "comment"));
            }
            else if (token.Text == "{")
            {
                open.Push(line);
            }
            else if (token.Text == "}" && open.Count > 0)
            {
                int first = open.Pop();
                if (line - 1 > first) ranges.Add(new FoldingRange(first, line - 1, null));
            }
        }
        AddComments(ranges, commentStart, commentEnd);
        ranges.Sort((a, b) => a.StartLine.CompareTo(b.StartLine));
        return ranges;
    }

    private static void AddComments(List<FoldingRange> ranges, int first, int last)
    {
        if (first >= 0 && last > first) ranges.Add(new FoldingRange(first, last, "comment"));
    }
}
