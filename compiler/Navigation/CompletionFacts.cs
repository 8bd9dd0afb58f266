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
        // A keyword the parser would take in the rule a name is taken in is a name spelled like
        // a keyword (keywords are contextual), not a keyword that fits here.
        var nameRule = expected.TryGetValue(VtdLexer.NAME, out var rule) ? rule : null;
        var keywords = expected
            .Where(e => nameRule is null || e.Value != nameRule)
            .Select(e => SyntaxTokens.KeywordOf(e.Key))
            .Where(k => k is not null)
            .Select(k => k!)
            .Distinct()
            .OrderBy(k => k, System.StringComparer.Ordinal)
            .ToList();
        NameKind? names = expected.ContainsKey(VtdLexer.NAME) ? ReferencedKind(prefix) : null;
        bool sourceId = expected.ContainsKey(VtdLexer.PCI_ID) && prefix.Count > 0 && prefix[prefix.Count - 1].Type == VtdLexer.VIA;
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
    /// to what the parser needs of the prefix and kept when the parser's first error (if any)
    /// comes after it. Finished statements and declarations are left out (the grammar has
    /// lists of independent statements inside brace blocks and of declarations at the top),
    /// so the cost does not grow with the file.
    /// </summary>
    private static Dictionary<int, Type> ExpectedAfter(List<IToken> prefix, Tuple<ITokenSource, ICharStream> source)
    {
        var context = Context(prefix);
        var accepted = new Dictionary<int, Type>();
        for (int type = 1; type <= VtdLexer._ATN.maxTokenType; type++)
        {
            if (type is VtdLexer.WS or VtdLexer.LINE_COMMENT or VtdLexer.BLOCK_COMMENT or VtdLexer.UNEXPECTED_CHAR) continue;
            if (Accepts(context, type, source) is { } rule) accepted.Add(type, rule);
        }
        return accepted;
    }

    /// <summary>
    /// The prefix reduced to the headers of the open blocks and the unfinished statement:
    /// <c>domain a { map … ; id 2; map 0x0</c> becomes <c>domain a { map 0x0</c>, and a closed
    /// block keeps only its braces.
    /// </summary>
    private static List<IToken> Context(List<IToken> prefix)
    {
        var kept = new List<IToken>();
        var starts = new Stack<int>();
        int start = 0;
        foreach (var token in prefix)
        {
            bool afterClosedBlock = kept.Count > start && kept[kept.Count - 1].Type == VtdLexer.RBRACE;
            if (afterClosedBlock && token.Type != VtdLexer.SEMI)
            {
                // The statement ended with its block; this token starts the next one.
                kept.RemoveRange(start, kept.Count - start);
            }
            switch (token.Type)
            {
                case VtdLexer.SEMI:
                    kept.RemoveRange(start, kept.Count - start);
                    break;
                case VtdLexer.LBRACE:
                    kept.Add(token);
                    starts.Push(start);
                    start = kept.Count;
                    break;
                case VtdLexer.RBRACE when starts.Count > 0:
                    kept.RemoveRange(start, kept.Count - start);
                    kept.Add(token);
                    start = starts.Pop();
                    break;
                default:
                    kept.Add(token);
                    break;
            }
        }
        return kept;
    }

    /// <summary>The parse-tree node type (rule or labelled alternative) that consumed the candidate, or null when the parser rejects it there.</summary>
    private static Type? Accepts(List<IToken> context, int candidate, Tuple<ITokenSource, ICharStream> source)
    {
        var tokens = new List<IToken>(context.Count + 1);
        foreach (var token in context)
        {
            tokens.Add(new CommonToken(token));
        }
        tokens.Add(new CommonToken(source, candidate, Lexer.DefaultTokenChannel, -1, -1) { Text = "x" });
        var parser = new VtdParser(new CommonTokenStream(new ListTokenSource(tokens)), TextWriter.Null, TextWriter.Null);
        parser.RemoveErrorListeners();
        var strategy = new FirstErrorStrategy();
        parser.ErrorHandler = strategy;
        var consumer = new CandidateListener(context.Count);
        parser.AddParseListener(consumer);
        parser.Interpreter.PredictionMode = Antlr4.Runtime.Atn.PredictionMode.SLL;
        try
        {
            parser.specification();
        }
        catch (ProbeFailedException)
        {
        }
        catch (RecognitionException exception)
        {
            return (exception.OffendingToken?.TokenIndex ?? -1) > context.Count ? consumer.Rule : null;
        }
        return strategy.FirstErrorIndex > context.Count ? consumer.Rule : null;
    }

    /// <summary>Stops the parse at its first error and remembers the index of the token it failed at.</summary>
    private sealed class FirstErrorStrategy : DefaultErrorStrategy
    {
        public int FirstErrorIndex { get; private set; } = int.MaxValue;

        private void Stop(IToken? token)
        {
            FirstErrorIndex = token?.TokenIndex ?? -1;
            throw new ProbeFailedException();
        }

        public override void ReportError(Parser recognizer, RecognitionException e) => Stop(e.OffendingToken ?? recognizer.CurrentToken);

        public override void Recover(Parser recognizer, RecognitionException e) => Stop(e.OffendingToken ?? recognizer.CurrentToken);

        public override IToken RecoverInline(Parser recognizer)
        {
            Stop(recognizer.CurrentToken);
            return recognizer.CurrentToken;
        }

        public override void Sync(Parser recognizer)
        {
            try
            {
                base.Sync(recognizer);
            }
            catch (RecognitionException e)
            {
                Stop(e.OffendingToken ?? recognizer.CurrentToken);
            }
        }

        protected override void ReportUnwantedToken(Parser recognizer) => Stop(recognizer.CurrentToken);

        protected override void ReportMissingToken(Parser recognizer) => Stop(recognizer.CurrentToken);
    }

    /// <summary>Notes the rule (or labelled alternative) that consumes the candidate token.</summary>
    private sealed class CandidateListener : Antlr4.Runtime.Tree.IParseTreeListener
    {
        private readonly int _index;

        public CandidateListener(int index) => _index = index;

        public Type Rule { get; private set; } = typeof(ParserRuleContext);

        public void VisitTerminal(Antlr4.Runtime.Tree.ITerminalNode node)
        {
            if (node.Symbol.TokenIndex == _index && node.Parent is ParserRuleContext parent) Rule = parent.GetType();
        }

        public void VisitErrorNode(Antlr4.Runtime.Tree.IErrorNode node)
        {
        }

        public void EnterEveryRule(ParserRuleContext ctx)
        {
        }

        public void ExitEveryRule(ParserRuleContext ctx)
        {
        }
    }

    private sealed class ProbeFailedException : Exception
    {
    }
}
