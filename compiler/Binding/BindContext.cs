using System.Threading;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;
using VtdDsl.Compiler.Text;

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

    public SourceLocation Locate(SourceSpan span) => new(FilePath, span);

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] arguments) =>
        Diagnostics.Add(Diagnostic.Create(descriptor, Locate(span), arguments));

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, SourceSpan related, params object?[] arguments) =>
        Diagnostics.Add(Diagnostic.Create(descriptor, Locate(span), Locate(related), arguments));

    /// <summary>The value of a number, or null when it is missing (already a syntax error) or malformed (VTD0002).</summary>
    public ulong? Number(VtdParser.NumberContext? number)
    {
        var token = number?.NUMBER()?.Symbol;
        if (token.IsMissing())
        {
            return null;
        }
        if (!Literals.TryParseNumber(token!.Text, out ulong value, out string error))
        {
            Report(DiagnosticDescriptors.MalformedNumber, Spans.Of(token), error);
            return null;
        }
        return value;
    }

    /// <summary>The value of a size, or null when missing, malformed (VTD0002) or zero/overflowing (VTD0004).</summary>
    public ulong? Size(VtdParser.SizeContext? size)
    {
        var token = size?.Start;
        if (size is null || token.IsMissing() || (size.NUMBER() is null && size.SIZE_LITERAL() is null))
        {
            return null;
        }
        if (!Literals.TryParseSize(token!.Text, out ulong value, out bool numberError, out string error))
        {
            Report(numberError ? DiagnosticDescriptors.MalformedNumber : DiagnosticDescriptors.MalformedSize, Spans.Of(token), error);
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
        if (!Literals.TryParseSourceId(token!.Text, out var address, out string error))
        {
            Report(DiagnosticDescriptors.SourceIdOutOfRange, Spans.Of(token), error);
            return null;
        }
        return address;
    }

    public static string? Name(IToken? token) => token.IsMissing() ? null : token!.Text;

    public static string? Name(ITerminalNode? node) => node.IsMissing() ? null : node!.Symbol.Text;

    public static SourceSpan Span(ParserRuleContext? context) => context is null ? default : Spans.Of(context);

    public static SourceSpan Span(IToken? token) => token is null ? default : Spans.Of(token);

    public static SourceSpan Span(ITerminalNode? node) => node is null ? default : Spans.Of(node);
}
