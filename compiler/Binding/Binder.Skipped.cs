using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

/// <summary>
/// Declarations and statements the parser could not read: a misspelled keyword is reported once
/// with the keyword meant (VTD0010, VTD0016), and every word of a declaration that failed to
/// parse is remembered as a name that may be declared there, so no follow-on "not declared"
/// error repeats the syntax error.
/// </summary>
internal sealed partial class Binder
{
    private static readonly string[] DeclarationKeywords =
        { "policy", "iommu", "memory", "protect", "process", "domain", "device", "functions", "interrupt" };

    private static readonly string[] UnitStatementKeywords =
        { "segment", "scope", "address-width", "domains", "superpages", "passthrough", "interrupts", "mode", "pasid-bits" };

    private static readonly string[] DomainStatementKeywords = { "id", "address-width", "map", "identity", "passthrough" };

    private static readonly string[] DeviceStatementKeywords = { "ats", "pri", "pasid" };

    private static readonly string[] InterruptStatementKeywords = { "index", "mode", "trigger" };

    private void BindSkippedDeclarations(VtdParser.DeclarationContext[] declarations)
    {
        foreach (var declaration in declarations)
        {
            if (declaration.unknownDecl() is { } unknown && !unknown.word.IsMissing())
            {
                string word = unknown.word.Text;
                _context.ReportWithSuggestion(DiagnosticDescriptors.UnknownDeclaration, Spans.Of(unknown.word),
                    Suggestions.Closest(word, DeclarationKeywords, ignoreCase: true), Literals.Shorten(word));
                RememberWords(unknown, except: unknown.word);
            }
            else if (HasSyntaxError(declaration))
            {
                RememberWords(declaration, except: null);
            }
        }
    }

    /// <summary>VTD0016 for a statement that starts with no statement keyword of its body.</summary>
    private void ReportUnknownStatement(VtdParser.UnknownStatementContext? statement, string owner, string[] keywords)
    {
        if (statement?.word is not { } word || word.IsMissing()) return;
        _context.ReportWithSuggestion(DiagnosticDescriptors.UnknownStatement, Spans.Of(word),
            Suggestions.Closest(word.Text, keywords, ignoreCase: true), Literals.Shorten(word.Text), owner);
    }

    private void RememberWords(IParseTree tree, IToken? except)
    {
        if (tree is ITerminalNode terminal)
        {
            var token = terminal.Symbol;
            if (token != except && !token.IsMissing() && token.Text.Length > 0 && (char.IsLetter(token.Text[0]) || token.Text[0] == '_'))
            {
                _context.BrokenNames.Add(token.Text);
            }
            return;
        }
        for (int i = 0; i < tree.ChildCount; i++)
        {
            RememberWords(tree.GetChild(i), except);
        }
    }

    private static bool HasSyntaxError(IParseTree tree)
    {
        switch (tree)
        {
            case IErrorNode:
                return true;
            case ITerminalNode terminal:
                return terminal.Symbol.IsMissing();
            case ParserRuleContext rule when rule.exception is not null:
                return true;
        }
        for (int i = 0; i < tree.ChildCount; i++)
        {
            if (HasSyntaxError(tree.GetChild(i))) return true;
        }
        return false;
    }
}
