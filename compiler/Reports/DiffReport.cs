using System.IO;
using VtdDsl.Compiler.Analysis.Diff;

namespace VtdDsl.Compiler.Reports;

/// <summary>
/// Renders the changes of <see cref="PolicyDiff"/> for a security reviewer: a verdict line,
/// the changes that gain write access first, then every change grouped by area with a marker
/// (<c>!</c> gains write, <c>+</c> more access, <c>-</c> less access, <c>~</c> changed), and
/// cosmetic notes last.
/// </summary>
public static class DiffReport
{
    /// <summary>Writes the report of <paramref name="changes"/> between the files <paramref name="oldPath"/> and <paramref name="newPath"/>.</summary>
    public static void Write(TextWriter output, string oldPath, string newPath, IReadOnlyList<PolicyChange> changes)
    {
        output.WriteLine($"vtd diff {oldPath} -> {newPath}");
        int gainsWrite = 0, more = 0, less = 0, other = 0, cosmetic = 0;
        foreach (var change in changes)
        {
            switch (change.Impact)
            {
                case ChangeImpact.GainsWrite: gainsWrite++; break;
                case ChangeImpact.MoreAccess: more++; break;
                case ChangeImpact.LessAccess: less++; break;
                case ChangeImpact.Changed: other++; break;
                default: cosmetic++; break;
            }
        }
        int meaningful = changes.Count - cosmetic;
        output.WriteLine();
        if (meaningful == 0)
        {
            output.WriteLine("No change in meaning.");
        }
        else
        {
            var parts = new List<string>();
            if (gainsWrite > 0) parts.Add($"{gainsWrite} GAIN{(gainsWrite == 1 ? "S" : "")} WRITE");
            if (more > 0) parts.Add($"{more} more access");
            if (less > 0) parts.Add($"{less} less access");
            if (other > 0) parts.Add($"{other} other");
            output.WriteLine($"The meaning changed: {Format.Count(meaningful, "change")} ({string.Join(", ", parts)}).");
            output.WriteLine("Markers: ! gains write access   + more access   - less access   ~ changed");
        }

        if (gainsWrite > 0)
        {
            output.WriteLine();
            output.WriteLine("!! GAINS WRITE — review these first:");
            var first = new List<PolicyChange>();
            foreach (var change in changes) if (change.GainsWrite) first.Add(change);
            foreach (var change in Ordered(first)) output.WriteLine($"  ! {change.Subject}: {change.Detail}");
        }

        var groups = new SortedDictionary<ChangeArea, List<PolicyChange>>();
        foreach (var change in changes)
        {
            if (change.IsCosmetic) continue;
            if (!groups.TryGetValue(change.Area, out var list)) groups[change.Area] = list = new List<PolicyChange>();
            list.Add(change);
        }
        foreach (var (area, list) in groups)
        {
            output.WriteLine();
            output.WriteLine(Title(area));
            foreach (var change in list)
            {
                output.WriteLine($"  {Marker(change.Impact)} {change.Subject}: {change.Detail}");
            }
        }

        if (cosmetic > 0)
        {
            output.WriteLine();
            output.WriteLine("Cosmetic (same meaning, no change in access)");
            foreach (var change in changes)
            {
                if (change.IsCosmetic) output.WriteLine($"  = {change.Subject}: {change.Detail}");
            }
        }
    }

    /// <summary>By area, keeping the engine's order within an area.</summary>
    private static IEnumerable<PolicyChange> Ordered(List<PolicyChange> changes)
    {
        var indexed = new List<(int Order, PolicyChange Change)>();
        for (int i = 0; i < changes.Count; i++) indexed.Add((i, changes[i]));
        indexed.Sort((a, b) => a.Change.Area != b.Change.Area ? a.Change.Area.CompareTo(b.Change.Area) : a.Order.CompareTo(b.Order));
        foreach (var (_, change) in indexed) yield return change;
    }

    /// <summary>The one-character marker of an impact: <c>!</c>, <c>+</c>, <c>-</c>, <c>~</c> or <c>=</c>.</summary>
    public static char Marker(ChangeImpact impact) => impact switch
    {
        ChangeImpact.GainsWrite => '!',
        ChangeImpact.MoreAccess => '+',
        ChangeImpact.LessAccess => '-',
        ChangeImpact.Changed => '~',
        _ => '=',
    };

    public static string Title(ChangeArea area) => area switch
    {
        ChangeArea.Policy => "Policy",
        ChangeArea.Units => "IOMMU units",
        ChangeArea.Domains => "Domains",
        ChangeArea.Devices => "Devices",
        ChangeArea.Windows => "Windows",
        ChangeArea.Pasids => "PASIDs and processes",
        ChangeArea.Interrupts => "Interrupts",
        ChangeArea.ProtectedMemory => "Protected memory",
        ChangeArea.ReservedMemory => "Reserved memory (firmware DMA)",
        ChangeArea.MemoryMap => "Memory map",
        _ => "New warnings",
    };
}
