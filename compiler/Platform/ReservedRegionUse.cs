namespace VtdDsl.Compiler.Platform;

/// <summary>How one device named by a <c>reserved</c> region meets it.</summary>
public enum ReservedRegionStatus : byte
{
    /// <summary>No <c>device</c> declaration binds it: firmware's DMA meets no domain of the policy.</summary>
    Unbound,

    /// <summary>Its domain is pass-through: every host address is reachable as itself.</summary>
    PassThrough,

    /// <summary>Its domain identity-maps the whole region read write.</summary>
    IdentityMapped,

    /// <summary>Its domain does not identity-map all of the region read write: firmware's DMA faults (VTD7001).</summary>
    NotHonoured,
}

/// <summary>One device of a reserved region, with its domain (-1 when unbound) and status.</summary>
public sealed record ReservedRegionDevice(DeviceReference Reference, int DomainIndex, ReservedRegionStatus Status);

/// <summary>
/// Who honours each <c>reserved</c> region (an RMRR): the status of each listed device, and the other
/// domains that can write it. One computation for the checker (VTD7001, VTD7003), the review sheet and
/// the diff.
/// </summary>
public sealed record ReservedRegionUse(ReservedRegion Region, IReadOnlyList<ReservedRegionDevice> Devices, IReadOnlyList<int> OtherWriters)
{
    /// <summary>Every reserved region of the policy, in declaration order.</summary>
    public static IReadOnlyList<ReservedRegionUse> Of(Policy policy)
    {
        var uses = new List<ReservedRegionUse>(policy.Reserved.Count);
        foreach (var region in policy.Reserved) uses.Add(Of(policy, region));
        return uses;
    }

    public static ReservedRegionUse Of(Policy policy, ReservedRegion region)
    {
        var devices = new List<ReservedRegionDevice>(region.Devices.Count);
        var honouring = new HashSet<int>();
        foreach (var reference in region.Devices)
        {
            int domain = reference.DeviceIndex >= 0 ? policy.Devices[reference.DeviceIndex].DomainIndex : -1;
            if (domain < 0)
            {
                devices.Add(new ReservedRegionDevice(reference, -1, ReservedRegionStatus.Unbound));
                continue;
            }
            honouring.Add(domain);
            var status = policy.Domains[domain].IsPassthrough ? ReservedRegionStatus.PassThrough
                : IdentityMapsReadWrite(policy.Domains[domain], region.Base, region.Last) ? ReservedRegionStatus.IdentityMapped
                : ReservedRegionStatus.NotHonoured;
            devices.Add(new ReservedRegionDevice(reference, domain, status));
        }
        var writers = new List<int>();
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            if (!honouring.Contains(d) && WritesHost(policy.Domains[d], region.Base, region.Last)) writers.Add(d);
        }
        return new ReservedRegionUse(region, devices, writers);
    }

    /// <summary>Whether windows whose DMA address equals their host address cover [first, last] with read and write.</summary>
    public static bool IdentityMapsReadWrite(Domain domain, ulong first, ulong last)
    {
        var ranges = new List<(ulong, ulong)>();
        foreach (var window in domain.Windows)
        {
            if (window.Iova == window.HostAddress && window.Rights == Rights.ReadWrite && !window.Overflows)
            {
                ranges.Add((window.Iova, window.IovaLast));
            }
        }
        return new AddressRangeSet(ranges).Covers(first, last);
    }

    /// <summary>Whether the domain's devices can write some byte of host [first, last] (pass-through: all of memory).</summary>
    public static bool WritesHost(Domain domain, ulong first, ulong last)
    {
        if (domain.IsPassthrough)
        {
            return true;
        }
        foreach (var window in domain.Windows)
        {
            if ((window.Rights & Rights.Write) != 0 && !window.Overflows && window.HostAddress <= last && window.HostLast >= first)
            {
                return true;
            }
        }
        return false;
    }
}
