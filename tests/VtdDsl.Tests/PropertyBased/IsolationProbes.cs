using System;
using System.Collections.Generic;
using System.Linq;
using VtdDsl.Compiler.Model;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// Requests for the isolation properties, drawn from a policy deterministically: for every
/// requester, every edge of every window of its own domain (first and last byte, ±1, ±1 page),
/// a sample of other domains' window edges (a device must not reach them), the edges of its
/// address width and of its unit's narrower <c>guest-address-width</c> (with the interrupt
/// address range above it), random addresses inside and outside its windows; unbound functions next to
/// bound ones, on unbound buses and in other segments; requests with a PASID (<see cref="PasidProbes"/>). Transfers start and end around window
/// edges and run across adjacent windows; interrupts are asked with the entry's requester, the
/// device's own id, every other bound id and unbound ones.
/// </summary>
public sealed class IsolationProbes
{
    private static readonly DmaAccess[] Accesses = { DmaAccess.Read, DmaAccess.Write, DmaAccess.ReadWrite };

    public IsolationProbes(Policy policy, string text, int maxDma = 800, int maxTransfers = 300, int maxPasid = 400)
    {
        var random = new Random(StableHash(text));
        var oracle = new PolicyOracle(policy);
        var bound = oracle.BoundSources().ToArray();
        var unbound = Unbound(bound, random).Where(s => oracle.DomainOf(s) < 0).Distinct().ToArray();
        var edgesByDomain = policy.Domains.Select(domain => Edges(domain, random).ToArray()).ToArray();
        var allEdges = edgesByDomain.SelectMany(e => e).Distinct().ToArray();
        Dma = DmaProbes(policy, oracle, bound, unbound, edgesByDomain, allEdges, random, maxDma);
        Transfers = TransferProbes(policy, oracle, bound, unbound, random, maxTransfers);
        Interrupts = InterruptProbes(policy, bound, unbound);
        Pasid = PasidProbes.Create(policy, oracle, bound, unbound, edgesByDomain, allEdges, random, maxPasid);
    }

    public IReadOnlyList<DmaProbe> Dma { get; }
    public IReadOnlyList<TransferProbe> Transfers { get; }
    public IReadOnlyList<InterruptProbe> Interrupts { get; }
    public IReadOnlyList<PasidProbe> Pasid { get; }

    private static List<DmaProbe> DmaProbes(Policy policy, PolicyOracle oracle, SourceId[] bound, SourceId[] unbound,
        ulong[][] edgesByDomain, ulong[] allEdges, Random random, int max)
    {
        var probes = new List<DmaProbe>();
        foreach (var source in bound)
        {
            int d = oracle.DomainOf(source);
            foreach (ulong address in edgesByDomain[d]) probes.Add(new DmaProbe(source, address, Pick(Accesses, random)));
            if (GuestLimit(policy, oracle, source) is { } limit)
            {
                foreach (ulong address in new[] { limit - 0x1000, limit - 1, limit, limit + 0x1000 }) probes.Add(new DmaProbe(source, address, Pick(Accesses, random)));
                // The interrupt address range is answered before the width, also above a narrow limit.
                probes.Add(new DmaProbe(source, 0xFEE0_0000, DmaAccess.Write));
                probes.Add(new DmaProbe(source, 0xFEEF_FFFF, DmaAccess.Read));
            }
            for (int i = 0; i < Math.Min(16, allEdges.Length); i++) probes.Add(new DmaProbe(source, Pick(allEdges, random), Pick(Accesses, random)));
            probes.Add(new DmaProbe(source, NextULong(random) & ((1UL << 48) - 1), Pick(Accesses, random)));
            probes.Add(new DmaProbe(source, NextULong(random), Pick(Accesses, random)));
        }
        foreach (var source in unbound)
        {
            probes.Add(new DmaProbe(source, allEdges.Length > 0 ? Pick(allEdges, random) : 0, Pick(Accesses, random)));
            probes.Add(new DmaProbe(source, 0, DmaAccess.Read));
        }
        if (probes.Count > max)
        {
            Shuffle(probes, random);
            probes.RemoveRange(max, probes.Count - max);
        }
        return probes;
    }

    /// <summary>
    /// 2^MGAW of the unit serving <paramref name="source"/>, when its <c>guest-address-width</c> is
    /// narrower than the (translating) domain's width; null otherwise.
    /// </summary>
    private static ulong? GuestLimit(Policy policy, PolicyOracle oracle, SourceId source)
    {
        int unit = oracle.UnitFor(source);
        var domain = policy.Domains[oracle.DomainOf(source)];
        int guestWidth = unit < 0 ? 0 : policy.Units[unit].GuestAddressWidth;
        return !domain.IsPassthrough && guestWidth > 0 && guestWidth < domain.AddressWidth ? 1UL << guestWidth : null;
    }

    private static IEnumerable<ulong> Edges(Domain domain, Random random)
    {
        yield return 0;
        if (domain.AddressWidth is > 0 and < 64)
        {
            ulong limit = 1UL << domain.AddressWidth;
            yield return limit - 1;
            yield return limit;
        }
        foreach (var window in domain.Windows)
        {
            foreach (ulong edge in new[] { window.Iova, window.IovaLast })
            {
                foreach (long delta in new long[] { -0x1000, -1, 0, 1, 0x1000 })
                {
                    ulong address = unchecked(edge + (ulong)delta);
                    if ((delta < 0 && address > edge) || (delta > 0 && address < edge)) continue; // wrapped
                    yield return address;
                }
            }
            yield return window.Iova + NextULong(random) % window.Size;
        }
    }

    private static List<TransferProbe> TransferProbes(Policy policy, PolicyOracle oracle, SourceId[] bound, SourceId[] unbound, Random random, int max)
    {
        var probes = new List<TransferProbe>();
        foreach (var source in bound)
        {
            var domain = policy.Domains[oracle.DomainOf(source)];
            var windows = domain.Windows.OrderBy(w => w.Iova).ToArray();
            for (int i = 0; i < windows.Length; i++)
            {
                var w = windows[i];
                var access = Pick(Accesses, random);
                probes.Add(new TransferProbe(source, w.Iova, w.Size, access));
                probes.Add(new TransferProbe(source, w.Iova, w.Size + 1, access));
                probes.Add(new TransferProbe(source, w.Iova + 0xFFF, 2, access));
                probes.Add(new TransferProbe(source, w.IovaLast, 1, access));
                probes.Add(new TransferProbe(source, w.IovaLast, 2, access));
                probes.Add(new TransferProbe(source, w.Iova - 0x1000, 0x2000, access));
                probes.Add(new TransferProbe(source, w.Iova + NextULong(random) % w.Size, 1 + NextULong(random) % 0x10000, access));
                probes.Add(new TransferProbe(source, w.Iova, 0, access));
                if (i + 1 < windows.Length && windows[i + 1].Iova == w.IovaLast + 1)
                {
                    var next = windows[i + 1];
                    probes.Add(new TransferProbe(source, w.IovaLast - 0xFFF, 0x1000 + next.Size, access));
                    probes.Add(new TransferProbe(source, w.Iova, w.Size + next.Size + 1, access));
                }
            }
            if (domain.AddressWidth is > 0 and < 64)
            {
                probes.Add(new TransferProbe(source, (1UL << domain.AddressWidth) - 0x1000, 0x2000, DmaAccess.Read));
            }
            if (GuestLimit(policy, oracle, source) is { } limit)
            {
                probes.Add(new TransferProbe(source, limit - 0x1000, 0x2000, DmaAccess.Read));
                if (windows.Length > 0) probes.Add(new TransferProbe(source, windows[^1].Iova, limit - windows[^1].Iova + 1, Pick(Accesses, random)));
            }
            probes.Add(new TransferProbe(source, ulong.MaxValue - 0xFFF, 0x2000, DmaAccess.Read));
            probes.Add(new TransferProbe(source, 0, ulong.MaxValue, DmaAccess.Read));
            probes.Add(new TransferProbe(source, 0x1000, 0, DmaAccess.Write));
        }
        foreach (var source in unbound.Take(4))
        {
            probes.Add(new TransferProbe(source, 0, 0x1000, DmaAccess.Read));
        }
        if (probes.Count > max)
        {
            Shuffle(probes, random);
            probes.RemoveRange(max, probes.Count - max);
        }
        return probes;
    }

    private static List<InterruptProbe> InterruptProbes(Policy policy, SourceId[] bound, SourceId[] unbound)
    {
        var probes = new HashSet<InterruptProbe>();
        var sources = bound.Concat(unbound.Take(6)).ToArray();
        foreach (var interrupt in policy.Interrupts)
        {
            foreach (var source in sources)
            {
                probes.Add(new InterruptProbe(source, interrupt.Index));
            }
            var device = policy.Devices[interrupt.DeviceIndex];
            probes.Add(new InterruptProbe(PolicyOracle.ToSourceId(device.Source), interrupt.Index - 1));
            probes.Add(new InterruptProbe(PolicyOracle.ToSourceId(device.Source), interrupt.Index + 1));
        }
        foreach (var unit in policy.Units)
        {
            foreach (var source in sources.Take(3))
            {
                foreach (int index in new[] { -1, 0, unit.InterruptEntries - 1, unit.InterruptEntries })
                {
                    probes.Add(new InterruptProbe(source, index));
                }
            }
        }
        return probes.OrderBy(p => p.Source).ThenBy(p => p.Index).ToList();
    }

    private static IEnumerable<SourceId> Unbound(SourceId[] bound, Random random)
    {
        foreach (var source in bound)
        {
            yield return new SourceId(source.Segment, source.Bus, source.Device, (byte)((source.Function + 1) % 8));
            yield return new SourceId(source.Segment, source.Bus, (byte)((source.Device + 1) % 32), source.Function);
            yield return new SourceId(source.Segment, (byte)(source.Bus + 1), source.Device, source.Function);
            yield return new SourceId((ushort)(source.Segment + 1), source.Bus, source.Device, source.Function);
        }
        yield return new SourceId(0, 0xFF, 0x1F, 7);
        yield return new SourceId(7, 0, 0, 0);
        yield return new SourceId(0, (byte)random.Next(256), (byte)random.Next(32), (byte)random.Next(8));
    }

    internal static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    internal static void Shuffle<T>(List<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    internal static ulong NextULong(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);

    /// <summary>FNV-1a: the same probes for the same spec in every run (string.GetHashCode is randomised).</summary>
    public static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)hash;
    }
}
