using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, protected memory and the memory map.</summary>
public sealed partial class PolicyDiff
{
    private void CompareRegions(IReadOnlyList<MemoryRegion> oldRegions, IReadOnlyList<MemoryRegion> newRegions, ChangeArea area, string noun, bool isProtection)
    {
        var oldUsed = new bool[oldRegions.Count];
        var newUsed = new bool[newRegions.Count];
        var items = new List<(ulong Key, PolicyChange Change)>();
        for (int j = 0; j < newRegions.Count; j++)
        {
            for (int i = 0; i < oldRegions.Count; i++)
            {
                if (oldUsed[i] || oldRegions[i].Base != newRegions[j].Base || oldRegions[i].Size != newRegions[j].Size) continue;
                oldUsed[i] = newUsed[j] = true;
                if (oldRegions[i].Name != newRegions[j].Name)
                {
                    items.Add((newRegions[j].Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedRenamed : ChangeKind.MemoryRenamed, ChangeImpact.Cosmetic,
                        $"{noun} {newRegions[j].Name}", $"renamed from {oldRegions[i].Name}")));
                }
                break;
            }
        }
        for (int j = 0; j < newRegions.Count; j++)
        {
            if (newUsed[j]) continue;
            var now = newRegions[j];
            for (int i = 0; i < oldRegions.Count; i++)
            {
                if (oldUsed[i] || oldRegions[i].Name != now.Name) continue;
                oldUsed[i] = newUsed[j] = true;
                var before = oldRegions[i];
                bool covers = now.Base <= before.Base && now.Last >= before.Last;
                var impact = !isProtection ? ChangeImpact.Changed : covers ? ChangeImpact.LessAccess : ChangeImpact.MoreAccess;
                items.Add((now.Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedChanged : ChangeKind.MemoryChanged, impact,
                    $"{noun} {now.Name}", $"changed from host {Format.Range(before.Base, before.Last)} ({Format.Size(before.Size)}) to {Format.Range(now.Base, now.Last)} ({Format.Size(now.Size)})"
                    + (isProtection && !covers ? " — memory that was protected no longer is" : ""))));
                break;
            }
            if (!newUsed[j])
            {
                newUsed[j] = true;
                items.Add((now.Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedAdded : ChangeKind.MemoryAdded,
                    isProtection ? ChangeImpact.LessAccess : ChangeImpact.Changed,
                    $"{noun} {now.Name}", $"added: host {Format.Range(now.Base, now.Last)} ({Format.Size(now.Size)})")));
            }
        }
        for (int i = 0; i < oldRegions.Count; i++)
        {
            if (oldUsed[i]) continue;
            var before = oldRegions[i];
            items.Add((before.Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedRemoved : ChangeKind.MemoryRemoved,
                isProtection ? ChangeImpact.MoreAccess : ChangeImpact.Changed,
                $"{noun} {before.Name}", $"removed: host {Format.Range(before.Base, before.Last)} ({Format.Size(before.Size)}){(isProtection ? " is no longer protected" : "")}")));
        }
        items.Sort((a, b) => a.Key.CompareTo(b.Key));
        foreach (var item in items) _changes.Add(item.Change);
    }
}
