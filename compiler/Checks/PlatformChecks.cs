using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Platform;

namespace VtdDsl.Compiler.Checks;

/// <summary>
/// VTD7001–VTD7006: what the platform imposes: reserved regions (RMRRs) its firmware keeps using,
/// IOMMU groups, the memory map, and the guest address width of the units a domain spans.
/// </summary>
internal static class PlatformChecks
{
    public static void Run(Policy policy, DomainIndex facts, BindContext context)
    {
        CheckMemoryOverlaps(policy, context);
        var protectedIndex = new RegionIndex(Ranges(policy.Protected));
        foreach (var region in policy.Reserved)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            CheckReserved(policy, region, protectedIndex, context);
        }
        foreach (var group in policy.Groups)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            CheckGroup(policy, group, context);
        }
        CheckGuestWidths(policy, facts, context);
    }

    private static void CheckReserved(Policy policy, ReservedRegion region, RegionIndex protectedIndex, BindContext context)
    {
        int overlap = protectedIndex.FindOverlap(region.Base, region.Last);
        if (overlap >= 0)
        {
            var target = policy.Protected[overlap];
            context.Report(DiagnosticDescriptors.ReservedRegionProtected, region.NameSpan, target.NameSpan,
                region.Name, region.Base, region.Last + 1, target.Name);
        }
        var use = ReservedRegionUse.Of(policy, region);
        foreach (var device in use.Devices)
        {
            if (device.Status == ReservedRegionStatus.NotHonoured)
            {
                var domain = policy.Domains[device.DomainIndex];
                context.Report(DiagnosticDescriptors.ReservedRegionNotMapped, device.Reference.Span, domain.NameSpan,
                    policy.Devices[device.Reference.DeviceIndex].DisplayName, region.Name, region.Base, region.Last + 1, domain.Name);
            }
        }
        foreach (int d in use.OtherWriters)
        {
            var domain = policy.Domains[d];
            context.Report(DiagnosticDescriptors.ReservedRegionWritable, domain.NameSpan, region.NameSpan,
                domain.Name, region.Name, region.Base, region.Last + 1);
        }
    }

    private static void CheckGroup(Policy policy, DeviceGroup group, BindContext context)
    {
        DeviceReference? first = null;
        int firstDomain = -1;
        foreach (var reference in group.Devices)
        {
            if (reference.DeviceIndex < 0 || policy.Devices[reference.DeviceIndex].DomainIndex is var d && d < 0)
            {
                continue;
            }
            if (first is null)
            {
                (first, firstDomain) = (reference, d);
                continue;
            }
            if (d != firstDomain)
            {
                context.Report(DiagnosticDescriptors.GroupSplit, reference.Span, first.Span, group.Name,
                    policy.Devices[first.DeviceIndex].DisplayName, policy.Domains[firstDomain].Name,
                    policy.Devices[reference.DeviceIndex].DisplayName, policy.Domains[d].Name);
            }
        }
    }

    /// <summary>VTD7005 in O(n log n): sorted by base, each region against the farthest-reaching earlier one.</summary>
    private static void CheckMemoryOverlaps(Policy policy, BindContext context)
    {
        var regions = policy.Memory.ToArray();
        var order = new int[regions.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        System.Array.Sort(order, (a, b) => regions[a].Base != regions[b].Base ? regions[a].Base.CompareTo(regions[b].Base) : a.CompareTo(b));
        int reach = -1;
        foreach (int index in order)
        {
            var region = regions[index];
            if (reach >= 0 && regions[reach].Last >= region.Base)
            {
                var earlier = regions[reach];
                var (a, b) = earlier.Span.Start <= region.Span.Start ? (earlier, region) : (region, earlier);
                context.Report(DiagnosticDescriptors.OverlappingMemory, b.NameSpan, a.NameSpan,
                    a.Name, a.Base, a.Last + 1, b.Name, b.Base, b.Last + 1);
            }
            if (reach < 0 || region.Last > regions[reach].Last)
            {
                reach = index;
            }
        }
    }

    /// <summary>VTD7006: the compiled tables hold one address limit per domain, so its units must agree on it.</summary>
    private static void CheckGuestWidths(Policy policy, DomainIndex facts, BindContext context)
    {
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var domain = policy.Domains[d];
            if (domain.IsPassthrough || facts.UnitsOf[d].Count < 2)
            {
                continue;
            }
            var first = policy.Units[facts.UnitsOf[d][0]];
            int firstLimit = GuestAddressLimits.Limit(first, domain.AddressWidth);
            foreach (int u in facts.UnitsOf[d])
            {
                var unit = policy.Units[u];
                int limit = GuestAddressLimits.Limit(unit, domain.AddressWidth);
                if (limit != firstLimit)
                {
                    context.Report(DiagnosticDescriptors.DomainAcrossGuestWidths, domain.NameSpan, domain.Name,
                        first.Name, first.EffectiveGuestAddressWidth, unit.Name, unit.EffectiveGuestAddressWidth);
                    break;
                }
            }
        }
    }

    private static IEnumerable<(ulong, ulong, int)> Ranges(IReadOnlyList<MemoryRegion> regions)
    {
        for (int i = 0; i < regions.Count; i++) yield return (regions[i].Base, regions[i].Last, i);
    }
}
