namespace VtdDsl.Compiler.Model;

/// <summary>
/// A device named in a <c>reserved</c> or <c>group</c> declaration: by name or by source id.
/// <see cref="DeviceIndex"/> is the bound device it denotes, or -1 when none is bound (a source id
/// no <c>device</c> declares; an unknown name is VTD1003).
/// </summary>
public sealed record DeviceReference(string Text, PciAddress? Source, int DeviceIndex, SourceSpan Span);

/// <summary>
/// <c>reserved NAME BASE size SIZE for DEVICE, …;</c>: host memory firmware keeps using for DMA on
/// behalf of the listed devices (an ACPI DMAR RMRR).
/// </summary>
public sealed record ReservedRegion(
    string Name,
    ulong Base,
    ulong Size,
    SourceSpan NameSpan,
    SourceSpan Span,
    EquatableArray<DeviceReference> Devices)
{
    /// <summary>Last byte (inclusive), saturating at 2^64 − 1.</summary>
    public ulong Last => Size == 0 ? Base : (Base > ulong.MaxValue - (Size - 1) ? ulong.MaxValue : Base + (Size - 1));
}

/// <summary><c>group NAME DEVICE, …;</c>: functions the platform cannot isolate from one another (an IOMMU group).</summary>
public sealed record DeviceGroup(string Name, SourceSpan NameSpan, SourceSpan Span, EquatableArray<DeviceReference> Devices);
