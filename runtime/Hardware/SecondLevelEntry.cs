using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>A 64-bit VT-d second-level paging entry (any level), as the image writer produces it.</summary>
public readonly record struct SecondLevelEntry(ulong Value)
{
    /// <summary>Bytes per entry (8).</summary>
    public const int Size = 8;
    /// <summary>Entries per page table (512).</summary>
    public const int EntriesPerTable = 512;
    /// <summary>Bytes per page table (one 4 KiB page).</summary>
    public const int TableSize = 4096;

    /// <summary>Bit 0 (R): reads allowed.</summary>
    public const ulong ReadBit = 1UL << 0;
    /// <summary>Bit 1 (W): writes allowed.</summary>
    public const ulong WriteBit = 1UL << 1;
    /// <summary>bits 6:2: reserved, or memory type in leaves (always 0 here).</summary>
    public const ulong ReservedLowMask = 0b1_1111UL << 2;
    /// <summary>Bit 7 (PS): the entry maps a 2 MiB or 1 GiB page instead of pointing at a table.</summary>
    public const ulong PageSizeBit = 1UL << 7;
    /// <summary>Bit 11 (SNP): snoop behaviour; this runtime writes 0.</summary>
    public const ulong SnoopBit = 1UL << 11;
    /// <summary>bits 51:12.</summary>
    public const ulong AddressMask = 0x000F_FFFF_FFFF_F000UL;
    /// <summary>Bit 62 (TM): transient mapping; this runtime writes 0.</summary>
    public const ulong TransientMappingBit = 1UL << 62;

    /// <summary>Bytes one entry of <paramref name="level"/> (1 to 5) maps: 4 KiB, 2 MiB, 1 GiB, 512 GiB, 256 TiB.</summary>
    public static ulong EntrySpan(int level) => 1UL << EntryShift(level);

    /// <summary>The lowest address bit an entry of <paramref name="level"/> translates: 12 + 9·(level − 1).</summary>
    public static int EntryShift(int level) => 12 + 9 * (level - 1);

    /// <summary>A non-leaf entry of levels 2 to 5 pointing at the next table.</summary>
    public static SecondLevelEntry Table(ulong tableAddress, DmaAccess rights)
    {
        CheckAddress(tableAddress, 1UL << 12, nameof(tableAddress));
        return new SecondLevelEntry(tableAddress | RightsBits(rights));
    }

    /// <summary>
    /// A leaf mapping a page: level 1 a 4 KiB page, level 2 a 2 MiB superpage, level 3 a 1 GiB
    /// superpage (PS set). <paramref name="pageAddress"/> must be aligned to the page size.
    /// </summary>
    public static SecondLevelEntry Leaf(ulong pageAddress, DmaAccess rights, int level)
    {
        if (level is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(level), level, "Leaves exist at levels 1 (4 KiB), 2 (2 MiB) and 3 (1 GiB).");
        CheckAddress(pageAddress, EntrySpan(level), nameof(pageAddress));
        return new SecondLevelEntry(pageAddress | RightsBits(rights) | (level > 1 ? PageSizeBit : 0));
    }

    /// <summary>The R bit is set.</summary>
    public bool CanRead => (Value & ReadBit) != 0;
    /// <summary>The W bit is set.</summary>
    public bool CanWrite => (Value & WriteBit) != 0;
    /// <summary>An entry granting neither read nor write is not present.</summary>
    public bool IsPresent => (Value & (ReadBit | WriteBit)) != 0;
    /// <summary>The PS bit is set: a superpage leaf.</summary>
    public bool IsPageSize => (Value & PageSizeBit) != 0;
    /// <summary>The host address the entry points at: the next table, or the page it maps.</summary>
    public ulong Address => Value & AddressMask;
    /// <summary>The R and W bits as an access.</summary>
    public DmaAccess Rights => (DmaAccess)(Value & (ReadBit | WriteBit));

    /// <summary>Writes the entry as the hardware reads it (little-endian) to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, Value);

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static SecondLevelEntry ReadFrom(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt64LittleEndian(source));

    private static ulong RightsBits(DmaAccess rights)
    {
        if ((rights & ~DmaAccess.ReadWrite) != 0) throw new ArgumentOutOfRangeException(nameof(rights), rights, "Rights are read, write or both.");
        return (ulong)rights; // DmaAccess.Read and .Write are bits 0 and 1, as R and W are
    }

    private static void CheckAddress(ulong address, ulong alignment, string parameter)
    {
        if ((address & (alignment - 1)) != 0)
            throw new ArgumentException($"Address 0x{address:x} is not aligned to 0x{alignment:x}.", parameter);
        if ((address & ~AddressMask) != 0)
            throw new ArgumentException($"Address 0x{address:x} does not fit bits 51:12 of a second-level entry.", parameter);
    }
}
