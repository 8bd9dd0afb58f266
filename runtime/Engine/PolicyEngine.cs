using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace VtdDsl;

/// <summary>
/// Answers DMA and interrupt requests from a policy's <see cref="IPolicyTables"/>, with the
/// semantics of LANGUAGE.md ("Semantics of a DMA request"). Generic over the table struct so the
/// JIT specialises each policy's calls (no virtual dispatch); allocation-free.
/// </summary>
/// <remarks>
/// Faults found once the request's domain is known (0x04, 0x05, 0x06) carry that domain's id;
/// faults of the root and context lookup (0x01, 0x02) carry domain id 0.
/// </remarks>
public static partial class PolicyEngine
{
    /// <summary>What the IOMMU does with one DMA request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DmaTranslation Translate<T>(in T tables, SourceId source, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        // Checks on the request alone (before any table is read) go first, here: TranslateMany's
        // answers come from this method too.
        // Requests without PASID to 0xFEEx_xxxx are not DMA: one compare before any lookup.
        if (DmaTranslation.IsInInterruptRange(address)) return DmaTranslation.InterruptRange(address, access);
        return TryFindDomain(in tables, source, out int domain, out FaultReason fault)
            ? TranslateInDomain(in tables, domain, address, access)
            : DmaTranslation.Faulted(address, fault);
    }

    /// <summary>
    /// Whether every byte of [<paramref name="address"/>, <paramref name="address"/> + <paramref name="length"/>)
    /// is allowed. Allowed: the host address of the first byte (adjacent windows need not be
    /// adjacent in host memory). Otherwise: the fault of the lowest faulting address.
    /// </summary>
    /// <remarks>
    /// <para>The walk goes window by window, so its cost grows with the windows crossed, never with the length.</para>
    /// <para>
    /// Length 0 touches no byte and is allowed for any source bound to a domain (a source without
    /// one still faults 0x01 or 0x02: there is no domain to answer for). Its host address is that of
    /// <paramref name="address"/> when <paramref name="address"/> alone would be allowed, else 0.
    /// </para>
    /// <para>
    /// A transfer running past 2^64 − 1 never wraps: after the bytes up to 2^64 − 1 are checked
    /// (lowest fault first), the bytes beyond do not exist and the transfer faults 0x04
    /// (address beyond the width) reported at its start address, since 2^64 has no 64-bit form.
    /// </para>
    /// </remarks>
    public static DmaTranslation CheckTransfer<T>(in T tables, SourceId source, ulong address, ulong length, DmaAccess access)
        where T : struct, IPolicyTables
    {
        if (DmaTranslation.IsInInterruptRange(address)) return DmaTranslation.InterruptRange(address, access);
        if (length > 0 && address < DmaTranslation.InterruptRangeFirst && length - 1 >= DmaTranslation.InterruptRangeFirst - address)
            return CheckTransferBelowInterruptRange(in tables, source, address, access);
        if (!TryFindDomain(in tables, source, out int domain, out FaultReason noDomain)) return DmaTranslation.Faulted(address, noDomain);
        if (length == 0) return ZeroLengthTransfer(in tables, domain, address, access);

        bool wraps = length - 1 > ulong.MaxValue - address;
        ulong last = wraps ? ulong.MaxValue : address + (length - 1);
        ref readonly DomainRecord record = ref tables.Domains[domain];
        ushort id = record.Id;
        if (record.IsPassThrough)
        {
            return wraps
                ? DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id)
                : DmaTranslation.Allowed(address, address, id);
        }

        ulong widthLast = WidthLast(record.Width);
        if (address > widthLast) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id);

        ulong checkedLast = last < widthLast ? last : widthLast;
        int firstWindow = FindWindow(in tables, in record, address);
        if (firstWindow < 0) return DmaTranslation.Faulted(address, MissingWindowFault(access), id);

        ReadOnlySpan<WindowRecord> windows = tables.Windows;
        int window = firstWindow;
        int windowEnd = record.WindowStart + record.WindowCount;
        ulong cursor = address;
        while (true)
        {
            FaultReason fault = RightsFault(windows[window].Rights, access);
            if (fault != FaultReason.None) return DmaTranslation.Faulted(cursor, fault, id);
            ulong end = windows[window].Last;
            if (end >= checkedLast) break;
            cursor = end + 1;
            window++;
            if (window == windowEnd || windows[window].Iova != cursor)
                return DmaTranslation.Faulted(cursor, MissingWindowFault(access), id);
        }

        if (last > widthLast) return DmaTranslation.Faulted(widthLast + 1, FaultReason.AddressBeyondWidth, id);
        if (wraps) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id);
        return DmaTranslation.Allowed(address, windows[firstWindow].Host + (address - windows[firstWindow].Iova), id);
    }

    /// <summary>
    /// A transfer that runs from below into the interrupt address range: the bytes below are checked as
    /// usual (lowest fault first); the bytes in the range are not DMA, so the transfer faults 0x0E there.
    /// </summary>
    private static DmaTranslation CheckTransferBelowInterruptRange<T>(in T tables, SourceId source, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        DmaTranslation below = CheckTransfer(in tables, source, address, DmaTranslation.InterruptRangeFirst - address, access);
        if (!below.IsAllowed) return below;
        return DmaTranslation.Faulted(DmaTranslation.InterruptRangeFirst, FaultReason.InterruptAddressRange, below.DomainId);
    }

    /// <summary>What interrupt remapping does with a remappable interrupt of <paramref name="source"/> at table <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InterruptRemap RemapInterrupt<T>(in T tables, SourceId source, int index)
        where T : struct, IPolicyTables
    {
        int unit = FindUnit(in tables, source.Value);
        if (unit < 0 || (uint)index >= (uint)tables.UnitInterruptEntries[unit])
            return InterruptRemap.Faulted(FaultReason.InterruptIndexBeyondTable);

        ReadOnlySpan<int> starts = tables.UnitInterruptStart;
        ReadOnlySpan<ushort> indices = tables.InterruptIndex;
        int lo = starts[unit];
        int hi = starts[unit + 1] - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            int at = indices[mid];
            if (at == index)
            {
                if (tables.InterruptSource[mid] != source.RequesterId) return InterruptRemap.Faulted(FaultReason.SourceMismatch);
                byte flags = tables.InterruptFlags[mid];
                return InterruptRemap.Remapped(
                    tables.InterruptVector[mid],
                    tables.InterruptDestination[mid],
                    (flags & InterruptFlags.LowestPriority) != 0 ? DeliveryMode.LowestPriority : DeliveryMode.Fixed,
                    (flags & InterruptFlags.LevelTriggered) != 0 ? TriggerMode.Level : TriggerMode.Edge);
            }
            if (at < index) lo = mid + 1;
            else hi = mid - 1;
        }
        return InterruptRemap.Faulted(FaultReason.InterruptEntryNotPresent);
    }

    /// <summary>The unit serving <paramref name="sourceKey"/> (<see cref="SourceId.Value"/>), or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FindUnit<T>(in T tables, uint sourceKey) where T : struct, IPolicyTables =>
        TryFindUnit(in tables, sourceKey, out int unit) ? unit : -1;

    /// <summary>The unit serving <paramref name="sourceKey"/> (<see cref="SourceId.Value"/>); false, with unit 0, when none does.</summary>
    /// <remarks>
    /// One scope range is the common case (one unit, <c>scope all</c>). For generated tables the span
    /// lengths are JIT-time constants, so only one arm of the length test survives and, with one range,
    /// the lookup is two compares against constants and no search.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFindUnit<T>(in T tables, uint sourceKey, out int unit) where T : struct, IPolicyTables
    {
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        unit = 0;
        int range;
        if (first.Length == 1) range = 0;
        else if (first.Length == 0) return false;
        else range = LastAtOrBelow(first, sourceKey);
        // range: the last range starting at or below the key; or 0 when none does, which the compare
        // rejects. Both bounds in one unsigned compare (a branch the predictor gets right: sources are
        // almost always in scope); for generated tables first[0], ScopeLast[0] and ScopeUnit[0] are
        // constants the JIT folds.
        uint start = first[range];
        if (sourceKey - start > tables.ScopeLast[range] - start) return false;
        unit = tables.ScopeUnit[range];
        return true;
    }

    /// <summary>The domain number of a source; or false, with the fault (0x01 or 0x02) when it has none.</summary>
    /// <remarks>
    /// Each lookup returns as soon as it fails, rather than passing a "none" value (−1) on to a test after
    /// it: the JIT kept those tests (three compares and branches a request) and, not knowing the unit was
    /// never −1, the root entry's bounds check.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFindDomain<T>(in T tables, SourceId source, out int domain, out FaultReason fault) where T : struct, IPolicyTables
    {
        domain = 0;
        fault = FaultReason.RootEntryNotPresent;
        if (!TryFindUnit(in tables, source.Value, out int unit)) return false;
        int root = tables.RootEntries[unit << 8 | source.Bus];
        if (root == 0) return false;
        int context = tables.ContextEntries[(root - 1) << 8 | (source.RequesterId & 0xFF)];
        fault = FaultReason.ContextEntryNotPresent;
        if (context == 0) return false;
        domain = context - 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DmaTranslation TranslateInDomain<T>(in T tables, int domain, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        ref readonly DomainRecord record = ref tables.Domains[domain];
        return TranslateInDomain(in tables, in record, address, access);
    }

    /// <remarks>
    /// The walk from the domain record to the answer has no data-dependent branch: the tree search is
    /// the same steps for every request, and the answer (allowed, 0x04, 0x05 or 0x06) is selected with
    /// masks, so a random mix of hits, misses and rights costs no mispredictions.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DmaTranslation TranslateInDomain<T>(in T tables, in DomainRecord record, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        if (record.WindowCount == 0) return WithoutWindows(in record, address, access);
        int window = SearchTree(in tables, in record, SearchedFor(address));
        return Answer(in tables.Windows[window], address, access, record.Id, BeyondWidth(address, record.Width));
    }

    /// <summary>A domain without windows: pass-through allows every address as itself; otherwise every address faults.</summary>
    private static DmaTranslation WithoutWindows(in DomainRecord record, ulong address, DmaAccess access)
    {
        if (record.IsPassThrough) return DmaTranslation.Allowed(address, address, record.Id);
        return DmaTranslation.Faulted(address, address > WidthLast(record.Width) ? FaultReason.AddressBeyondWidth : MissingWindowFault(access), record.Id);
    }

    /// <summary>
    /// The only window of the domain that can contain <paramref name="address"/> (below 2^64 − 1): from the
    /// root in the domain record, <see cref="IPolicyTables.TreeLevels"/> steps down the tree, one node (one
    /// cache line) a step. The domain must have windows.
    /// </summary>
    /// <remarks>
    /// The step that picks a leaf also knows where the leaf's eight windows lie (a node's first window,
    /// and 8 windows a leaf), so it asks for their lines while the leaf is read: the leaf and the window
    /// then cost one memory latency, not two in a row.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SearchTree<T>(in T tables, in DomainRecord record, ulong address) where T : struct, IPolicyTables
    {
        ReadOnlySpan<TreeNode> nodes = tables.WindowTree;
        int levels = tables.TreeLevels;
        int at = record.Child(address);
        if (levels == 1) PrefetchLeafWindows(tables.Windows, record.WindowStart + (at - record.RootChild) * TreeNodeFanout);
        for (int level = levels; level > 0; level--)
        {
            ref readonly TreeNode node = ref nodes[at];
            int next = node.Child(address);
            if (level == 2) PrefetchLeafWindows(tables.Windows, node.FirstWindow + (next - node.FirstChild) * TreeNodeFanout);
            at = next;
        }
        return at;
    }

    private const int TreeNodeFanout = TableSchema.TreeNode.Fanout;

    /// <summary>
    /// Window tables of more records than this (32 KiB, an L1 data cache) have their leaves' windows
    /// prefetched; a table that fits L1 gains nothing from it. Measured on a random stream: 256 × 64
    /// (512 KB of windows) went from 29.7 to 26.7 ns a request once the search step had become a vector
    /// compare; before that, with the scalar step's instructions, the same prefetch made it slower.
    /// </summary>
    private const int PrefetchedWindowTables = (int)(L1DataCacheBytes / TableSchema.WindowRecord.Size);

    /// <summary>
    /// Asks for the lines of a leaf's windows (up to eight 32-byte records from <paramref name="first"/>),
    /// where the processor can prefetch; unchecked, as <see cref="PrefetchAt"/> is.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Non-temporal prefetches: on a random stream a window's line is read once, and ordinary prefetches
    /// let these lines push the ones requests share (context entries, domain records, tree nodes) out of
    /// the L2 cache. Large's single call went from 27.3 to 26.6 ns a request (A/B harness, medians of five
    /// runs); the batch, which prefetches the window only after the leaf, measured no different and keeps
    /// <see cref="PrefetchAt"/>.
    /// </para>
    /// <para>
    /// One address and three offsets from it: computed line by line (an index each, scaled and added to
    /// the table), the four prefetches were 23 of the 140 instructions of a request to Large, whose
    /// single call went from 26.9 to 24.9 ns a request without them.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchLeafWindows(ReadOnlySpan<WindowRecord> windows, int first)
    {
        if (windows.Length <= PrefetchedWindowTables || !Sse.IsSupported) return;
        const int Line = 64;
        byte* records = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(windows)) + (nuint)(uint)first * TableSchema.WindowRecord.Size;
        Sse.PrefetchNonTemporal(records);
        Sse.PrefetchNonTemporal(records + Line);
        Sse.PrefetchNonTemporal(records + 2 * Line);
        Sse.PrefetchNonTemporal(records + 3 * Line);
    }

    /// <summary>
    /// Asks the processor to bring the cache line of <paramref name="table"/>[<paramref name="index"/>] in;
    /// does nothing where there is no prefetch instruction.
    /// </summary>
    /// <remarks>
    /// <para>
    /// No bounds check: a prefetch reads nothing into the program and never faults, whatever the address
    /// (the read that follows is checked). For the same reason the address need not stay valid: over a
    /// managed array (tables built at run time) a garbage collection moving the array between here and
    /// the read costs only the prefetch; generated tables never move (constant data, or pinned copies).
    /// </para>
    /// <para>
    /// The index is taken as unsigned, so that the JIT need not sign-extend it (a negative one prefetches
    /// a line far off, as harmlessly): one instruction fewer a prefetch, and with three a request
    /// Random256's batch went from 10.7–11.1 to 10.2–10.7 ns a request (A/B harness).
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchAt<TItem>(ReadOnlySpan<TItem> table, int index)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(table)) + (nuint)(uint)index * (nuint)Unsafe.SizeOf<TItem>());
    }

    /// <summary>
    /// The answer for <paramref name="address"/> given the only window that can contain it, selected
    /// without branches. <paramref name="beyondWidth"/>: 1 when the address is beyond the domain's width (0x04), else 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DmaTranslation Answer(in WindowRecord window, ulong address, DmaAccess access, ushort id, int beyondWidth)
    {
        // Masks, not ternaries: the JIT turns those into branches, which a random mix of hits and
        // misses mispredicts.
        ulong iova = window.Iova;
        ulong offset = address - iova;
        int outside = Unsafe.BitCast<bool, byte>(offset > window.Last - iova);
        // DmaAccess and WindowRights share the bits (read 1, write 2). Inside the window: the rights the
        // access lacks. Outside: as if the window granted nothing, and an access asking for neither
        // right lacks read.
        int granted = window.Rights & (outside - 1);
        int missing = ((int)access & (int)DmaAccess.ReadWrite | outside) & ~granted;
        // Beyond the domain's width the fault is 0x04 whatever is missing: nibbles 4 to 7 of the table.
        int fault = (FaultByMissingRights >> ((missing | beyondWidth << 2) << 2)) & 0xF;
        // All ones when there is no fault (0 − 1 is the only negative), else 0.
        ulong allowed = (ulong)(long)((fault - 1) >> 31);
        return DmaTranslation.FromLookup(address, (window.Host + offset) & allowed, id, (FaultReason)fault);
    }

    /// <summary>
    /// The fault for the rights an access lacks, a nibble each: none → 0; read → 0x06; write, or both →
    /// 0x05 (write is reported first). Nibbles 4 to 7, for an address beyond the domain's width: 0x04.
    /// </summary>
    private const int FaultByMissingRights =
        (int)FaultReason.ReadDenied << 4 | (int)FaultReason.WriteDenied << 8 | (int)FaultReason.WriteDenied << 12
        | (int)FaultReason.AddressBeyondWidth * 0x1111 << 16;

    private static DmaTranslation ZeroLengthTransfer<T>(in T tables, int domain, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        DmaTranslation single = TranslateInDomain(in tables, domain, address, access);
        return single.IsAllowed ? single : DmaTranslation.Allowed(address, 0, tables.Domains[domain].Id);
    }

    /// <summary>The window of the domain containing <paramref name="address"/> (an index into <see cref="IPolicyTables.Windows"/>), or −1.</summary>
    /// <remarks><paramref name="address"/> is within the domain's width.</remarks>
    private static int FindWindow<T>(in T tables, in DomainRecord record, ulong address) where T : struct, IPolicyTables
    {
        if (record.WindowCount == 0) return -1;
        int window = SearchTree(in tables, in record, address);
        ref readonly WindowRecord candidate = ref tables.Windows[window];
        return address >= candidate.Iova && address <= candidate.Last ? window : -1;
    }

    /// <summary>
    /// The address a domain's tree is searched for: the request's, but below the trees' missing-child key
    /// (<see cref="TreeNode.NoKey"/>). An address beyond the domain's width is answered 0x04 whatever
    /// window the search finds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SearchedFor(ulong address) => Math.Min(address, TreeNode.NoKey - 1);

    /// <summary>1 when <paramref name="address"/> is beyond a width of <paramref name="width"/> bits (a width of 64 or more covers every address), else 0; without a branch.</summary>
    /// <remarks>
    /// The address needs more bits than the width when its leading zeros and the width add up to less
    /// than 64: right for every width from 0 to 255, in three instructions where a shift by the width
    /// needs a test for widths of 64 or more (which x64 shifts by the width modulo 64).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int BeyondWidth(ulong address, int width) =>
        (int)((uint)(BitOperations.LeadingZeroCount(address) + width - 64) >> 31);

    /// <summary>The highest address of a width (a width of 64 or more covers every address).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WidthLast(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>Write is checked first: an access needing both faults 0x05 when write is missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FaultReason RightsFault(byte rights, DmaAccess access)
    {
        if ((access & DmaAccess.Write) != 0 && (rights & WindowRights.Write) == 0) return FaultReason.WriteDenied;
        if ((access & DmaAccess.Read) != 0 && (rights & WindowRights.Read) == 0) return FaultReason.ReadDenied;
        return FaultReason.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FaultReason MissingWindowFault(DmaAccess access) =>
        (access & DmaAccess.Write) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied;
}
