using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace VtdDsl.Compiler.Syntax;

/// <summary>
/// ANTLR's recovery, reporting in the language's words: a missing `;` at the end of the
/// previous token (VTD0006), a body left open at its opening brace (VTD0007), anything else as
/// an unexpected token naming what was expected (VTD0001). A declaration keyword inside an
/// unclosed body ends the body, so the declarations after it still parse (one error, no cascade).
/// </summary>
internal sealed class VtdErrorStrategy : DefaultErrorStrategy
{
    private readonly SyntaxErrorListener _errors;

    public VtdErrorStrategy(SyntaxErrorListener errors) => _errors = errors;

    public override void Sync(Parser recognizer)
    {
        if (OpeningBrace(recognizer.Context) is not null && EndsBody(recognizer.InputStream.LA(1)))
        {
            return; // leave the statement loop: the body's '}' is reported missing at its '{'
        }
        base.Sync(recognizer);
    }

    protected override void ReportMissingToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer)) return;
        BeginErrorCondition(recognizer);
        Explain(recognizer, recognizer.CurrentToken, GetExpectedTokens(recognizer), missing: true);
    }

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer)) return;
        BeginErrorCondition(recognizer);
        Explain(recognizer, recognizer.CurrentToken, GetExpectedTokens(recognizer), missing: false);
    }

    protected override void ReportInputMismatch(Parser recognizer, InputMismatchException e) =>
        Explain(recognizer, e.OffendingToken, e.GetExpectedTokens(), missing: false);

    protected override void ReportNoViableAlternative(Parser recognizer, NoViableAltException e) =>
        Explain(recognizer, e.OffendingToken, e.GetExpectedTokens(), missing: false);

    protected override void ReportFailedPredicate(Parser recognizer, FailedPredicateException e) =>
        Explain(recognizer, e.OffendingToken, e.GetExpectedTokens(), missing: false);

    private void Explain(Parser recognizer, IToken found, IntervalSet expected, bool missing)
    {
        var previous = Previous(recognizer, found);
        if (expected.Contains(VtdLexer.RBRACE) && EndsBody(found.Type) && OpeningBrace(recognizer.Context) is { } brace)
        {
            _errors.Report(DiagnosticDescriptors.UnclosedBrace, Spans.Of(brace.Token), Owner(brace.Context));
            return;
        }
        bool endsStatement = missing || found.Type == TokenConstants.EOF || found.Type == VtdLexer.RBRACE
            || StartsDeclaration(found.Type) || (previous is not null && found.Line > previous.Line);
        if (previous is not null && endsStatement && expected.Contains(VtdLexer.SEMI))
        {
            _errors.Report(DiagnosticDescriptors.MissingToken, After(previous), "`;`", "`" + previous.Text + "`");
            return;
        }
        if (previous is not null && missing)
        {
            _errors.Report(DiagnosticDescriptors.MissingToken, After(previous), TokenWords.Describe(expected), "`" + previous.Text + "`");
            return;
        }
        _errors.Report(DiagnosticDescriptors.UnexpectedToken, Spans.Of(found), TokenWords.Found(found), TokenWords.Describe(expected));
    }

    /// <summary>A zero-length span just after a token: where the missing token belongs.</summary>
    private static SourceSpan After(IToken token)
    {
        var span = Spans.Of(token);
        return new SourceSpan(span.Start + span.Length, 0, span.EndLine, span.EndColumn, span.EndLine, span.EndColumn);
    }

    /// <summary>The last token on the default channel before <paramref name="token"/>.</summary>
    private static IToken? Previous(Parser recognizer, IToken token)
    {
        var stream = (ITokenStream)recognizer.InputStream;
        for (int i = token.TokenIndex - 1; i >= 0; i--)
        {
            var candidate = stream.Get(i);
            if (candidate.Channel == TokenConstants.DefaultChannel) return candidate;
        }
        return null;
    }

    /// <summary>End of file, or a word that can only start a declaration: an open body ends before it.</summary>
    private static bool EndsBody(int type) => type == TokenConstants.EOF || StartsDeclaration(type);

    private static bool StartsDeclaration(int type) => type is VtdLexer.POLICY or VtdLexer.IOMMU or VtdLexer.MEMORY
        or VtdLexer.PROTECT or VtdLexer.DOMAIN or VtdLexer.DEVICE or VtdLexer.FUNCTIONS or VtdLexer.INTERRUPT;

    /// <summary>The `{` of the body being parsed and the rule that opened it, or null outside a body.</summary>
    private static (IToken Token, ParserRuleContext Context)? OpeningBrace(ParserRuleContext? context)
    {
        for (var current = context; current is not null; current = current.Parent as ParserRuleContext)
        {
            var brace = current switch
            {
                VtdParser.IommuDeclContext unit => unit.LBRACE(),
                VtdParser.DomainBodyContext body => body.LBRACE(),
                VtdParser.DeviceBodyContext body => body.LBRACE(),
                VtdParser.InterruptBodyContext body => body.LBRACE(),
                _ => null,
            };
            if (brace is not null && !brace.Symbol.IsMissing()) return (brace.Symbol, current);
            if (current is VtdParser.DeclarationContext or VtdParser.BracedContext) return null;
        }
        return null;
    }

    /// <summary>What the body belongs to, e.g. <c>domain 'vm1'</c>.</summary>
    private static string Owner(ParserRuleContext context) => context switch
    {
        VtdParser.IommuDeclContext unit => "iommu " + Quoted(unit.name()),
        VtdParser.DomainBodyContext { Parent: VtdParser.DomainDeclContext domain } => "domain " + Quoted(domain.name()),
        VtdParser.DeviceBodyContext { Parent: VtdParser.DeviceDeclContext device } =>
            "device " + (device.deviceName is { } name ? Quoted(name) : device.source?.GetText() ?? "?"),
        VtdParser.InterruptBodyContext { Parent: VtdParser.InterruptDeclContext interrupt } => "the interrupt of " + Quoted(interrupt.device),
        _ => "this body",
    };

    private static string Quoted(VtdParser.NameContext? name) => name is null || name.Start.IsMissing() ? "?" : "'" + name.Start.Text + "'";
}
