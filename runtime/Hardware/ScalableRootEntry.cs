using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>
/// A 128-bit scalable-mode root-table entry (VT-d 9.2), one per bus: the low word points at the
/// context table of device/functions 0–127 (LP, LCTP), the high word at that of 128–255 (UP, UCTP).
/// </summary>
public readonly record struct ScalableRootEntry(ulong Lo, ulong Hi)
{
    /// <summary>Bytes per entry (16).</summary>
    public const int Size = 16;
    /// <summary>Bit 0 of each word: LP (lo) and UP (hi), the half's present bit.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>Bits 11:1 of each word.</summary>
    public const ulong ReservedMask = 0x0000_0000_0000_0FFEUL;
    /// <summary>Bits 63:12 of each word: LCTP / UCTP.</summary>
    public const ulong ContextTablePointerMask = 0xFFFF_FFFF_FFFF_F000UL;

    /// <summary>An entry whose present halves point at 4 KiB aligned context tables; a 0 address leaves that half not present.</summary>
    public static ScalableRootEntry Create(ulong lowerContextTable, ulong upperContextTable) =>
        new(Half(lowerContextTable, nameof(lowerContextTable)), Half(upperContextTable, nameof(upperContextTable)));

    /// <summary>The lower context table (devfn 0–127) is present (lo bit 0).</summary>
    public bool IsLowerPresent => (Lo & PresentBit) != 0;
    /// <summary>The upper context table (devfn 128–255) is present (hi bit 0).</summary>
    public bool IsUpperPresent => (Hi & PresentBit) != 0;
    /// <summary>The host address of the lower context table (devfn 0–127).</summary>
    public ulong LowerContextTablePointer => Lo & ContextTablePointerMask;
    /// <summary>The host address of the upper context table (devfn 128–255).</summary>
    public ulong UpperContextTablePointer => Hi & ContextTablePointerMask;
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => ((Lo | Hi) & ReservedMask) != 0;

    /// <summary>Writes the entry little-endian into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hi);
    }

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static ScalableRootEntry ReadFrom(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));

    private static ulong Half(ulong address, string parameter)
    {
        if ((address & ~ContextTablePointerMask) != 0)
            throw new ArgumentException($"Context table address 0x{address:x} is not 4 KiB aligned.", parameter);
        return address == 0 ? 0 : address | PresentBit;
    }
}
