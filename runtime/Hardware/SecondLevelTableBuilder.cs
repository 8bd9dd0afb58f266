using System;
using System.Buffers.Binary;
using VtdDsl.Hardware;

namespace VtdDsl;

/// <summary>
/// Lays out (and, given memory, writes) the second-level tables of one domain for one unit.
/// Tables are numbered in depth-first pre-order: a table, then the subtree of each of its
/// entries in address order. Leaves are the largest page the unit supports whose DMA range lies
/// inside one window and whose host address is aligned to it. Non-leaf entries grant R|W and
/// leaves carry the window's rights: a walk that checks rights at every level then faults exactly
/// where the policy does (a request needing write and read to an unmapped address faults on write,
/// which a narrower non-leaf entry, say W only, would turn into a read fault).
/// </summary>
internal ref struct SecondLevelTableBuilder
{
    private const byte ReadWrite = WindowRights.Read | WindowRights.Write;

    private readonly ReadOnlySpan<WindowRecord> _windows;
    private readonly Span<byte> _memory;
    private readonly ulong _baseAddress;
    private readonly bool _write;
    private readonly bool _superpage2M;
    private readonly bool _superpage1G;
    private int _nextPage;
    private int _level1, _level2, _level3, _level4, _level5;

    /// <summary>
    /// Window records of the policy; tables take pages from <paramref name="firstPage"/> (counted
    /// from the image's start, which lives at <paramref name="baseAddress"/>), written into
    /// <paramref name="memory"/> (the whole image), or only counted when it is empty.
    /// </summary>
    public SecondLevelTableBuilder(
        ReadOnlySpan<WindowRecord> windows,
        byte capabilities, int firstPage, Span<byte> memory, ulong baseAddress)
    {
        _windows = windows;
        _superpage2M = (capabilities & UnitCapabilities.Superpage2M) != 0;
        _superpage1G = (capabilities & UnitCapabilities.Superpage1G) != 0;
        _nextPage = firstPage;
        _memory = memory;
        _write = !memory.IsEmpty;
        _baseAddress = baseAddress;
        _level1 = _level2 = _level3 = _level4 = _level5 = 0;
    }

    public readonly int NextPage => _nextPage;
    public readonly PageTableCounts Counts => new(_level1, _level2, _level3, _level4, _level5);

    /// <summary>Builds the top table of a domain of <paramref name="width"/> bits over windows [first, end); returns its page number.</summary>
    public int BuildDomain(int width, int first, int end) => Build(TopLevel(width), 0, first, end);

    public static int TopLevel(int width) => width switch
    {
        39 => 3,
        48 => 4,
        57 => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "An address width is 39, 48 or 57 bits."),
    };

    /// <summary>One table of <paramref name="level"/> covering the region at <paramref name="regionBase"/>; windows [first, end) intersect it.</summary>
    private int Build(int level, ulong regionBase, int first, int end)
    {
        int page = _nextPage++;
        CountTable(level);
        int shift = SecondLevelEntry.EntryShift(level);
        ulong span = 1UL << shift;
        bool leafAllowed = level == 1 || (level == 2 && _superpage2M) || (level == 3 && _superpage1G);
        Span<byte> table = _write ? _memory.Slice(page * DmarImage.PageSize, DmarImage.PageSize) : default;

        int w = first;
        for (int index = 0; index < SecondLevelEntry.EntriesPerTable; index++)
        {
            ulong entryBase = regionBase + ((ulong)index << shift);
            ulong entryLast = entryBase + (span - 1);
            while (w < end && (_windows[w].Last < entryBase || (_windows[w].Rights & ReadWrite) == 0)) w++;
            if (w == end) break;
            if (_windows[w].Iova > entryLast)
            {
                index = (int)((_windows[w].Iova - regionBase) >> shift) - 1; // jump to the entry holding the next window
                continue;
            }

            ulong entry;
            if (leafAllowed && _windows[w].Iova <= entryBase && _windows[w].Last >= entryLast
                && ((_windows[w].Host + (entryBase - _windows[w].Iova)) & (span - 1)) == 0)
            {
                entry = (_windows[w].Host + (entryBase - _windows[w].Iova)) | (byte)(_windows[w].Rights & ReadWrite) | (level > 1 ? SecondLevelEntry.PageSizeBit : 0);
            }
            else
            {
                if (level == 1) throw new InvalidOperationException("A window is not 4 KiB aligned."); // DmarImage checks this first
                int childEnd = w;
                while (childEnd < end && _windows[childEnd].Iova <= entryLast) childEnd++;
                int child = Build(level - 1, entryBase, w, childEnd);
                entry = (_baseAddress + (ulong)child * DmarImage.PageSize) | ReadWrite;
            }
            if (_write) BinaryPrimitives.WriteUInt64LittleEndian(table[(index * SecondLevelEntry.Size)..], entry);
        }
        return page;
    }

    private void CountTable(int level)
    {
        switch (level)
        {
            case 1: _level1++; break;
            case 2: _level2++; break;
            case 3: _level3++; break;
            case 4: _level4++; break;
            default: _level5++; break;
        }
    }
}
