namespace VtdDsl.Compiler.Model;

public enum TranslationMode : byte
{
    Legacy,
    Scalable,
}

/// <summary>Supported second-level page sizes beyond 4 KiB (SLLPS).</summary>
[Flags]
public enum Superpages : byte
{
    None = 0,
    TwoMiB = 1,
    OneGiB = 2,
}

/// <summary>Supported address widths (SAGAW).</summary>
[Flags]
public enum AddressWidths : byte
{
    None = 0,
    Bits39 = 1,
    Bits48 = 2,
    Bits57 = 4,
}

/// <summary>An inclusive range of source ids in one segment.</summary>
public readonly record struct SourceIdRange(PciAddress First, PciAddress Last, SourceSpan Span)
{
    public bool Contains(PciAddress address) => address.Key >= First.Key && address.Key <= Last.Key;
}

/// <summary>A DMA-remapping hardware unit and its capabilities (defaults filled in).</summary>
public sealed record IommuUnit(
    string Name,
    SourceSpan NameSpan,
    bool IsImplicit,
    ushort Segment,
    bool ScopeAll,
    EquatableArray<SourceIdRange> Scope,
    AddressWidths Widths,
    int DomainCount,
    Superpages Superpages,
    bool SupportsPassthrough,
    int InterruptEntries,
    SourceSpan InterruptEntriesSpan,
    TranslationMode Mode,
    int PasidBits,
    bool X2Apic,
    int GuestAddressWidth,
    SourceSpan GuestAddressWidthSpan)
{
    public const int DefaultDomainCount = 65536;
    public const int DefaultInterruptEntries = 65536;
    public const int DefaultPasidBits = 20;

    public bool Supports(int width) => (Widths & AddressWidthsExtensions.FromBits(width)) != 0;

    /// <summary>The widest supported address width, in bits.</summary>
    public int MaxWidth => Widths.Largest();

    /// <summary>
    /// The maximum guest address width (CAP.MGAW): DMA addresses at or above 2^this fault 0x04 on this
    /// unit. <see cref="GuestAddressWidth"/> when stated, else the widest table format.
    /// </summary>
    public int EffectiveGuestAddressWidth => GuestAddressWidth > 0 ? GuestAddressWidth : MaxWidth;

    /// <summary>The largest interrupt destination the unit's entries can carry: 32 bits in x2APIC mode, 8 in xAPIC mode.</summary>
    public ulong MaxDestination => X2Apic ? uint.MaxValue : 0xFF;
}

public static class AddressWidthsExtensions
{
    public static AddressWidths FromBits(int bits) => bits switch
    {
        39 => AddressWidths.Bits39,
        48 => AddressWidths.Bits48,
        57 => AddressWidths.Bits57,
        _ => AddressWidths.None,
    };

    public static int Largest(this AddressWidths widths) =>
        (widths & AddressWidths.Bits57) != 0 ? 57 : (widths & AddressWidths.Bits48) != 0 ? 48 : (widths & AddressWidths.Bits39) != 0 ? 39 : 0;

    /// <summary>Supported widths in increasing order, in bits.</summary>
    public static int[] ToBits(this AddressWidths widths)
    {
        var list = new System.Collections.Generic.List<int>(3);
        if ((widths & AddressWidths.Bits39) != 0) list.Add(39);
        if ((widths & AddressWidths.Bits48) != 0) list.Add(48);
        if ((widths & AddressWidths.Bits57) != 0) list.Add(57);
        return list.ToArray();
    }

    public static string Describe(this AddressWidths widths) =>
        widths == AddressWidths.None ? "none" : string.Join(", ", Array.ConvertAll(widths.ToBits(), w => w + "-bit"));
}
