using System;
using System.Runtime.CompilerServices;

namespace VtdDsl.Benchmarks.Experiments;

/// <summary>
/// A frozen copy of <c>PolicyEngine.Translate</c> as it was before the lookup rework (textbook binary
/// searches for the scope range and the window, branchy rights check), so that the engine as it is can
/// be measured against it in the same run (<see cref="EngineVariantBenchmarks"/>). Not used by anything else.
/// </summary>
public static class EngineBefore
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindUnit<T>(in T tables, uint sourceKey) where T : struct, IPolicyTables
    {
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        int lo = 0;
        int hi = first.Length - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (first[mid] <= sourceKey) lo = mid + 1;
            else hi = mid - 1;
        }
        // hi: the last range starting at or below the key
        if (hi < 0 || sourceKey > tables.ScopeLast[hi]) return -1;
        return tables.ScopeUnit[hi];
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DmaTranslation TranslateInDomain<T>(in T tables, int domain, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        ushort id = tables.DomainId[domain];
        if ((tables.DomainFlags[domain] & DomainFlags.PassThrough) != 0) return DmaTranslation.Allowed(address, address, id);
        if (address > WidthLast(tables.DomainWidth[domain])) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id);

        int window = FindWindow(in tables, domain, address);
        if (window < 0) return DmaTranslation.Faulted(address, MissingWindowFault(access), id);
        FaultReason fault = RightsFault(tables.WindowRights[window], access);
        if (fault != FaultReason.None) return DmaTranslation.Faulted(address, fault, id);
        return DmaTranslation.Allowed(address, tables.WindowHost[window] + (address - tables.WindowIova[window]), id);
    }

    /// <summary>The window of <paramref name="domain"/> containing <paramref name="address"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindWindow<T>(in T tables, int domain, ulong address) where T : struct, IPolicyTables
    {
        ReadOnlySpan<int> starts = tables.DomainWindowStart;
        ReadOnlySpan<ulong> iova = tables.WindowIova;
        int first = starts[domain];
        int lo = first;
        int hi = starts[domain + 1] - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (iova[mid] <= address) lo = mid + 1;
            else hi = mid - 1;
        }
        if (hi < first || address > tables.WindowLast[hi]) return -1;
        return hi;
    }

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
