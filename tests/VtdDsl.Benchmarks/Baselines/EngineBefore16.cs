using System;
using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace VtdDsl.Benchmarks.Baselines;

/// <summary>
/// The engine before #16, kept as the benchmarks' baseline: <c>PolicyEngine.Translate</c> as it was at
/// commit 4dbda72 (root → context → four domain columns → a binary search over the domain's
/// windows → three more window columns), over the table columns of that time
/// (<see cref="ITablesBefore16"/>). Only the DMA translation path; the code is unchanged but for names.
/// </summary>
public static class EngineBefore16
{
    /// <summary>What the IOMMU does with one DMA request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DmaTranslation Translate<T>(in T tables, SourceId source, ulong address, DmaAccess access)
        where T : struct, ITablesBefore16
    {
        int domain = FindDomain(in tables, source);
        return domain >= 0
            ? TranslateInDomain(in tables, domain, address, access)
            : DmaTranslation.Faulted(address, (FaultReason)(-domain));
    }

    /// <summary>The unit serving <paramref name="sourceKey"/> (<see cref="SourceId.Value"/>), or −1.</summary>
    /// <remarks>
    /// One scope range is the common case (one unit, <c>scope all</c>). For generated tables the span
    /// lengths are JIT-time constants, so only one arm of the length test survives and, with one range,
    /// the lookup is two compares against constants and no search.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindUnit<T>(in T tables, uint sourceKey) where T : struct, ITablesBefore16
    {
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        int range;
        if (first.Length == 1) range = 0;
        else if (first.Length == 0) return -1;
        else range = LastAtOrBelow(first, sourceKey);
        // range: the last range starting at or below the key; or 0 when none does, which the first
        // compare rejects. One branch for both compares (non-short-circuit |); for generated tables
        // first[0] and ScopeLast[0] are constants the JIT folds.
        if ((sourceKey < first[range]) | (sourceKey > tables.ScopeLast[range])) return -1;
        return tables.ScopeUnit[range];
    }

    /// <summary>The domain number of a source, or the negated fault reason (0x01, 0x02).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindDomain<T>(in T tables, SourceId source) where T : struct, ITablesBefore16
    {
        int unit = FindUnit(in tables, source.Value);
        if (unit < 0) return -(int)FaultReason.RootEntryNotPresent;
        int root = tables.RootEntries[unit << 8 | source.Bus];
        if (root == 0) return -(int)FaultReason.RootEntryNotPresent;
        int context = tables.ContextEntries[(root - 1) << 8 | (source.RequesterId & 0xFF)];
        if (context == 0) return -(int)FaultReason.ContextEntryNotPresent;
        return context - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DmaTranslation TranslateInDomain<T>(in T tables, int domain, ulong address, DmaAccess access)
        where T : struct, ITablesBefore16
    {
        ushort id = tables.DomainId[domain];
        if ((tables.DomainFlags[domain] & DomainFlags.PassThrough) != 0) return DmaTranslation.Allowed(address, address, id);
        if (address > WidthLast(tables.DomainWidth[domain])) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id);

        int window = FindWindow(in tables, domain, address);
        if (window < 0) return DmaTranslation.Faulted(address, MissingWindowFault(access), id);
        // RightsFault in one branch: DmaAccess and WindowRights share the bits (Read = 1, Write = 2);
        // write is reported first.
        int missing = (int)(access & DmaAccess.ReadWrite) & ~tables.WindowRights[window];
        if (missing != 0)
            return DmaTranslation.Faulted(address, (missing & WindowRights.Write) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied, id);
        return DmaTranslation.Allowed(address, tables.WindowHost[window] + (address - tables.WindowIova[window]), id);
    }

    /// <summary>The window of <paramref name="domain"/> containing <paramref name="address"/>, or −1.</summary>
    /// <remarks>
    /// A branchy binary search on purpose: on this workload (random addresses, ~24 windows per domain at
    /// Large, window arrays beyond L2) it measured as fast as or faster than the branch-free lower bound
    /// (<see cref="LastAtOrBelow"/>), which serialises every step on the previous load, while the
    /// predicted branch lets the CPU start the next load early (docs/benchmarks.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindWindow<T>(in T tables, int domain, ulong address) where T : struct, ITablesBefore16
    {
        ReadOnlySpan<int> starts = tables.DomainWindowStart;
        int start = starts[domain];
        int count = starts[domain + 1] - start;
        if (count <= 0) return -1;
        ReadOnlySpan<ulong> iova = tables.WindowIova.Slice(start, count);
        ref ulong iovaFirst = ref MemoryMarshal.GetReference(iova);
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            // Safe: 0 <= lo <= mid <= hi <= count - 1 (lo only grows from 0, hi only shrinks from
            // count - 1, and the loop runs while lo <= hi), so mid is inside the slice.
            if (Unsafe.Add(ref iovaFirst, mid) <= address) lo = mid + 1;
            else hi = mid - 1;
        }
        // hi: the last window starting at or below the address, or −1
        if (hi < 0 || address > tables.WindowLast[start + hi]) return -1;
        return start + hi;
    }

    /// <summary>The highest address of a width (a width of 64 or more covers every address).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WidthLast(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FaultReason MissingWindowFault(DmaAccess access) =>
        (access & DmaAccess.Write) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied;

    /// <summary>
    /// The index of the last element of <paramref name="sorted"/> (ascending, not empty) at or below
    /// <paramref name="value"/>; 0 when every element is above it, so callers still compare
    /// <c>sorted[result] &lt;= value</c>. Always in [0, <paramref name="sorted"/>.Length).
    /// </summary>
    /// <remarks>
    /// A halving search with a fixed number of steps (⌈log2 n⌉) for a given length: the step
    /// <c>at = sorted[at + half] &lt;= value ? at + half : at</c> compiles to a conditional move, so a
    /// random value costs no mispredicted branches (the loop's own branch depends only on the length).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LastAtOrBelow<T>(ReadOnlySpan<T> sorted, T value)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        ref T first = ref MemoryMarshal.GetReference(sorted);
        int at = 0;
        int length = sorted.Length;
        // Invariant: 0 <= at and at + length <= sorted.Length (it starts as 0 + Length; a step either
        // keeps at + length or lowers it by half). 1 <= half < length, so at + half is in
        // (at, at + length) ⊆ [1, sorted.Length): Unsafe.Add stays inside the span.
        while (length > 1)
        {
            int half = length >> 1;
            at = Unsafe.Add(ref first, at + half) <= value ? at + half : at;
            length -= half;
        }
        return at;
    }
}
