using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Antlr4.Runtime;
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
        var expected = ExpectedAfter(prefix, Tuple.Create<ITokenSource, ICharStream>(lexer, (ICharStream)lexer.InputStream));
        var keywords = expected
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

    /// <summary>
    /// The token types the grammar accepts right after the prefix: each candidate is appended
    /// to the declaration the caret is in and kept when the parser's first error (if any) comes
    /// after it. Only the current declaration is parsed (the specification is a sequence of
    /// declarations), so the cost does not grow with the file.
    /// </summary>
    private static HashSet<int> ExpectedAfter(List<IToken> prefix, Tuple<ITokenSource, ICharStream> source)
    {
        int start = DeclarationStart(prefix);
        var declaration = prefix.GetRange(start, prefix.Count - start);
        var accepted = new HashSet<int>();
        for (int type = 1; type <= VtdLexer._ATN.maxTokenType; type++)
        {
            if (type is VtdLexer.WS or VtdLexer.LINE_COMMENT or VtdLexer.BLOCK_COMMENT or VtdLexer.UNEXPECTED_CHAR) continue;
            if (Accepts(declaration, type, source)) accepted.Add(type);
        }
        return accepted;
    }

    /// <summary>The index of the first token of the top-level declaration the prefix ends in.</summary>
    private static int DeclarationStart(List<IToken> prefix)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < prefix.Count; i++)
        {
            int type = prefix[i].Type;
            if (type == VtdLexer.LBRACE) depth++;
            else if (type == VtdLexer.RBRACE && depth > 0) depth--;
            bool ends = depth == 0 && (type == VtdLexer.SEMI || (type == VtdLexer.RBRACE && (i + 1 >= prefix.Count || prefix[i + 1].Type != VtdLexer.SEMI)));
            if (ends) start = i + 1;
        }
        return start;
    }

    private static bool Accepts(List<IToken> declaration, int candidate, Tuple<ITokenSource, ICharStream> source)
    {
        var tokens = new List<IToken>(declaration.Count + 1);
        foreach (var token in declaration)
        {
            tokens.Add(new CommonToken(token));
        }
        tokens.Add(new CommonToken(source, candidate, Lexer.DefaultTokenChannel, -1, -1) { Text = "x" });
        var parser = new VtdParser(new CommonTokenStream(new ListTokenSource(tokens)), TextWriter.Null, TextWriter.Null);
        parser.RemoveErrorListeners();
        var strategy = new FirstErrorStrategy();
        parser.ErrorHandler = strategy;
        parser.Interpreter.PredictionMode = Antlr4.Runtime.Atn.PredictionMode.LL;
        try
        {
            parser.specification();
        }
        catch (RecognitionException)
        {
        }
        return strategy.FirstErrorIndex > declaration.Count;
    }

    /// <summary>Remembers the index of the token at which the parser first failed.</summary>
    private sealed class FirstErrorStrategy : DefaultErrorStrategy
    {
        public int FirstErrorIndex { get; private set; } = int.MaxValue;

        private void Note(IToken? token)
        {
            if (token is not null && token.TokenIndex < FirstErrorIndex) FirstErrorIndex = token.TokenIndex;
        }

        public override void ReportError(Parser recognizer, RecognitionException e)
        {
            Note(e.OffendingToken ?? recognizer.CurrentToken);
            base.ReportError(recognizer, e);
        }

        protected override void ReportUnwantedToken(Parser recognizer)
        {
            Note(recognizer.CurrentToken);
            base.ReportUnwantedToken(recognizer);
        }

        protected override void ReportMissingToken(Parser recognizer)
        {
            Note(recognizer.CurrentToken);
            base.ReportMissingToken(recognizer);
        }
    }
}
