using System;
using System.Runtime.CompilerServices;

namespace VtdDsl.Benchmarks.Experiments;

/// <summary>
/// A candidate change to <c>PolicyEngine.Translate</c>, kept here to measure it against the engine
/// in the same run (<see cref="EngineVariantBenchmarks"/>): the same semantics, but the window
/// search is a branch-free lower bound (the JIT turns the halving step into a conditional move,
/// so a random address costs no mispredicted branches), and a policy with a single scope range
/// skips the scope search.
/// </summary>
public static class BranchFreeLookup
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DmaTranslation Translate<T>(in T tables, SourceId source, ulong address, DmaAccess access)
        where T : struct, IPolicyTables
    {
        // ---- unit, root, context: as in PolicyEngine, with the one-range fast path
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        uint key = source.Value;
        int range;
        if (first.Length == 1)
        {
            range = first[0] <= key ? 0 : -1;
        }
        else
        {
            int lo = 0, hi = first.Length - 1;
            while (lo <= hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                if (first[mid] <= key) lo = mid + 1;
                else hi = mid - 1;
            }
            range = hi;
        }
        if (range < 0 || key > tables.ScopeLast[range]) return DmaTranslation.Faulted(address, FaultReason.RootEntryNotPresent);
        int unit = tables.ScopeUnit[range];
        int root = tables.RootEntries[unit << 8 | source.Bus];
        if (root == 0) return DmaTranslation.Faulted(address, FaultReason.RootEntryNotPresent);
        int context = tables.ContextEntries[(root - 1) << 8 | (source.RequesterId & 0xFF)];
        if (context == 0) return DmaTranslation.Faulted(address, FaultReason.ContextEntryNotPresent);
        int domain = context - 1;

        ushort id = tables.DomainId[domain];
        if ((tables.DomainFlags[domain] & DomainFlags.PassThrough) != 0) return DmaTranslation.Allowed(address, address, id);
        int width = tables.DomainWidth[domain];
        if (width < 64 && address >> width != 0) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, id);

        // ---- branch-free lower bound over the domain's windows
        ReadOnlySpan<int> starts = tables.DomainWindowStart;
        int start = starts[domain];
        int count = starts[domain + 1] - start;
        FaultReason missing = (access & DmaAccess.Write) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied;
        if (count <= 0) return DmaTranslation.Faulted(address, missing, id);
        ReadOnlySpan<ulong> iova = tables.WindowIova.Slice(start, count);
        int at = 0;
        int length = count;
        while (length > 1)
        {
            int half = length >> 1;
            at = iova[at + half] <= address ? at + half : at;
            length -= half;
        }
        int window = start + at;
        if (iova[at] > address || address > tables.WindowLast[window]) return DmaTranslation.Faulted(address, missing, id);

        byte rights = tables.WindowRights[window];
        if ((access & DmaAccess.Write) != 0 && (rights & WindowRights.Write) == 0) return DmaTranslation.Faulted(address, FaultReason.WriteDenied, id);
        if ((access & DmaAccess.Read) != 0 && (rights & WindowRights.Read) == 0) return DmaTranslation.Faulted(address, FaultReason.ReadDenied, id);
        return DmaTranslation.Allowed(address, tables.WindowHost[window] + (address - iova[at]), id);
    }
}

/// <summary>Which implementation of <c>Translate</c> an <see cref="EngineRunner{TTables}"/> calls.</summary>
public enum EngineVariant
{
    /// <summary><see cref="PolicyEngine.Translate"/> as it is now.</summary>
    Engine,

    /// <summary><see cref="Experiments.EngineBefore"/>: the engine before the lookup rework.</summary>
    Before,

    /// <summary><see cref="BranchFreeLookup"/>: the earlier branch-free candidate.</summary>
    BranchFree,

    /// <summary><see cref="EngineAllBranchFree"/>: the rejected branch-free variant of the rework.</summary>
    AllBranchFree,
}

/// <summary>Runs one variant of <c>Translate</c>, specialised for a generated policy's table struct.</summary>
public sealed class EngineRunner<TTables> : IPolicyRunner where TTables : struct, IPolicyTables
{
    private readonly EngineVariant _variant;

    public EngineRunner(EngineVariant variant) => _variant = variant;

    public ulong Translate(Probe[] probes) => _variant switch
    {
        EngineVariant.Before => Before(probes),
        EngineVariant.BranchFree => Candidate(probes),
        EngineVariant.AllBranchFree => AllBranchFree(probes),
        _ => Engine(probes),
    };

    private static ulong Engine(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in probes.AsSpan())
        {
            var answer = PolicyEngine.Translate(default(TTables), probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    private static ulong Before(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in probes.AsSpan())
        {
            var answer = EngineBefore.Translate(default(TTables), probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    private static ulong AllBranchFree(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in probes.AsSpan())
        {
            var answer = EngineAllBranchFree.Translate(default(TTables), probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    private static ulong Candidate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in probes.AsSpan())
        {
            var answer = BranchFreeLookup.Translate(default(TTables), probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    public DmaTranslation TranslateOne(Probe probe) => _variant switch
    {
        EngineVariant.Before => EngineBefore.Translate(default(TTables), probe.Source, probe.Address, probe.Access),
        EngineVariant.BranchFree => BranchFreeLookup.Translate(default(TTables), probe.Source, probe.Address, probe.Access),
        EngineVariant.AllBranchFree => EngineAllBranchFree.Translate(default(TTables), probe.Source, probe.Address, probe.Access),
        _ => PolicyEngine.Translate(default(TTables), probe.Source, probe.Address, probe.Access),
    };
}
