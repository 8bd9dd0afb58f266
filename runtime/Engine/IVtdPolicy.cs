namespace VtdDsl;

/// <summary>
/// A compiled policy. Generated policy types implement it with static members, so generic
/// runtime code (<c>where TPolicy : IVtdPolicy</c>) calls them without virtual dispatch.
/// </summary>
public interface IVtdPolicy
{
    /// <summary>The dotted policy name, as written after <c>policy</c>.</summary>
    static abstract string PolicyName { get; }

    /// <summary>What the IOMMU does with a DMA request of <paramref name="access"/> at <paramref name="address"/>.</summary>
    static abstract DmaTranslation Translate(SourceId source, ulong address, DmaAccess access);

    /// <summary>
    /// <see cref="Translate"/> for every request of a batch (a scatter-gather list), answers in the same
    /// positions of <paramref name="translations"/>, with the lookups of independent requests overlapped.
    /// </summary>
    static abstract void TranslateMany(System.ReadOnlySpan<DmaRequest> requests, System.Span<DmaTranslation> translations);

    /// <summary>Allowed when every byte of [address, address + length) is allowed; else the fault of the lowest faulting address.</summary>
    static abstract DmaTranslation CheckTransfer(SourceId source, ulong address, ulong length, DmaAccess access);

    /// <summary>What interrupt remapping does with a remappable interrupt of <paramref name="source"/> at table index <paramref name="index"/>.</summary>
    static abstract InterruptRemap RemapInterrupt(SourceId source, int index);
}

/// <summary>A compiled policy that also exposes its tables, for the image writer and the IOMMU model.</summary>
public interface IVtdPolicy<TTables> : IVtdPolicy where TTables : struct, IPolicyTables
{
    /// <summary>The policy's tables (an empty struct over constant data).</summary>
    static abstract TTables Tables { get; }
}
