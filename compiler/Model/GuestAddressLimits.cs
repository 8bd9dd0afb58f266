namespace VtdDsl.Compiler.Model;

/// <summary>
/// The address limit each domain's requests meet: the smaller of the domain's address width and
/// the guest address width (CAP.MGAW) of the units serving it. A unit faults (0x04) a DMA address
/// at or above 2^min(AW, MGAW) (VT-d: the input address is beyond the minimum of the two).
/// </summary>
public static class GuestAddressLimits
{
    /// <summary>The limit, in bits, of every domain (a pass-through domain keeps its width: it translates nothing).</summary>
    public static int[] Of(Policy policy)
    {
        var limits = new int[policy.Domains.Count];
        for (int d = 0; d < limits.Length; d++) limits[d] = policy.Domains[d].AddressWidth;
        foreach (var device in policy.Devices)
        {
            Lower(policy, limits, device.DomainIndex, device.UnitIndex);
            Lower(policy, limits, device.DomainIndex, device.ViaUnitIndex);
            foreach (var pasid in device.Pasids)
            {
                if (pasid.Kind == PasidTargetKind.Domain) Lower(policy, limits, pasid.TargetIndex, device.UnitIndex);
            }
        }
        return limits;
    }

    /// <summary>The limit a unit imposes on a domain of width <paramref name="width"/>.</summary>
    public static int Limit(IommuUnit unit, int width) =>
        unit.EffectiveGuestAddressWidth < width ? unit.EffectiveGuestAddressWidth : width;

    private static void Lower(Policy policy, int[] limits, int domain, int unit)
    {
        if (domain < 0 || unit < 0 || policy.Domains[domain].IsPassthrough) return;
        int limit = Limit(policy.Units[unit], policy.Domains[domain].AddressWidth);
        if (limit < limits[domain]) limits[domain] = limit;
    }
}
