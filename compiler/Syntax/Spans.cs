using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace VtdDsl.Compiler.Syntax;

/// <summary>Source spans of tokens and parse-tree nodes.</summary>
internal static class Spans
{
    public static SourceSpan Of(IToken token)
    {
        int line = token.Line;
        int column = token.Column + 1;
        if (token.Type == TokenConstants.EOF || token.StartIndex < 0)
        {
            int at = token.StartIndex < 0 ? 0 : token.StartIndex;
            return new SourceSpan(at, 0, line, column, line, column);
        }
        int length = token.StopIndex - token.StartIndex + 1;
        string text = token.Text ?? string.Empty;
        int lastNewline = text.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            return new SourceSpan(token.StartIndex, length, line, column, line, column + length);
        }
        int endLine = line + CountNewlines(text);
        return new SourceSpan(token.StartIndex, length, line, column, endLine, text.Length - lastNewline);
    }

    public static SourceSpan Of(ParserRuleContext context)
    {
        var start = Of(context.Start);
        var stop = context.Stop is { } last && last.StopIndex >= context.Start.StartIndex ? Of(last) : start;
        return start.Union(stop);
    }

    public static SourceSpan Of(ITerminalNode node) => Of(node.Symbol);

    /// <summary>True for a token the parser conjured up while recovering from an error.</summary>
    public static bool IsMissing(this IToken? token) => token is null || token.TokenIndex < 0 || token.StartIndex < 0;

    public static bool IsMissing(this ITerminalNode? node) => node is null || node.Symbol.IsMissing();

    private static int CountNewlines(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c == '\n') count++;
        }
        return count;
    }
}
