using System;
using System.Collections.Generic;
using System.Linq;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Tests.Generator;

/// <summary>One DMA request to ask two implementations about.</summary>
public readonly record struct DmaProbe(SourceId Source, ulong Address, DmaAccess Access)
{
    /// <summary>The line of a <c>vtd translate --queries</c> file: <c>0000:03:00.0 0x1000 rw</c>.</summary>
    public string ToQueryLine() => $"{Source} 0x{Address:x} {(Access == DmaAccess.Read ? "read" : Access == DmaAccess.Write ? "write" : "rw")}";
}

/// <summary>One remappable interrupt to ask two implementations about.</summary>
public readonly record struct InterruptProbe(SourceId Source, int Index);

/// <summary>One transfer for <c>CheckTransfer</c>.</summary>
public readonly record struct TransferProbe(SourceId Source, ulong Address, ulong Length, DmaAccess Access);

/// <summary>
/// The requests where implementations of a policy are most likely to disagree: every window
/// boundary (first and last byte, the bytes just before and after) for every device of the
/// window's domain, 2^width and 2^width − 1 of every domain, every bound and unbound function on
/// a bus with bound devices, an unbound bus, and every interrupt entry with its own and a foreign
/// requester. Reusable by any test that compares two answers (generated code, CLI, IOMMU model).
/// </summary>
public static class PolicyProbes
{
    private static readonly DmaAccess[] Accesses = { DmaAccess.Read, DmaAccess.Write, DmaAccess.ReadWrite };

    public static IReadOnlyList<DmaProbe> Dma(Policy policy)
    {
        var probes = new HashSet<DmaProbe>();
        var sourcesByDomain = policy.Devices
            .Where(device => device.DomainIndex >= 0)
            .SelectMany(device => Sources(device).Select(source => (device.DomainIndex, Source: source)))
            .ToLookup(pair => pair.DomainIndex, pair => pair.Source);

        var limits = GuestAddressLimits.Of(policy);
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var domain = policy.Domains[d];
            // Both ends of the interrupt address range, and the guest address width below the table format.
            var addresses = new HashSet<ulong> { 0, ulong.MaxValue, 0xFEDF_FFFF, 0xFEE0_0000, 0xFEEF_FFFF, 0xFEF0_0000 };
            if (limits[d] is > 0 and < 64)
            {
                addresses.Add(1UL << limits[d]);
                addresses.Add((1UL << limits[d]) - 1);
            }
            if (domain.AddressWidth is > 0 and < 64)
            {
                ulong limit = 1UL << domain.AddressWidth;
                addresses.Add(limit);
                addresses.Add(limit - 1);
            }
            foreach (var window in domain.Windows)
            {
                foreach (ulong address in Around(window.Iova)) addresses.Add(address);
                foreach (ulong address in Around(window.IovaLast)) addresses.Add(address);
            }
            foreach (var source in sourcesByDomain[d])
            {
                foreach (ulong address in addresses)
                {
                    foreach (var access in Accesses) probes.Add(new DmaProbe(source, address, access));
                }
            }
        }

        foreach (var source in NeighbourSources(policy))
        {
            probes.Add(new DmaProbe(source, 0, DmaAccess.Read));
            probes.Add(new DmaProbe(source, 0x1000, DmaAccess.Write));
            probes.Add(new DmaProbe(source, 0xFEE0_0000, DmaAccess.Write));
            probes.Add(new DmaProbe(source, 0xFEE0_0000, DmaAccess.Read));
        }
        return probes.OrderBy(p => p.Source).ThenBy(p => p.Address).ThenBy(p => p.Access).ToArray();
    }

    public static IReadOnlyList<TransferProbe> Transfers(Policy policy)
    {
        var probes = new List<TransferProbe>();
        foreach (var probe in Dma(policy))
        {
            if (probe.Access != DmaAccess.ReadWrite) continue;
            foreach (ulong length in new ulong[] { 0, 1, 2, 0x1000, 0x20_0000, ulong.MaxValue })
            {
                probes.Add(new TransferProbe(probe.Source, probe.Address, length, DmaAccess.Read));
                probes.Add(new TransferProbe(probe.Source, probe.Address, length, DmaAccess.ReadWrite));
            }
        }
        return probes;
    }

    public static IReadOnlyList<InterruptProbe> Interrupts(Policy policy)
    {
        var probes = new HashSet<InterruptProbe>();
        var sources = policy.Devices.SelectMany(Sources).Concat(NeighbourSources(policy)).Distinct().ToArray();
        foreach (var interrupt in policy.Interrupts)
        {
            foreach (var source in sources)
            {
                foreach (int index in new[] { interrupt.Index - 1, interrupt.Index, interrupt.Index + 1 })
                {
                    probes.Add(new InterruptProbe(source, index));
                }
            }
        }
        foreach (var unit in policy.Units)
        {
            foreach (var source in sources.Take(4))
            {
                foreach (int index in new[] { -1, 0, unit.InterruptEntries - 1, unit.InterruptEntries, int.MaxValue })
                {
                    probes.Add(new InterruptProbe(source, index));
                }
            }
        }
        return probes.OrderBy(p => p.Source).ThenBy(p => p.Index).ToArray();
    }

    /// <summary>A device's own id and its <c>via</c> id.</summary>
    private static IEnumerable<SourceId> Sources(Device device)
    {
        yield return ToSourceId(device.Source);
        if (device.Via is { } via) yield return ToSourceId(via);
    }

    /// <summary>Every function on each bus that has bound devices, plus the next bus and another segment.</summary>
    private static IEnumerable<SourceId> NeighbourSources(Policy policy)
    {
        var buses = policy.Devices.SelectMany(device => device.Via is { } via ? new[] { device.Source, via } : new[] { device.Source })
            .Select(address => (address.Segment, address.Bus)).Distinct().OrderBy(bus => bus).ToArray();
        foreach (var (segment, bus) in buses)
        {
            for (int devfn = 0; devfn < 256; devfn++)
            {
                yield return SourceId.FromRequesterId(segment, (ushort)(bus << 8 | devfn));
            }
            yield return new SourceId(segment, (byte)(bus + 1), 0, 0);
            yield return new SourceId((ushort)(segment + 1), bus, 0, 0);
        }
    }

    private static IEnumerable<ulong> Around(ulong address)
    {
        if (address > 0) yield return address - 1;
        yield return address;
        if (address < ulong.MaxValue) yield return address + 1;
    }

    public static SourceId ToSourceId(PciAddress address) => new(address.Segment, address.Bus, address.Device, address.Function);
}
