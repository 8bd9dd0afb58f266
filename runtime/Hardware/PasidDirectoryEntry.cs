using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>
/// A 64-bit scalable-mode PASID directory entry (VT-d 9.5): entry <c>PASID &gt;&gt; 6</c> of a device's
/// PASID directory points at the PASID table of that group of 64 PASIDs.
/// </summary>
public readonly record struct PasidDirectoryEntry(ulong Value)
{
    /// <summary>Bytes per entry (8).</summary>
    public const int Size = 8;
    /// <summary>PASIDs per PASID table (and per directory entry).</summary>
    public const int PasidsPerTable = 64;
    /// <summary>The directory index of a PASID is PASID &gt;&gt; 6.</summary>
    public const int PasidShift = 6;

    /// <summary>Bit 0 (P): the entry is present.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>Bit 1: FPD, fault processing disable.</summary>
    public const ulong FaultProcessingDisableBit = 1UL << 1;
    /// <summary>Bits 11:2.</summary>
    public const ulong ReservedMask = 0x0000_0000_0000_0FFCUL;
    /// <summary>Bits 63:12: SMPTBLPTR.</summary>
    public const ulong PasidTablePointerMask = 0xFFFF_FFFF_FFFF_F000UL;

    /// <summary>A present entry (FPD 0) pointing at a 4 KiB aligned PASID table.</summary>
    public static PasidDirectoryEntry Create(ulong pasidTable)
    {
        if ((pasidTable & ~PasidTablePointerMask) != 0)
            throw new ArgumentException($"PASID table address 0x{pasidTable:x} is not 4 KiB aligned.", nameof(pasidTable));
        return new PasidDirectoryEntry(pasidTable | PresentBit);
    }

    /// <summary>The present bit (P) is set.</summary>
    public bool IsPresent => (Value & PresentBit) != 0;
    /// <summary>The 4 KiB-aligned host address of the PASID table this entry points at.</summary>
    public ulong PasidTablePointer => Value & PasidTablePointerMask;
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => (Value & ReservedMask) != 0;

    /// <summary>Writes the entry as the hardware reads it (little-endian) to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, Value);

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static PasidDirectoryEntry ReadFrom(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt64LittleEndian(source));
}
