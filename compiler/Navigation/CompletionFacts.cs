using System.Collections.Generic;
using System.IO;
using System.Linq;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Navigation;

/// <summary>What may be written at a caret: keywords the grammar accepts there, and which kind of declared name.</summary>
public sealed record CompletionFacts(
    IReadOnlyList<string> Keywords,
    NameKind? Names,
    bool SourceIdOfDevice,
    bool AtDeclarationStart);

/// <summary>
/// Asks the generated parser what it expects at the caret: it parses the tokens before the
/// caret followed by end-of-file and collects the expected tokens at every decision it reaches
/// there (the grammar is the single source of truth for what may follow).
/// </summary>
public static class Completion
{
    public static CompletionFacts At(string text, int offset)
    {
        var lexer = new VtdLexer(new AntlrInputStream(text), TextWriter.Null, TextWriter.Null);
        lexer.RemoveErrorListeners();
        var prefix = new List<IToken>();
        for (var token = lexer.NextToken(); token.Type != TokenConstants.EOF; token = lexer.NextToken())
        {
            if (token.Channel != Lexer.DefaultTokenChannel) continue;
            int end = token.StopIndex + 1;
            bool before = end < offset || (end == offset && !IsWord(token));
            if (!before) break;
            prefix.Add(token);
        }
        var expected = ExpectedAfter(prefix);
        var keywords = expected.ToList()
            .Select(SyntaxTokens.KeywordOf)
            .Where(k => k is not null)
            .Select(k => k!)
            .Distinct()
            .OrderBy(k => k, System.StringComparer.Ordinal)
            .ToList();
        NameKind? names = expected.Contains(VtdLexer.NAME) ? ReferencedKind(prefix) : null;
        bool sourceId = expected.Contains(VtdLexer.PCI_ID) && prefix.Count > 0 && prefix[prefix.Count - 1].Type == VtdLexer.VIA;
        bool declarationStart = Depth(prefix) == 0 && (prefix.Count == 0 || prefix[prefix.Count - 1].Type is VtdLexer.SEMI or VtdLexer.RBRACE);
        return new CompletionFacts(keywords, names, sourceId, declarationStart);
    }

    private static bool IsWord(IToken token) =>
        token.Type is VtdLexer.NAME or VtdLexer.NUMBER or VtdLexer.SIZE_LITERAL or VtdLexer.PCI_ID || SyntaxTokens.KeywordOf(token.Type) is not null;

    private static int Depth(List<IToken> tokens)
    {
        int depth = 0;
        foreach (var token in tokens)
        {
            if (token.Type == VtdLexer.LBRACE) depth++;
            else if (token.Type == VtdLexer.RBRACE && depth > 0) depth--;
        }
        return depth;
    }

    /// <summary>The kind of name a reference at the end of the prefix names, or null where a new name is declared.</summary>
    private static NameKind? ReferencedKind(List<IToken> prefix)
    {
        if (prefix.Count == 0) return null;
        int last = prefix[prefix.Count - 1].Type;
        if (last == VtdLexer.INTERRUPT) return NameKind.Device;
        if (last == VtdLexer.PROCESS && prefix.Count >= 2 && prefix[prefix.Count - 2].Type == VtdLexer.ARROW) return NameKind.Process;
        if (last != VtdLexer.ARROW) return null;
        int start = prefix.Count - 1;
        while (start > 0 && prefix[start - 1].Type is not (VtdLexer.SEMI or VtdLexer.LBRACE or VtdLexer.RBRACE)) start--;
        return prefix[start].Type is VtdLexer.DEVICE or VtdLexer.PASID ? NameKind.Domain : null;
    }

    private static IntervalSet ExpectedAfter(List<IToken> prefix)
    {
        var parser = new VtdParser(new CommonTokenStream(new ListTokenSource(prefix)), TextWriter.Null, TextWriter.Null);
        parser.RemoveErrorListeners();
        var strategy = new CaretStrategy();
        parser.ErrorHandler = strategy;
        try
        {
            parser.specification();
        }
        catch (CaretReachedException)
        {
        }
        catch (RecognitionException)
        {
        }
        strategy.Expected.Remove(TokenConstants.EOF);
        return strategy.Expected;
    }

    private sealed class CaretReachedException : System.Exception
    {
    }

    /// <summary>Collects the expected tokens wherever the parser stands at the caret (the end-of-file token), then stops.</summary>
    private sealed class CaretStrategy : DefaultErrorStrategy
    {
        public IntervalSet Expected { get; } = new();

        private static bool AtCaret(Parser recognizer) => recognizer.CurrentToken.Type == TokenConstants.EOF;

        public override void Sync(Parser recognizer)
        {
            if (AtCaret(recognizer)) Expected.AddAll(recognizer.GetExpectedTokens());
            base.Sync(recognizer);
        }

        public override void ReportError(Parser recognizer, RecognitionException e)
        {
            if (AtCaret(recognizer)) Stop(recognizer);
            base.ReportError(recognizer, e);
        }

        public override IToken RecoverInline(Parser recognizer)
        {
            if (AtCaret(recognizer)) Stop(recognizer);
            return base.RecoverInline(recognizer);
        }

        public override void Recover(Parser recognizer, RecognitionException e)
        {
            if (AtCaret(recognizer)) Stop(recognizer);
            base.Recover(recognizer, e);
        }

        private void Stop(Parser recognizer)
        {
            Expected.AddAll(recognizer.GetExpectedTokens());
            throw new CaretReachedException();
        }
    }
}
