using VtdDsl.Compiler.Analysis;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// Marks for the diff map: which windows of the new version were added or changed, which old
/// windows are gone, and which windows let a device write host memory its domain could not
/// write before. Domains are paired by <paramref name="newToOld"/> (the diff's domain matching);
/// within a pair, windows are paired by DMA address.
/// </summary>
public static class MapDiff
{
    public static MapChanges Compute(Policy oldPolicy, Policy newPolicy, IReadOnlyList<int> newToOld, SpecLines oldLines)
    {
        var marks = new Dictionary<(int, int), WindowMark>();
        var removed = new List<RemovedWindow>();
        var added = new HashSet<string>();
        var matchedOld = new bool[oldPolicy.Domains.Count];
        for (int n = 0; n < newPolicy.Domains.Count; n++)
        {
            var after = newPolicy.Domains[n];
            int o = n < newToOld.Count ? newToOld[n] : -1;
            if (o < 0 || o >= oldPolicy.Domains.Count)
            {
                added.Add(after.Name);
                if (after.IsPassthrough) marks[(n, 0)] = new WindowMark(WindowChange.Added, true, "new pass-through domain");
                for (int w = 0; w < after.Windows.Count && !after.IsPassthrough; w++)
                {
                    var window = after.Windows[w];
                    marks[(n, w)] = new WindowMark(WindowChange.Added, (window.Rights & Rights.Write) != 0, "added (new domain)");
                }
                continue;
            }
            matchedOld[o] = true;
            var before = oldPolicy.Domains[o];
            var oldWrite = PolicyAnalysis.Of(oldPolicy).Reach.Of(o, Rights.Write);
            if (after.IsPassthrough)
            {
                if (!before.IsPassthrough) marks[(n, 0)] = new WindowMark(WindowChange.Changed, true, "became pass-through");
                if (!before.IsPassthrough) AddRemoved(removed, after.Name, before, oldLines, new bool[before.Windows.Count]);
                continue;
            }
            var oldUsed = new bool[before.Windows.Count];
            for (int w = 0; w < after.Windows.Count; w++)
            {
                var window = after.Windows[w];
                if (window.Size == 0) continue;
                int same = -1, overlapping = -1;
                for (int k = 0; k < before.Windows.Count && !before.IsPassthrough; k++)
                {
                    var old = before.Windows[k];
                    if (oldUsed[k] || old.Size == 0) continue;
                    if (old.Iova == window.Iova && same < 0) same = k;
                    else if (old.Iova <= window.IovaLast && window.Iova <= old.IovaLast && overlapping < 0) overlapping = k;
                }
                int match = same >= 0 ? same : overlapping;
                bool gains = (window.Rights & Rights.Write) != 0 && !oldWrite.Covers(window.HostAddress, window.HostLast);
                if (match < 0)
                {
                    marks[(n, w)] = new WindowMark(WindowChange.Added, gains, "added");
                    continue;
                }
                oldUsed[match] = true;
                var previous = before.Windows[match];
                bool identical = previous.Iova == window.Iova && previous.Size == window.Size && previous.HostAddress == window.HostAddress
                                 && previous.Rights == window.Rights && previous.Shared == window.Shared;
                if (!identical || gains)
                {
                    marks[(n, w)] = new WindowMark(identical ? WindowChange.Unchanged : WindowChange.Changed, gains,
                        $"was: DMA {Format.Range(previous.Iova, previous.IovaLast)} -> host {Format.Range(previous.HostAddress, previous.HostLast)}, " +
                        $"{Format.Size(previous.Size)}, {previous.Rights.ToKeywords()}{(previous.Shared ? ", shared" : "")}");
                }
            }
            AddRemoved(removed, after.Name, before, oldLines, oldUsed);
        }
        var removedDomains = new List<(string, ushort)>();
        for (int o = 0; o < oldPolicy.Domains.Count; o++)
        {
            if (matchedOld[o]) continue;
            var before = oldPolicy.Domains[o];
            string name = added.Contains(before.Name) || Has(newPolicy, before.Name) ? before.Name + " (old)" : before.Name;
            removedDomains.Add((name, before.Id));
            AddRemoved(removed, name, before, oldLines, new bool[before.Windows.Count]);
        }
        return new MapChanges(marks, removed, added, removedDomains);
    }

    private static bool Has(Policy policy, string name)
    {
        foreach (var domain in policy.Domains) if (domain.Name == name) return true;
        return false;
    }

    private static void AddRemoved(List<RemovedWindow> removed, string row, Domain before, SpecLines oldLines, bool[] used)
    {
        for (int k = 0; k < before.Windows.Count; k++)
        {
            if (used[k] || before.Windows[k].Size == 0) continue;
            removed.Add(new RemovedWindow(row, before.Windows[k], "removed; old version " + MapParts.WindowTooltip(oldLines, before, before.Windows[k])));
        }
    }
}
