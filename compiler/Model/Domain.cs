namespace VtdDsl.Compiler.Model;

/// <summary>An isolated DMA address space, with its id and address width resolved.</summary>
public sealed record Domain(
    string Name,
    SourceSpan NameSpan,
    SourceSpan Span,
    ushort Id,
    bool IdIsExplicit,
    SourceSpan IdSpan,
    bool IsPassthrough,
    SourceSpan PassthroughSpan,
    int AddressWidth,
    bool WidthIsExplicit,
    SourceSpan WidthSpan,
    EquatableArray<Window> Windows);
