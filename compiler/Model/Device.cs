namespace VtdDsl.Compiler.Model;

public enum PasidTargetKind : byte
{
    Domain,
    Process,
}

/// <summary>A <c>pasid N -&gt; DOMAIN</c> or <c>pasid N -&gt; process P</c> line of a device.</summary>
public sealed record PasidBinding(
    ulong Pasid,
    PasidTargetKind Kind,
    string TargetName,
    int TargetIndex,
    SourceSpan PasidSpan,
    SourceSpan TargetSpan,
    SourceSpan Span);

/// <summary>A PCI function bound to a domain. Indexes are -1 where a reference did not resolve.</summary>
public sealed record Device(
    string? Name,
    SourceSpan Span,
    PciAddress Source,
    SourceSpan SourceSpan,
    PciAddress? Via,
    SourceSpan ViaSpan,
    string DomainName,
    SourceSpan DomainSpan,
    int DomainIndex,
    int UnitIndex,
    int ViaUnitIndex,
    bool Ats,
    SourceSpan AtsSpan,
    bool Pri,
    EquatableArray<PasidBinding> Pasids)
{
    /// <summary>The name to show: the declared name, or the source id of an anonymous device.</summary>
    public string DisplayName => Name ?? Source.ToString();

    /// <summary>The <c>functions</c> run that declared it (its name is the run's name and <see cref="RunIndex"/>), or null for a <c>device</c> line.</summary>
    public string? RunName { get; init; }

    /// <summary>Its index in <see cref="RunName"/>'s run; -1 for a <c>device</c> line.</summary>
    public int RunIndex { get; init; } = -1;

    /// <summary>The source id its DMA and interrupts carry: the <c>via</c> id when present.</summary>
    public PciAddress RequestSource => Via ?? Source;
}
