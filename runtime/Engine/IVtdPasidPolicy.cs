namespace VtdDsl;

/// <summary>
/// A compiled policy with scalable-mode answers: generated policy types of specs with units in
/// scalable mode may implement it (static members), so generic code can ask about requests tagged
/// with a PASID without virtual dispatch.
/// </summary>
public interface IVtdPasidPolicy : IVtdPolicy
{
    /// <summary>
    /// What the IOMMU does with a DMA request tagged with <paramref name="pasid"/>: see
    /// <see cref="PolicyEngine.TranslateWithPasid"/> (generated code calls it with its table struct).
    /// </summary>
    static abstract PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access);
}
