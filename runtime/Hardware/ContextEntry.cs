using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>Translation type of a legacy-mode context entry (lo bits 3:2).</summary>
public enum TranslationType : byte
{
    /// <summary>00: untranslated requests only, through the second-level tables.</summary>
    Untranslated = 0b00,
    /// <summary>01: untranslated and translated requests (the device has an ATS device TLB).</summary>
    DeviceTlb = 0b01,
    /// <summary>10: pass-through, DMA addresses are host addresses.</summary>
    PassThrough = 0b10,
    /// <summary>11: reserved; hardware reports the entry invalid.</summary>
    Reserved = 0b11,
}

/// <summary>A 128-bit VT-d context-table entry (legacy mode), one per device/function of a bus.</summary>
public readonly record struct ContextEntry(ulong Lo, ulong Hi)
{
    /// <summary>Bytes per entry (16).</summary>
    public const int Size = 16;

    /// <summary>Bit 0 (P): the entry is present.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>Bit 1 (FPD): faults through this entry are not recorded.</summary>
    public const ulong FaultProcessingDisableBit = 1UL << 1;
    /// <summary>Position of the translation type field (lo bits 3:2).</summary>
    public const int TranslationTypeShift = 2;
    /// <summary>The translation type field (lo bits 3:2).</summary>
    public const ulong TranslationTypeMask = 0b11UL << TranslationTypeShift;
    /// <summary>lo bits 11:4.</summary>
    public const ulong ReservedLoMask = 0x0000_0000_0000_0FF0UL;
    /// <summary>lo bits 63:12.</summary>
    public const ulong SecondLevelPointerMask = 0xFFFF_FFFF_FFFF_F000UL;

    /// <summary>hi bits 2:0.</summary>
    public const ulong AddressWidthMask = 0b111UL;
    /// <summary>hi bits 6:3, available to software.</summary>
    public const ulong AvailableMask = 0b1111UL << 3;
    /// <summary>Position of the domain id field (hi bits 23:8).</summary>
    public const int DomainIdShift = 8;
    /// <summary>hi bits 23:8.</summary>
    public const ulong DomainIdMask = 0xFFFFUL << DomainIdShift;
    /// <summary>hi bit 7 and bits 63:24.</summary>
    public const ulong ReservedHiMask = 0xFFFF_FFFF_FF00_0080UL;

    /// <summary>
    /// A present entry with faults recorded (FPD 0). <paramref name="secondLevelPointer"/> must be
    /// 4 KiB aligned; for <see cref="TranslationType.PassThrough"/> hardware ignores it (pass 0).
    /// </summary>
    public static ContextEntry Create(TranslationType type, ulong secondLevelPointer, int addressWidth, ushort domainId)
    {
        if (type > TranslationType.PassThrough)
            throw new ArgumentException($"Translation type {type} is reserved.", nameof(type));
        if ((secondLevelPointer & ~SecondLevelPointerMask) != 0)
            throw new ArgumentException($"Second-level table address 0x{secondLevelPointer:x} is not 4 KiB aligned.", nameof(secondLevelPointer));
        ulong lo = PresentBit | (ulong)type << TranslationTypeShift | secondLevelPointer;
        ulong hi = AddressWidthField(addressWidth) | (ulong)domainId << DomainIdShift;
        return new ContextEntry(lo, hi);
    }

    /// <summary>The AW encoding of an address width: 39 → 001, 48 → 010, 57 → 011.</summary>
    public static byte AddressWidthField(int addressWidth) => addressWidth switch
    {
        39 => 0b001,
        48 => 0b010,
        57 => 0b011,
        _ => throw new ArgumentOutOfRangeException(nameof(addressWidth), addressWidth, "An address width is 39, 48 or 57 bits."),
    };

    /// <summary>The address width an AW encoding stands for, or 0 for an encoding that has none.</summary>
    public static int AddressWidthBits(int field) => field switch
    {
        0b001 => 39,
        0b010 => 48,
        0b011 => 57,
        _ => 0,
    };

    /// <summary>The present bit (P) is set.</summary>
    public bool IsPresent => (Lo & PresentBit) != 0;
    /// <summary>The FPD bit is set: faults through this entry are not recorded.</summary>
    public bool FaultProcessingDisabled => (Lo & FaultProcessingDisableBit) != 0;
    /// <summary>The translation type: untranslated, device TLB or pass-through.</summary>
    public TranslationType TranslationType => (TranslationType)((Lo & TranslationTypeMask) >> TranslationTypeShift);
    /// <summary>The 4 KiB-aligned host address of the domain's top second-level page table.</summary>
    public ulong SecondLevelPointer => Lo & SecondLevelPointerMask;
    /// <summary>The address width in bits, or 0 when the AW field has no meaning.</summary>
    public int AddressWidth => AddressWidthBits((int)(Hi & AddressWidthMask));
    /// <summary>The domain id the IOTLB tags this device's translations with.</summary>
    public ushort DomainId => (ushort)((Hi & DomainIdMask) >> DomainIdShift);
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => (Lo & ReservedLoMask) != 0 || (Hi & ReservedHiMask) != 0;

    /// <summary>Writes the entry as the hardware reads it (little-endian) to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hi);
    }

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static ContextEntry ReadFrom(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));
}
