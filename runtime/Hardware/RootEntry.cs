using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>A 128-bit VT-d root-table entry (legacy mode), one per bus.</summary>
public readonly record struct RootEntry(ulong Lo, ulong Hi)
{
    /// <summary>Bytes per entry (16).</summary>
    public const int Size = 16;
    /// <summary>Bit 0 (P): the entry is present.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>lo bits 11:1.</summary>
    public const ulong ReservedLoMask = 0x0000_0000_0000_0FFEUL;
    /// <summary>lo bits 63:12.</summary>
    public const ulong ContextTablePointerMask = 0xFFFF_FFFF_FFFF_F000UL;
    /// <summary>The whole high word is reserved.</summary>
    public const ulong ReservedHiMask = ulong.MaxValue;

    /// <summary>A present entry pointing at a 4 KiB aligned context table.</summary>
    public static RootEntry Create(ulong contextTableAddress)
    {
        if ((contextTableAddress & ~ContextTablePointerMask) != 0)
            throw new ArgumentException($"Context table address 0x{contextTableAddress:x} is not 4 KiB aligned.", nameof(contextTableAddress));
        return new RootEntry(contextTableAddress | PresentBit, 0);
    }

    /// <summary>The present bit (P) is set.</summary>
    public bool IsPresent => (Lo & PresentBit) != 0;
    /// <summary>The 4 KiB-aligned host address of the bus's context table (lo bits 63:12).</summary>
    public ulong ContextTablePointer => Lo & ContextTablePointerMask;
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => (Lo & ReservedLoMask) != 0 || (Hi & ReservedHiMask) != 0;

    /// <summary>Writes the entry little-endian into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hi);
    }

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static RootEntry ReadFrom(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));
}
