using System.Collections.Generic;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Compiler.Checks;

/// <summary>Relations several checks need: which devices and units serve each domain.</summary>
internal sealed class PolicyFacts
{
    public PolicyFacts(Policy policy)
    {
        int count = policy.Domains.Count;
        DevicesOf = new List<int>[count];
        UnitsOf = new List<int>[count];
        PasidUsers = new int[count];
        for (int i = 0; i < count; i++)
        {
            DevicesOf[i] = new List<int>();
            UnitsOf[i] = new List<int>();
        }
        for (int d = 0; d < policy.Devices.Count; d++)
        {
            var device = policy.Devices[d];
            if (device.DomainIndex >= 0)
            {
                DevicesOf[device.DomainIndex].Add(d);
                AddUnit(device.DomainIndex, device.UnitIndex);
                AddUnit(device.DomainIndex, device.ViaUnitIndex);
            }
            foreach (var pasid in device.Pasids)
            {
                if (pasid.Kind == PasidTargetKind.Domain && pasid.TargetIndex >= 0)
                {
                    PasidUsers[pasid.TargetIndex]++;
                    AddUnit(pasid.TargetIndex, device.UnitIndex);
                }
            }
        }
        DomainsServedBy = new List<int>[policy.Units.Count];
        for (int u = 0; u < DomainsServedBy.Length; u++) DomainsServedBy[u] = new List<int>();
        for (int i = 0; i < count; i++)
        {
            foreach (int unit in UnitsOf[i]) DomainsServedBy[unit].Add(i);
        }
    }

    /// <summary>For each unit, the domains its tables point at, in declaration order.</summary>
    public List<int>[] DomainsServedBy { get; }

    /// <summary>Devices bound to each domain (by their own or via id).</summary>
    public List<int>[] DevicesOf { get; }

    /// <summary>Units whose tables point at each domain.</summary>
    public List<int>[] UnitsOf { get; }

    /// <summary>How many PASID lines select each domain.</summary>
    public int[] PasidUsers { get; }

    private void AddUnit(int domain, int unit)
    {
        if (unit >= 0 && !UnitsOf[domain].Contains(unit)) UnitsOf[domain].Add(unit);
    }
}
