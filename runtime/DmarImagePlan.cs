using System;
using System.Collections.Generic;

namespace VtdDsl;

/// <summary>Second-level table pages by level (1: tables of 4 KiB leaves … 5: the top of a 57-bit domain).</summary>
public readonly record struct PageTableCounts(int Level1, int Level2, int Level3, int Level4, int Level5)
{
    public int Total => Level1 + Level2 + Level3 + Level4 + Level5;

    /// <summary>The tables at <paramref name="level"/> (1 to 5).</summary>
    public int this[int level] => level switch
    {
        1 => Level1,
        2 => Level2,
        3 => Level3,
        4 => Level4,
        5 => Level5,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Second-level tables have levels 1 to 5."),
    };

    public static PageTableCounts operator +(PageTableCounts a, PageTableCounts b) =>
        new(a.Level1 + b.Level1, a.Level2 + b.Level2, a.Level3 + b.Level3, a.Level4 + b.Level4, a.Level5 + b.Level5);
}

/// <summary>Where one unit's tables go, relative to the image's first byte. Every table is a whole number of 4 KiB pages.</summary>
public readonly record struct DmarUnitPlan(
    int Unit,
    ushort Segment,
    ulong Offset,
    ulong Bytes,
    int ContextTables,
    PageTableCounts PageTables,
    ulong InterruptTableOffset,
    int InterruptEntries,
    int InterruptTablePages)
{
    /// <summary>The root table is the unit's first page.</summary>
    public ulong RootTableOffset => Offset;
    public int Pages => (int)(Bytes / DmarImage.PageSize);
    public bool HasInterruptTable => InterruptEntries > 0;
}

/// <summary>The sizes and offsets of a policy's hardware tables, unit after unit.</summary>
public sealed class DmarImagePlan
{
    internal DmarImagePlan(DmarUnitPlan[] units, ulong totalBytes)
    {
        Units = units;
        TotalBytes = totalBytes;
    }

    public IReadOnlyList<DmarUnitPlan> Units { get; }

    /// <summary>Bytes the whole image needs (a multiple of 4 KiB).</summary>
    public ulong TotalBytes { get; }
}

/// <summary>One unit's tables as written: the addresses to program into its registers.</summary>
public readonly record struct DmarUnitLayout(
    int Unit,
    ushort Segment,
    byte Capabilities,
    ulong Address,
    ulong Bytes,
    ulong RootTableAddress,
    int ContextTables,
    PageTableCounts PageTables,
    ulong InterruptTableAddress,
    int InterruptEntries,
    int InterruptTablePages)
{
    public bool HasInterruptTable => InterruptEntries > 0;
    public int Pages => (int)(Bytes / DmarImage.PageSize);

    /// <summary>The `vtd image` line after the unit name: <c>root 0x7f000000 interrupts 0x7f0a1000 entries 256 bytes 69632</c>.</summary>
    public override string ToString() => HasInterruptTable
        ? $"root 0x{RootTableAddress:x} interrupts 0x{InterruptTableAddress:x} entries {InterruptEntries} bytes {Bytes}"
        : $"root 0x{RootTableAddress:x} bytes {Bytes}";
}

/// <summary>A written image: where it lives and where each unit's tables are.</summary>
public sealed class DmarImageLayout
{
    internal DmarImageLayout(ulong baseAddress, ulong totalBytes, DmarUnitLayout[] units)
    {
        BaseAddress = baseAddress;
        TotalBytes = totalBytes;
        Units = units;
    }

    /// <summary>Host physical address of the image's first byte.</summary>
    public ulong BaseAddress { get; }
    public ulong TotalBytes { get; }
    public IReadOnlyList<DmarUnitLayout> Units { get; }
}
