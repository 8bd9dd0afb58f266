using System;
using System.Collections.Generic;
using System.Linq;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>One DMA request tagged with a PASID.</summary>
public readonly record struct PasidProbe(SourceId Source, uint Pasid, ulong Address, DmaAccess Access)
{
    /// <summary>The line of a <c>vtd translate --queries</c> file: <c>0000:03:00.0:0x7 0x1000 rw</c>.</summary>
    public string ToQueryLine() => $"{Source}:0x{Pasid:x} 0x{Address:x} {(Access == DmaAccess.Read ? "read" : Access == DmaAccess.Write ? "write" : "rw")}";
}

/// <summary>
/// Requests with a PASID for the isolation properties. For every device with <c>pasid</c> lines,
/// each bound PASID and PASID 0 (the RID_PASID): the window edges of the domain it selects, a
/// sample of other domains' edges, and — always kept — the edges of its address limit
/// 2^min(domain width, MGAW of the device's unit): a page and a byte below, exactly, a page above,
/// with the interrupt address range (an ordinary address for a request with a PASID). Unbound
/// PASIDs next to bound ones (the next PASID, the end of its group of 64, the next group, the first
/// PASID past the directory, the largest); PASID requests from bound ids without PASIDs (PASIDs
/// disabled, or a legacy-mode unit) and from unbound ids.
/// </summary>
internal static class PasidProbes
{
    private static readonly DmaAccess[] Accesses = { DmaAccess.Read, DmaAccess.Write, DmaAccess.ReadWrite };

    public static List<PasidProbe> Create(Policy policy, PolicyOracle oracle, SourceId[] bound, SourceId[] unbound,
        ulong[][] edgesByDomain, ulong[] allEdges, Random random, int max)
    {
        var limits = new List<PasidProbe>();
        var probes = new List<PasidProbe>();
        foreach (var source in bound)
        {
            if (oracle.PasidOwner(source) is not { } owner)
            {
                probes.Add(new PasidProbe(source, 1, 0x1000, IsolationProbes.Pick(Accesses, random)));
                probes.Add(new PasidProbe(source, 0, 0, DmaAccess.Read));
                continue;
            }
            var selected = owner.Pasids.Select(p => ((uint)p.Pasid, p.Kind == PasidTargetKind.Domain ? p.TargetIndex : -1))
                .Prepend((0u, owner.DomainIndex));
            foreach (var (pasid, domain) in selected)
            {
                if (domain < 0)
                {
                    probes.Add(new PasidProbe(source, pasid, IsolationProbes.NextULong(random) & ((1UL << 47) - 1), IsolationProbes.Pick(Accesses, random)));
                    continue;
                }
                foreach (ulong address in edgesByDomain[domain]) probes.Add(new PasidProbe(source, pasid, address, IsolationProbes.Pick(Accesses, random)));
                for (int i = 0; i < Math.Min(4, allEdges.Length); i++) probes.Add(new PasidProbe(source, pasid, IsolationProbes.Pick(allEdges, random), IsolationProbes.Pick(Accesses, random)));
                int limit = oracle.AddressLimitOf(source, domain);
                if (limit < 64)
                {
                    ulong end = 1UL << limit;
                    foreach (ulong address in new[] { end - 0x1000, end - 1, end, end + 0x1000 }) limits.Add(new PasidProbe(source, pasid, address, IsolationProbes.Pick(Accesses, random)));
                }
                limits.Add(new PasidProbe(source, pasid, 0xFEE0_0000, DmaAccess.Write));
                limits.Add(new PasidProbe(source, pasid, 0xFEEF_FFFF, DmaAccess.Read));
            }
            int bits = policy.Units[oracle.UnitFor(source)].PasidBits;
            uint covered = 1U << Math.Max(13, bits);
            var unboundPasids = owner.Pasids.SelectMany(p => new[] { (uint)p.Pasid + 1, (uint)p.Pasid | 63, (((uint)p.Pasid >> 6) + 1) << 6 })
                .Append(covered).Append(PasidTranslation.MaxPasid)
                .Where(pasid => pasid <= PasidTranslation.MaxPasid && !owner.Pasids.Any(p => p.Pasid == pasid)).Distinct();
            foreach (uint pasid in unboundPasids) probes.Add(new PasidProbe(source, pasid, 0x1000, IsolationProbes.Pick(Accesses, random)));
        }
        foreach (var source in unbound.Take(8)) probes.Add(new PasidProbe(source, 1, 0, DmaAccess.Read));
        int room = Math.Max(0, max - limits.Count);
        if (probes.Count > room)
        {
            IsolationProbes.Shuffle(probes, random);
            probes.RemoveRange(room, probes.Count - room);
        }
        return limits.Concat(probes).ToList();
    }
}
