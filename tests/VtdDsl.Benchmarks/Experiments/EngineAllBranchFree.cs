using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl.Benchmarks.Experiments;

/// <summary>
/// A rejected variant of the engine, kept to measure against it in the same run: one-range scope fast
/// path, branch-free lower bound over the domain's windows, and a miss folded into the rights check
/// (one allowed-or-fault branch). Measured slower on misses than the branchy search with an early miss
/// exit that <c>PolicyEngine</c> uses (docs/benchmarks.md).
/// </summary>
public static class EngineAllBranchFree
{
    /// <summary>What the IOMMU does with one DMA request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DmaTranslation Translate<T>(in T tables, SourceId source, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
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
    private static int FindUnit<T>(in T tables, uint sourceKey) where T : struct, IPolicyTables
    {
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        int range;
        if (first.Length == 1) range = 0;
        else if (first.Length == 0) return -1;
        else range = LastAtOrBelow(first, sourceKey);
        // range: the last range starting at or below the key; or 0 when none does, which the first
        // compare rejects. One branch for both compares (non-short-circuit |).
        if ((sourceKey < first[range]) | (sourceKey > tables.ScopeLast[range])) return -1;
        return tables.ScopeUnit[range];
    }

    /// <summary>The domain number of a source, or the negated fault reason (0x01, 0x02).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindDomain<T>(in T tables, SourceId source) where T : struct, IPolicyTables
    {
        int unit = FindUnit(in tables, source.Value);
        if (unit < 0) return -(int)FaultReason.RootEntryNotPresent;
        int root = tables.RootEntries[unit << 8 | source.Bus];
        if (root == 0) return -(int)FaultReason.RootEntryNotPresent;
        int context = tables.ContextEntries[(root - 1) << 8 | (source.RequesterId & 0xFF)];
        if (context == 0) return -(int)FaultReason.ContextEntryNotPresent;
        return context - 1;
    }

    /// <remarks>
    /// After the pass-through and width checks, a window miss and a rights fault take the same exit:
    /// a miss is a window granting nothing to an access that needs at least read, so that
    /// <c>(missing &amp; Write) != 0 ? 0x05 : 0x06</c> gives <c>MissingWindowFault</c> for a miss and
    /// <c>RightsFault</c> (write checked first) for a hit without the rights. The search has no
    /// data-dependent branches; what is left is one branch on allowed-or-fault.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DmaTranslation TranslateInDomain<T>(in T tables, int domain, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        ushort id = tables.DomainId[domain];
        if ((tables.DomainFlags[domain] & DomainFlags.PassThrough) != 0) return DmaTranslation.Allowed(address, address, id);
        if (address > WidthLast(tables.DomainWidth[domain])) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id);

        ReadOnlySpan<int> starts = tables.DomainWindowStart;
        int start = starts[domain];
        int count = starts[domain + 1] - start;
        int need = (int)(access & DmaAccess.ReadWrite);
        if (count > 0)
        {
            ReadOnlySpan<ulong> iova = tables.WindowIova.Slice(start, count);
            int at = LastAtOrBelow(iova, address);
            // Safe: LastAtOrBelow returns an index in [0, iova.Length).
            ulong windowFirst = Unsafe.Add(ref MemoryMarshal.GetReference(iova), at);
            int window = start + at;
            byte rights = tables.WindowRights[window];
            bool inside = (windowFirst <= address) & (address <= tables.WindowLast[window]);
            // DmaAccess and WindowRights share the bits: Read = 1, Write = 2.
            int missing = inside ? need & ~rights : need | WindowRights.Read;
            if (missing == 0) return DmaTranslation.Allowed(address, tables.WindowHost[window] + (address - windowFirst), id);
            return DmaTranslation.Faulted(address, (missing & WindowRights.Write) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied, id);
        }
        return DmaTranslation.Faulted(address, MissingWindowFault(access), id);
    }

    /// <summary>The highest address of a width (a width of 64 or more covers every address).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WidthLast(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>Write is checked first: an access needing both faults 0x05 when write is missing.</summary>
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
