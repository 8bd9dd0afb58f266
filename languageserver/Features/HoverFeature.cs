using VtdDsl.Compiler.Navigation;

namespace VtdDsl.LanguageServer.Features;

/// <summary><c>textDocument/hover</c>: the core's hover facts.</summary>
public static class HoverFeature
{
    public static Hover? Hover(DocumentSnapshot snapshot, AnalyzedDocument analysis, int offset) =>
        HoverFacts.At(analysis, offset) is { } text
            ? new Hover(MarkupContent.Markdown(text.Markdown), snapshot.Lines.RangeOf(text.Span))
            : null;
}
