using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, devices by source id, their PASID lines, and processes.</summary>
public sealed partial class PolicyDiff
{
    private void CompareDevices()
    {
        var oldBySource = new Dictionary<uint, Device>();
        foreach (var device in _old.Devices) oldBySource[device.Source.Key] = device;
        var newBySource = new Dictionary<uint, Device>();
        foreach (var device in _new.Devices) newBySource[device.Source.Key] = device;
        var keys = new SortedSet<uint>(oldBySource.Keys);
        keys.UnionWith(newBySource.Keys);
        foreach (uint key in keys)
        {
            oldBySource.TryGetValue(key, out var before);
            newBySource.TryGetValue(key, out var after);
            if (after is null)
            {
                Add(ChangeArea.Devices, ChangeKind.DeviceRemoved, ChangeImpact.LessAccess, DeviceLabel(before!),
                    $"removed (was in {LabelOf(_old, before!.DomainIndex)})");
                continue;
            }
            string subject = DeviceLabel(after);
            if (before is null)
            {
                var impact = AccessImpact(_old, -1, _new, after.DomainIndex);
                if (impact == ChangeImpact.Changed) impact = ChangeImpact.MoreAccess;
                Add(ChangeArea.Devices, ChangeKind.DeviceAdded, impact, subject,
                    $"added to {LabelOf(_new, after.DomainIndex)}{(after.Via is { } v ? $", via {v}" : "")}{(after.Ats ? ", with ATS" : "")}{Gains(impact)}");
                ComparePasids(null, after);
                continue;
            }
            if (before.Name != after.Name)
            {
                Add(ChangeArea.Devices, ChangeKind.DeviceRenamed, ChangeImpact.Cosmetic, subject, $"renamed from {before.DisplayName}");
            }
            int mapped = before.DomainIndex >= 0 ? _domainMap[before.DomainIndex] : -1;
            if (mapped != after.DomainIndex)
            {
                var impact = AccessImpact(_old, before.DomainIndex, _new, after.DomainIndex);
                Add(ChangeArea.Devices, ChangeKind.DeviceMoved, impact, subject,
                    $"moved from {OldLabel(before.DomainIndex)} to {LabelOf(_new, after.DomainIndex)}{Gains(impact)}");
            }
            if (before.Via != after.Via)
            {
                string text = after.Via is null ? $"no longer behind bridge {before.Via}"
                    : before.Via is null ? $"now behind bridge {after.Via} (that source id is bound to its domain too)"
                    : $"via changed from {before.Via} to {after.Via}";
                Add(ChangeArea.Devices, ChangeKind.DeviceViaChanged, ChangeImpact.Changed, subject, text);
            }
            if (before.Ats != after.Ats)
            {
                Add(ChangeArea.Devices, ChangeKind.DeviceAtsChanged, ChangeImpact.Changed, subject,
                    after.Ats ? "ATS enabled: the device may cache translations (context translation type 01)" : "ATS disabled (context translation type 00)");
            }
            if (before.Pri != after.Pri)
            {
                Add(ChangeArea.Devices, ChangeKind.DevicePriChanged, ChangeImpact.Changed, subject, after.Pri ? "page requests (PRI) enabled" : "page requests (PRI) disabled");
            }
            ComparePasids(before, after);
        }
    }

    private static string DeviceLabel(Device device) =>
        device.Name is null ? $"device {device.Source}" : $"device {device.Source} {device.Name}";

    private string PasidTarget(Policy policy, PasidBinding pasid) =>
        pasid.Kind == PasidTargetKind.Process ? $"process {pasid.TargetName}" : LabelOf(policy, pasid.TargetIndex);

    private void ComparePasids(Device? before, Device after)
    {
        var oldLines = new SortedDictionary<ulong, PasidBinding>();
        if (before is not null) foreach (var pasid in before.Pasids) oldLines[pasid.Pasid] = pasid;
        var newLines = new SortedDictionary<ulong, PasidBinding>();
        foreach (var pasid in after.Pasids) newLines[pasid.Pasid] = pasid;
        string subject = DeviceLabel(after);
        foreach (var (number, line) in newLines)
        {
            if (!oldLines.TryGetValue(number, out var old))
            {
                // Requests tagged with the PASID faulted before: they now reach the target's memory.
                var impact = line.Kind == PasidTargetKind.Domain ? AccessImpact(_old, -1, _new, line.TargetIndex) : ChangeImpact.MoreAccess;
                Add(ChangeArea.Pasids, ChangeKind.PasidAdded, impact, subject, $"PASID {Format.Hex(number)} added -> {PasidTarget(_new, line)}");
            }
            else if (old.Kind != line.Kind
                || (line.Kind == PasidTargetKind.Process ? old.TargetName != line.TargetName : (old.TargetIndex >= 0 ? _domainMap[old.TargetIndex] : -1) != line.TargetIndex))
            {
                var impact = old.Kind == PasidTargetKind.Domain && line.Kind == PasidTargetKind.Domain
                    ? AccessImpact(_old, old.TargetIndex, _new, line.TargetIndex)
                    : ChangeImpact.Changed;
                Add(ChangeArea.Pasids, ChangeKind.PasidRetargeted, impact, subject,
                    $"PASID {Format.Hex(number)} now selects {PasidTarget(_new, line)} (was {PasidTarget(_old, old)})");
            }
        }
        foreach (var (number, line) in oldLines)
        {
            if (!newLines.ContainsKey(number))
            {
                Add(ChangeArea.Pasids, ChangeKind.PasidRemoved, ChangeImpact.LessAccess, subject, $"PASID {Format.Hex(number)} removed (was -> {PasidTarget(_old, line)})");
            }
        }
    }

    private void CompareProcesses()
    {
        var oldByName = new SortedDictionary<string, Process>(StringComparer.Ordinal);
        foreach (var process in _old.Processes) oldByName[process.Name] = process;
        var newByName = new SortedDictionary<string, Process>(StringComparer.Ordinal);
        foreach (var process in _new.Processes) newByName[process.Name] = process;
        foreach (var (name, process) in newByName)
        {
            if (!oldByName.TryGetValue(name, out var old))
                Add(ChangeArea.Pasids, ChangeKind.ProcessAdded, ChangeImpact.Changed, $"process {name}", $"added (domain id {process.DomainId})");
            else if (old.DomainId != process.DomainId)
                Add(ChangeArea.Pasids, ChangeKind.ProcessIdChanged, ChangeImpact.Changed, $"process {name}", $"domain id changed from {old.DomainId} to {process.DomainId}");
        }
        foreach (var (name, process) in oldByName)
        {
            if (!newByName.ContainsKey(name))
                Add(ChangeArea.Pasids, ChangeKind.ProcessRemoved, ChangeImpact.Changed, $"process {name}", $"removed (was domain id {process.DomainId})");
        }
    }
}
