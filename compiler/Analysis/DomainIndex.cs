namespace VtdDsl.Compiler.Analysis;

/// <summary>
/// Who serves each domain — its devices, the PASID lines that select it, the units whose tables
/// point at it — which units serve each process, and the stable orders reports list things in: domains by id, devices by source
/// id, interrupts by unit and index. The checks, the review sheet and the diff read the same index.
/// </summary>
public sealed class DomainIndex
{
    internal DomainIndex(Policy policy)
    {
        Policy = policy;
        int count = policy.Domains.Count;
        var devicesOf = new List<int>[count];
        var pasidUsers = new List<(int Device, PasidBinding Pasid)>[count];
        var unitsOf = new SortedSet<int>[count];
        for (int d = 0; d < count; d++)
        {
            devicesOf[d] = new List<int>();
            pasidUsers[d] = new List<(int, PasidBinding)>();
            unitsOf[d] = new SortedSet<int>();
        }
        var processUnits = new SortedSet<int>[policy.Processes.Count];
        for (int p = 0; p < processUnits.Length; p++) processUnits[p] = new SortedSet<int>();
        for (int i = 0; i < policy.Devices.Count; i++)
        {
            var device = policy.Devices[i];
            if (device.DomainIndex >= 0 && device.DomainIndex < count)
            {
                devicesOf[device.DomainIndex].Add(i);
                if (device.UnitIndex >= 0) unitsOf[device.DomainIndex].Add(device.UnitIndex);
                if (device.ViaUnitIndex >= 0) unitsOf[device.DomainIndex].Add(device.ViaUnitIndex);
            }
            foreach (var pasid in device.Pasids)
            {
                if (pasid.Kind == PasidTargetKind.Domain && pasid.TargetIndex >= 0 && pasid.TargetIndex < count)
                {
                    pasidUsers[pasid.TargetIndex].Add((i, pasid));
                    if (device.UnitIndex >= 0) unitsOf[pasid.TargetIndex].Add(device.UnitIndex);
                }
                else if (pasid.Kind == PasidTargetKind.Process && pasid.TargetIndex >= 0 && pasid.TargetIndex < processUnits.Length
                    && device.UnitIndex >= 0)
                {
                    processUnits[pasid.TargetIndex].Add(device.UnitIndex);
                }
            }
        }
        var servedBy = new List<int>[policy.Units.Count];
        for (int u = 0; u < servedBy.Length; u++) servedBy[u] = new List<int>();
        var units = new IReadOnlyList<int>[count];
        for (int d = 0; d < count; d++)
        {
            devicesOf[d].Sort((a, b) => policy.Devices[a].Source.CompareTo(policy.Devices[b].Source));
            pasidUsers[d].Sort((a, b) =>
            {
                int bySource = policy.Devices[a.Device].Source.CompareTo(policy.Devices[b.Device].Source);
                return bySource != 0 ? bySource : a.Pasid.Pasid.CompareTo(b.Pasid.Pasid);
            });
            units[d] = new List<int>(unitsOf[d]);
            foreach (int unit in unitsOf[d])
            {
                if (unit < servedBy.Length) servedBy[unit].Add(d);
            }
        }
        var processesServedBy = new List<int>[policy.Units.Count];
        for (int u = 0; u < processesServedBy.Length; u++) processesServedBy[u] = new List<int>();
        var unitsOfProcess = new IReadOnlyList<int>[processUnits.Length];
        for (int p = 0; p < processUnits.Length; p++)
        {
            unitsOfProcess[p] = new List<int>(processUnits[p]);
            foreach (int unit in processUnits[p])
            {
                if (unit < processesServedBy.Length) processesServedBy[unit].Add(p);
            }
        }
        UnitsOfProcess = unitsOfProcess;
        ProcessesServedBy = processesServedBy;
        DevicesOf = devicesOf;
        PasidUsersOf = pasidUsers;
        UnitsOf = units;
        DomainsServedBy = servedBy;

        var domains = new List<int>(count);
        for (int d = 0; d < count; d++) domains.Add(d);
        domains.Sort((a, b) =>
        {
            int byId = policy.Domains[a].Id.CompareTo(policy.Domains[b].Id);
            return byId != 0 ? byId : string.CompareOrdinal(policy.Domains[a].Name, policy.Domains[b].Name);
        });
        DomainsById = domains;

        var devices = new List<int>(policy.Devices.Count);
        for (int i = 0; i < policy.Devices.Count; i++) devices.Add(i);
        devices.Sort((a, b) => policy.Devices[a].Source.CompareTo(policy.Devices[b].Source));
        DevicesBySource = devices;

        var interrupts = new List<int>(policy.Interrupts.Count);
        for (int i = 0; i < policy.Interrupts.Count; i++) interrupts.Add(i);
        interrupts.Sort((a, b) =>
        {
            var x = policy.Interrupts[a];
            var y = policy.Interrupts[b];
            int byUnit = x.UnitIndex.CompareTo(y.UnitIndex);
            if (byUnit != 0) return byUnit;
            int byIndex = x.Index.CompareTo(y.Index);
            return byIndex != 0 ? byIndex : a.CompareTo(b);
        });
        InterruptsByUnitAndIndex = interrupts;
    }

    /// <summary>The policy indexed.</summary>
    public Policy Policy { get; }

    /// <summary>Domain indexes ordered by domain id (then name).</summary>
    public IReadOnlyList<int> DomainsById { get; }

    /// <summary>Device indexes bound to each domain (by their own or via id), by source id.</summary>
    public IReadOnlyList<IReadOnlyList<int>> DevicesOf { get; }

    /// <summary>PASID lines that select each domain, by device source id and PASID.</summary>
    public IReadOnlyList<IReadOnlyList<(int Device, PasidBinding Pasid)>> PasidUsersOf { get; }

    /// <summary>Units whose tables point at each domain (through a device, its via id or a PASID line), by unit index.</summary>
    public IReadOnlyList<IReadOnlyList<int>> UnitsOf { get; }

    /// <summary>For each unit, the domains its tables point at, by domain index (declaration order).</summary>
    public IReadOnlyList<IReadOnlyList<int>> DomainsServedBy { get; }

    /// <summary>Units whose PASID tables point at each process (the units of the devices with a PASID bound to it), by unit index.</summary>
    public IReadOnlyList<IReadOnlyList<int>> UnitsOfProcess { get; }

    /// <summary>For each unit, the processes its PASID tables point at, by process index (declaration order).</summary>
    public IReadOnlyList<IReadOnlyList<int>> ProcessesServedBy { get; }

    /// <summary>Device indexes ordered by source id.</summary>
    public IReadOnlyList<int> DevicesBySource { get; }

    /// <summary>Interrupt indexes ordered by unit, then table index.</summary>
    public IReadOnlyList<int> InterruptsByUnitAndIndex { get; }

    /// <summary>A domain's windows ordered by DMA address.</summary>
    public static List<Window> WindowsByIova(Domain domain)
    {
        var windows = new List<Window>(domain.Windows);
        windows.Sort((a, b) => a.Iova != b.Iova ? a.Iova.CompareTo(b.Iova) : a.Size.CompareTo(b.Size));
        return windows;
    }

    /// <summary><c>vm1 (id 2)</c>, or <c>?</c> for no domain.</summary>
    public string DomainLabel(int domain) =>
        domain >= 0 && domain < Policy.Domains.Count ? $"{Policy.Domains[domain].Name} (id {Policy.Domains[domain].Id})" : "?";

    /// <summary>The unit's name, or <c>?</c> for no unit.</summary>
    public string UnitName(int unit) => unit >= 0 && unit < Policy.Units.Count ? Policy.Units[unit].Name : "?";
}
