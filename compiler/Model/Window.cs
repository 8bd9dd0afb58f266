namespace VtdDsl.Compiler.Model;

/// <summary>
/// A DMA window: addresses [Iova, Iova + Size) of the domain reach host [HostAddress, HostAddress + Size).
/// </summary>
public sealed record Window(
    ulong Iova,
    ulong Size,
    ulong HostAddress,
    Rights Rights,
    bool Shared,
    bool IsIdentity,
    SourceSpan Span)
{
    /// <summary>Last DMA address (inclusive), saturating for a window that overflows (VTD3004).</summary>
    public ulong IovaLast => Saturate(Iova, Size);

    /// <summary>Last host address (inclusive), saturating for a window that overflows (VTD3004).</summary>
    public ulong HostLast => Saturate(HostAddress, Size);

    public bool Overflows => Size != 0 && (Iova > ulong.MaxValue - (Size - 1) || HostAddress > ulong.MaxValue - (Size - 1));

    private static ulong Saturate(ulong start, ulong size) =>
        size == 0 ? start : start > ulong.MaxValue - (size - 1) ? ulong.MaxValue : start + (size - 1);
}
