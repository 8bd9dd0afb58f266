using System.IO;
using System.Threading;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;

namespace VtdDsl.Compiler.Syntax;

/// <summary>
/// Runs the generated ANTLR lexer and parser quietly: no console output (the generated code
/// would write to Console, which a generator must not do), syntax errors in the language's
/// words (<see cref="VtdErrorStrategy"/>).
/// </summary>
internal static class SyntaxParser
{
    public static VtdParser.SpecificationContext Parse(string filePath, string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var errors = new SyntaxErrorListener(filePath, diagnostics, cancellationToken);
        var lexer = new CancellableLexer(new AntlrInputStream(text), cancellationToken);
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(errors);
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        ReportUnterminatedComments(tokens, errors);
        ReportDashedNames(tokens, errors);

        // Two-stage parse: the fast SLL mode succeeds on almost every input; on its first
        // error, rewind and parse again in full LL mode with recovery to report every error.
        var parser = new VtdParser(tokens, TextWriter.Null, TextWriter.Null);
        parser.RemoveErrorListeners();
        parser.AddParseListener(new CancellationListener(cancellationToken));
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            return parser.specification();
        }
        catch (ParseCanceledException)
        {
            tokens.Seek(0);
            parser.Reset();
            parser.AddErrorListener(errors);
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new VtdErrorStrategy(errors);
            return parser.specification();
        }
    }

    /// <summary>The generated lexer, checking for cancellation every 1,024 tokens (a large file is lexed in one go by Fill).</summary>
    private sealed class CancellableLexer : VtdLexer
    {
        private readonly CancellationToken _cancellationToken;
        private int _tokens;

        public CancellableLexer(ICharStream input, CancellationToken cancellationToken)
            : base(input, TextWriter.Null, TextWriter.Null) => _cancellationToken = cancellationToken;

        public override IToken NextToken()
        {
            if ((++_tokens & 1023) == 0) _cancellationToken.ThrowIfCancellationRequested();
            return base.NextToken();
        }
    }

    /// <summary>Checks for cancellation as the parser enters each rule (every declaration and statement).</summary>
    private sealed class CancellationListener : Antlr4.Runtime.Tree.IParseTreeListener
    {
        private readonly CancellationToken _cancellationToken;

        public CancellationListener(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

        public void EnterEveryRule(ParserRuleContext ctx) => _cancellationToken.ThrowIfCancellationRequested();

        public void ExitEveryRule(ParserRuleContext ctx)
        {
        }

        public void VisitErrorNode(Antlr4.Runtime.Tree.IErrorNode node)
        {
        }

        public void VisitTerminal(Antlr4.Runtime.Tree.ITerminalNode node)
        {
        }
    }

    /// <summary>
    /// VTD0011 at the first `nic-pf` (usually its declaration): the parser takes it as a name, so
    /// the references that spell it the same way resolve and are not reported again.
    /// </summary>
    private static void ReportDashedNames(CommonTokenStream tokens, SyntaxErrorListener errors)
    {
        var reported = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (var token in tokens.GetTokens())
        {
            if (token.Type == VtdLexer.DASHED_NAME && reported.Add(token.Text))
            {
                string text = Binding.Literals.Shorten(token.Text);
                errors.ReportWithSuggestion(DiagnosticDescriptors.DashInName, Spans.Of(token), token.Text.Replace('-', '_'), text);
            }
        }
    }

    private static void ReportUnterminatedComments(CommonTokenStream tokens, SyntaxErrorListener errors)
    {
        foreach (var token in tokens.GetTokens())
        {
            if (token.Type == VtdLexer.BLOCK_COMMENT && (token.Text.Length < 4 || !token.Text.EndsWith("*/", System.StringComparison.Ordinal)))
            {
                errors.Report(DiagnosticDescriptors.UnterminatedComment, Spans.Of(token));
            }
        }
    }
}
