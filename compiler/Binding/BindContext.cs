using System.Threading;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

/// <summary>What every part of the binder shares: the file, the diagnostics and literal reading.</summary>
internal sealed class BindContext
{
    public BindContext(string filePath, DiagnosticBag diagnostics, CancellationToken cancellationToken, NameRecorder? names = null)
    {
        FilePath = filePath;
        Diagnostics = diagnostics;
        CancellationToken = cancellationToken;
        Names = names;
    }

    /// <summary>Where declared and looked-up names are recorded for navigation; null when nobody asked.</summary>
    public NameRecorder? Names { get; }

    public string FilePath { get; }
    public DiagnosticBag Diagnostics { get; }
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Names that appear in declarations the parser had to skip (VTD0010 and other syntax
    /// errors): they may well be declared there, so a reference to one is not reported as
    /// unknown — the syntax error is the one problem to fix.
    /// </summary>
    public HashSet<string> BrokenNames { get; } = new(System.StringComparer.Ordinal);

    public SourceLocation Locate(SourceSpan span) => new(FilePath, span);

    /// <summary>
    /// VTD1002/VTD1003/VTD6005 for a name no declaration of its kind has, suggesting the closest
    /// declared one; nothing when the name sits in a declaration that failed to parse.
    /// </summary>
    public void ReportUnknownName(DiagnosticDescriptor descriptor, SourceSpan span, string name, IEnumerable<string> declared)
    {
        if (BrokenNames.Contains(name)) return;
        Diagnostics.Add(Diagnostic.CreateWithSuggestion(descriptor, Locate(span), Suggestions.Closest(name, declared), name));
    }

    public void ReportWithSuggestion(DiagnosticDescriptor descriptor, SourceSpan span, string? suggestion, params object?[] arguments) =>
        Diagnostics.Add(Diagnostic.CreateWithSuggestion(descriptor, Locate(span), suggestion, arguments));

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] arguments) =>
        Diagnostics.Add(Diagnostic.Create(descriptor, Locate(span), arguments));

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, SourceSpan related, params object?[] arguments) =>
        Diagnostics.Add(Diagnostic.Create(descriptor, Locate(span), Locate(related), arguments));

    /// <summary>The value of a number, or null when it is missing (already a syntax error) or malformed (VTD0002).</summary>
    public ulong? Number(VtdParser.NumberContext? number)
    {
        var token = number?.Start;
        if (token.IsMissing() || (number!.NUMBER() is null && number.NUMBER_WITH_WORD() is null))
        {
            return null;
        }
        if (!Literals.TryParseNumber(token!.Text, out ulong value, out var error))
        {
            Report(error!, Spans.Of(token), Literals.Shorten(token.Text));
            return null;
        }
        return value;
    }

    /// <summary>The value of a size, or null when missing, malformed (VTD0002) or zero/overflowing (VTD0004).</summary>
    public ulong? Size(VtdParser.SizeContext? size)
    {
        var token = size?.Start;
        if (size is null || token.IsMissing() || (size.NUMBER() is null && size.SIZE_LITERAL() is null && size.NUMBER_WITH_WORD() is null))
        {
            return null;
        }
        if (size.NUMBER_WITH_WORD() is { } glued)
        {
            ReportSizeUnit(glued.Symbol);
            return null;
        }
        if (size.spacedUnit is { } spaced && !spaced.IsMissing())
        {
            ReportSpacedUnit(token!, spaced);
            return null;
        }
        if (!Literals.TryParseSize(token!.Text, out ulong value, out var error))
        {
            Report(error!, Spans.Of(token), Literals.Shorten(token.Text));
            return null;
        }
        return value;
    }

    public PciAddress? SourceId(VtdParser.SourceIdContext? sourceId)
    {
        var token = sourceId?.PCI_ID()?.Symbol;
        if (token.IsMissing())
        {
            return null;
        }
        if (!Literals.TryParseSourceId(token!.Text, out var address, out var error))
        {
            Report(error!, Spans.Of(token), Literals.Shorten(token.Text));
            return null;
        }
        return address;
    }

    /// <summary>VTD0008 for `2GB`: the word after the digits is not a unit (or, when the digits are not a number, VTD0002).</summary>
    private void ReportSizeUnit(IToken token)
    {
        var (digits, unit) = SizeUnits.Split(token.Text);
        if (!Literals.TryParseNumber(digits, out _, out var numberError))
        {
            Report(numberError!, Spans.Of(token), Literals.Shorten(token.Text));
            return;
        }
        var span = Spans.Of(token);
        int offset = digits.Length;
        var unitSpan = new SourceSpan(span.Start + offset, span.Length - offset, span.Line, span.Column + offset, span.EndLine, span.EndColumn);
        ReportWithSuggestion(DiagnosticDescriptors.UnknownSizeUnit, unitSpan, SizeUnits.Closest(unit), Literals.Shorten(unit));
    }

    /// <summary>VTD0009 for `2 GiB` (or VTD0008 when the separated word is no unit either).</summary>
    private void ReportSpacedUnit(IToken number, IToken unit)
    {
        var span = Spans.Of(number).Union(Spans.Of(unit));
        if (SizeUnits.IsUnit(unit.Text))
        {
            Report(DiagnosticDescriptors.SpaceBeforeSizeUnit, span, unit.Text, number.Text + unit.Text);
            return;
        }
        ReportWithSuggestion(DiagnosticDescriptors.UnknownSizeUnit, Spans.Of(unit), SizeUnits.Closest(unit.Text), Literals.Shorten(unit.Text));
    }

    public static string? Name(IToken? token) => token.IsMissing() ? null : token!.Text;

    /// <summary>The text of a name (any identifier, keywords included), or null when the parser conjured it up.</summary>
    public static string? Name(VtdParser.NameContext? name) =>
        name is null || name.ChildCount == 0 || name.Start.IsMissing() ? null : name.Start.Text;

    public static string? Name(ITerminalNode? node) => node.IsMissing() ? null : node!.Symbol.Text;

    public static SourceSpan Span(ParserRuleContext? context) => context is null ? default : Spans.Of(context);

    public static SourceSpan Span(IToken? token) => token is null ? default : Spans.Of(token);

    public static SourceSpan Span(ITerminalNode? node) => node is null ? default : Spans.Of(node);
}
