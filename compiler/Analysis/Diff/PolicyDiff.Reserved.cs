using System.Linq;
using VtdDsl.Compiler.Platform;
using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, reserved memory (RMRRs) and who honours it.</summary>
public sealed partial class PolicyDiff
{
    /// <summary>Reserved regions (RMRRs) matched by name: added, removed, moved, other devices, and who honours them.</summary>
    private void CompareReserved()
    {
        var before = new Dictionary<string, ReservedRegionUse>(StringComparer.Ordinal);
        foreach (var use in ReservedRegionUse.Of(_old)) before[use.Region.Name] = use;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var now in ReservedRegionUse.Of(_new))
        {
            var region = now.Region;
            string subject = $"reserved {region.Name}";
            seen.Add(region.Name);
            if (!before.TryGetValue(region.Name, out var old))
            {
                Add(ChangeArea.ReservedMemory, ChangeKind.ReservedAdded, ChangeImpact.Changed, subject,
                    $"added: host {Format.Range(region.Base, region.Last)} ({Format.Size(region.Size)}) for {Devices(now)}; {Honours(_new, now)}");
                continue;
            }
            if (old.Region.Base != region.Base || old.Region.Size != region.Size)
            {
                Add(ChangeArea.ReservedMemory, ChangeKind.ReservedChanged, ChangeImpact.Changed, subject,
                    $"changed from host {Format.Range(old.Region.Base, old.Region.Last)} ({Format.Size(old.Region.Size)}) to {Format.Range(region.Base, region.Last)} ({Format.Size(region.Size)})");
            }
            if (Devices(old) != Devices(now))
            {
                Add(ChangeArea.ReservedMemory, ChangeKind.ReservedChanged, ChangeImpact.Changed, subject,
                    $"devices changed from {Devices(old)} to {Devices(now)}");
            }
            foreach (var device in now.Devices)
            {
                var earlier = old.Devices.FirstOrDefault(d => d.Reference.Text == device.Reference.Text);
                if (earlier is null) continue;
                string was = Honour(_old, earlier), nowText = Honour(_new, device);
                if (was != nowText)
                {
                    Add(ChangeArea.ReservedMemory, ChangeKind.ReservedHonourChanged, ChangeImpact.Changed, subject, $"was {was}; now {nowText}");
                }
            }
        }
        foreach (var old in ReservedRegionUse.Of(_old))
        {
            if (seen.Contains(old.Region.Name)) continue;
            Add(ChangeArea.ReservedMemory, ChangeKind.ReservedRemoved, ChangeImpact.Changed, $"reserved {old.Region.Name}",
                $"removed: host {Format.Range(old.Region.Base, old.Region.Last)} ({Format.Size(old.Region.Size)}) for {Devices(old)}");
        }
    }

    private static string Devices(ReservedRegionUse use)
    {
        var names = new List<string>();
        foreach (var device in use.Devices) names.Add(device.Reference.Text);
        return string.Join(", ", names);
    }

    /// <summary>Who honours the region: <c>xhci in domain host (identity-mapped read write)</c> for each device.</summary>
    private static string Honours(Policy policy, ReservedRegionUse use)
    {
        var parts = new List<string>();
        foreach (var device in use.Devices) parts.Add(Honour(policy, device));
        return string.Join("; ", parts);
    }

    private static string Honour(Policy policy, ReservedRegionDevice device) => device.Status switch
    {
        ReservedRegionStatus.Unbound => $"{device.Reference.Text} unbound",
        ReservedRegionStatus.PassThrough => $"{device.Reference.Text} in pass-through domain {policy.Domains[device.DomainIndex].Name}",
        ReservedRegionStatus.IdentityMapped => $"{device.Reference.Text} in domain {policy.Domains[device.DomainIndex].Name} (identity-mapped read write)",
        _ => $"{device.Reference.Text} in domain {policy.Domains[device.DomainIndex].Name}, which does not map it (firmware DMA faults)",
    };
}
