using System.Globalization;
using System.Text;
using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Platform;

namespace VtdDsl.Compiler.Reports;

/// <summary>
/// The review sheet of one compiled policy (<c>vtd review</c>): everything a security reviewer
/// needs to approve it, sorted so that two versions' sheets diff cleanly. Everything it says
/// comes from the policy's <see cref="PolicyAnalysis"/>, except the table sizes, which
/// <paramref name="planTables"/> asks the runtime's image planner for.
/// </summary>
public static class ReviewSheet
{
    /// <summary>The review sheet of <paramref name="result"/>, which must have a bound policy.</summary>
    /// <param name="result">The compiled policy.</param>
    /// <param name="planTables">Plans the hardware tables of the laid-out policy (called only when there is a layout).</param>
    public static Document Build(CompilationResult result, Func<PolicyLayout, TableSizes> planTables)
    {
        var policy = result.Policy ?? throw new ArgumentException("A review sheet needs a bound policy.", nameof(result));
        var analysis = PolicyAnalysis.Of(policy);
        var index = analysis.Index;
        var sheet = new Document();
        sheet.Heading(1, $"Review: {policy.FullName}");
        Summary(sheet, result, index, analysis.SharedMemory);
        Units(sheet, policy);
        Domains(sheet, index);
        Processes(sheet, index);
        Interrupts(sheet, index);
        Memory(sheet, policy);
        Reserved(sheet, policy);
        Shared(sheet, index, analysis.SharedMemory);
        Tables(sheet, result, index, planTables);
        Warnings(sheet, result);
        return sheet;
    }

    private static void Summary(Document sheet, CompilationResult result, DomainIndex index, SharedHostMemory sharedMemory)
    {
        var policy = index.Policy;
        int warnings = result.Diagnostics.Count;
        sheet.Paragraph(
            $"Source: {result.FilePath} · {Format.Count(policy.Units.Count, "unit")} · {Format.Count(policy.Domains.Count, "domain")} · " +
            $"{Format.Count(policy.Devices.Count, "device")} · {Format.Count(policy.Interrupts.Count, "interrupt")} · {Format.Count(warnings, "warning")}");

        var facts = new List<string>();
        var passthrough = new List<string>();
        foreach (int d in index.DomainsById)
        {
            if (policy.Domains[d].IsPassthrough) passthrough.Add(index.DomainLabel(d));
        }
        facts.Add(passthrough.Count == 0
            ? "Pass-through domains: none."
            : $"Pass-through domains: {string.Join(", ", passthrough)} — their devices reach all host memory with read and write.");

        var ats = new List<string>();
        foreach (int i in index.DevicesBySource)
        {
            if (policy.Devices[i].Ats) ats.Add($"{policy.Devices[i].DisplayName} ({policy.Devices[i].Source})");
        }
        facts.Add(ats.Count == 0
            ? "Devices with ATS (may cache translations in a device TLB): none."
            : $"Devices with ATS (may cache translations in a device TLB): {string.Join(", ", ats)}.");

        var shared = sharedMemory.Ranges;
        int unmarked = 0;
        bool everyWindowShared = true;
        foreach (var range in shared)
        {
            if (range.Unmarked) unmarked++;
            everyWindowShared &= range.AllShared;
        }
        facts.Add(shared.Count == 0
            ? "Host memory written by more than one domain: none."
            : $"Host memory written by more than one domain: {Format.Count(shared.Count, "range")}, "
              + (unmarked > 0 ? $"{unmarked} of them NOT marked shared (VTD3008)."
                 : everyWindowShared ? "every one marked shared in every window."
                 : "every writing window there marked shared."));
        facts.Add(policy.Protected.Count == 0
            ? "Protected memory: none."
            : $"Protected memory: {Format.Count(policy.Protected.Count, "region")}, {Format.Size(TotalSize(policy.Protected))}.");
        sheet.Bullets(facts);
    }

    private static ulong TotalSize(IEnumerable<MemoryRegion> regions)
    {
        ulong total = 0;
        foreach (var region in regions) total += region.Size;
        return total;
    }

    private static void Units(Document sheet, Policy policy)
    {
        sheet.Heading(2, "IOMMU units");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var unit in policy.Units)
        {
            rows.Add(new[]
            {
                unit.IsImplicit ? unit.Name + " (default)" : unit.Name,
                unit.Segment.ToString(CultureInfo.InvariantCulture),
                Format.Scope(unit),
                Format.Widths(unit.Widths),
                unit.DomainCount.ToString(CultureInfo.InvariantCulture),
                Format.Superpages(unit.Superpages),
                unit.SupportsPassthrough ? "yes" : "no",
                unit.InterruptEntries == 0 ? "none" : unit.InterruptEntries.ToString(CultureInfo.InvariantCulture) + " entries",
                unit.Mode == TranslationMode.Scalable ? $"scalable ({unit.PasidBits}-bit PASIDs)" : "legacy",
            });
        }
        sheet.Table(new[] { "unit", "segment", "scope", "address widths", "domain ids", "superpages", "pass-through", "interrupts", "mode" }, rows);
    }

    private static void Domains(Document sheet, DomainIndex index)
    {
        var policy = index.Policy;
        sheet.Heading(2, "Domains");
        var rows = new List<IReadOnlyList<string>>();
        foreach (int d in index.DomainsById)
        {
            var domain = policy.Domains[d];
            rows.Add(new[]
            {
                Id(domain),
                domain.Name,
                Width(domain),
                Translation(index, d),
                domain.IsPassthrough ? "all host memory" : Format.Count(domain.Windows.Count, "window"),
                Format.Count(index.DevicesOf[d].Count, "device"),
                Units(index, d),
            });
        }
        sheet.Table(new[] { "id", "domain", "address width", "translation", "reach", "devices", "units" }, rows);

        foreach (int d in index.DomainsById)
        {
            var domain = policy.Domains[d];
            sheet.Heading(3, $"Domain {domain.Name} (id {domain.Id})");
            sheet.Paragraph($"Id {Id(domain)} · address width {Width(domain)} · {Translation(index, d)} · units {Units(index, d)}");
            if (domain.IsPassthrough)
            {
                sheet.Paragraph("Pass-through: DMA addresses are host addresses; its devices reach all host memory with read and write.");
            }
            else if (domain.Windows.Count == 0)
            {
                sheet.Paragraph("No windows: every DMA request of its devices faults.");
            }
            else
            {
                var windows = new List<IReadOnlyList<string>>();
                foreach (var window in DomainIndex.WindowsByIova(domain))
                {
                    windows.Add(new[]
                    {
                        Format.Range(window.Iova, window.IovaLast),
                        Format.Range(window.HostAddress, window.HostLast),
                        Format.Size(window.Size),
                        Format.Rights(window.Rights),
                        window.Shared ? "shared" : "",
                        window.IsIdentity || window.Iova == window.HostAddress ? "identity" : "",
                    });
                }
                sheet.Table(new[] { "DMA range", "host range", "size", "rights", "shared", "identity" }, windows);
            }

            if (index.DevicesOf[d].Count == 0)
            {
                sheet.Paragraph("No devices are bound to this domain.");
            }
            else
            {
                var devices = new List<IReadOnlyList<string>>();
                foreach (int i in index.DevicesOf[d])
                {
                    var device = policy.Devices[i];
                    devices.Add(new[]
                    {
                        device.Source.ToString(),
                        device.Name ?? "(anonymous)",
                        device.Via is { } via ? via.ToString() : "",
                        device.Ats ? "yes" : "",
                        device.Pri ? "yes" : "",
                        index.UnitName(device.UnitIndex),
                    });
                }
                sheet.Table(new[] { "source id", "device", "via", "ATS", "PRI", "unit" }, devices);
            }

            if (index.PasidUsersOf[d].Count > 0)
            {
                var pasids = new List<string>();
                foreach (var (device, pasid) in index.PasidUsersOf[d])
                {
                    pasids.Add($"PASID {Format.Hex(pasid.Pasid)} of {policy.Devices[device].DisplayName} ({policy.Devices[device].Source})");
                }
                sheet.Paragraph("Also reached through: " + string.Join(", ", pasids) + ".");
            }
        }
    }

    private static string Id(Domain domain) => domain.Id.ToString(CultureInfo.InvariantCulture) + (domain.IdIsExplicit ? "" : " (automatic)");

    private static string Width(Domain domain) => domain.IsPassthrough
        ? "n/a"
        : $"{domain.AddressWidth}-bit" + (domain.WidthIsExplicit ? "" : " (automatic)");

    private static string Translation(DomainIndex index, int d)
    {
        if (index.Policy.Domains[d].IsPassthrough) return "pass-through";
        var ats = new List<string>();
        foreach (int i in index.DevicesOf[d])
        {
            if (index.Policy.Devices[i].Ats) ats.Add(index.Policy.Devices[i].DisplayName);
        }
        return ats.Count == 0 ? "second-level" : $"second-level; ATS: {string.Join(", ", ats)}";
    }

    private static string Units(DomainIndex index, int d)
    {
        var names = new List<string>();
        foreach (int unit in index.UnitsOf[d]) names.Add(index.UnitName(unit));
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static void Processes(Document sheet, DomainIndex index)
    {
        var policy = index.Policy;
        if (policy.Processes.Count == 0) return;
        sheet.Heading(2, "Processes and PASIDs");
        var processes = new List<Process>(policy.Processes);
        processes.Sort((a, b) => a.DomainId != b.DomainId ? a.DomainId.CompareTo(b.DomainId) : string.CompareOrdinal(a.Name, b.Name));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var process in processes)
        {
            rows.Add(new[] { process.DomainId.ToString(CultureInfo.InvariantCulture), process.Name });
        }
        sheet.Table(new[] { "domain id", "process" }, rows);

        var pasids = new List<IReadOnlyList<string>>();
        foreach (int i in index.DevicesBySource)
        {
            var device = policy.Devices[i];
            var lines = new List<PasidBinding>(device.Pasids);
            lines.Sort((a, b) => a.Pasid.CompareTo(b.Pasid));
            foreach (var pasid in lines)
            {
                pasids.Add(new[]
                {
                    device.Source.ToString(),
                    device.DisplayName,
                    Format.Hex(pasid.Pasid),
                    pasid.Kind == PasidTargetKind.Process ? "process " + pasid.TargetName : "domain " + pasid.TargetName,
                    pasid.Kind == PasidTargetKind.Process ? "first-stage (shared virtual memory)" : "second-stage",
                });
            }
        }
        if (pasids.Count > 0)
        {
            sheet.Table(new[] { "source id", "device", "PASID", "target", "translation" }, pasids);
        }
    }

    private static void Interrupts(Document sheet, DomainIndex index)
    {
        var policy = index.Policy;
        sheet.Heading(2, "Interrupts");
        if (policy.Interrupts.Count == 0)
        {
            sheet.Paragraph("None.");
            return;
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (int i in index.InterruptsByUnitAndIndex)
        {
            var interrupt = policy.Interrupts[i];
            var device = interrupt.DeviceIndex >= 0 ? policy.Devices[interrupt.DeviceIndex] : null;
            rows.Add(new[]
            {
                index.UnitName(interrupt.UnitIndex),
                interrupt.Index.ToString(CultureInfo.InvariantCulture) + (interrupt.IndexIsExplicit ? "" : " (automatic)"),
                interrupt.DeviceName,
                device is null ? "?" : device.RequestSource.ToString() + (device.Via is null ? "" : " (via)"),
                Format.Vector(interrupt.Vector),
                interrupt.Cpu.ToString(CultureInfo.InvariantCulture),
                Format.Mode(interrupt.Mode),
                Format.Trigger(interrupt.Trigger),
            });
        }
        sheet.Table(new[] { "unit", "index", "device", "source id verified", "vector", "cpu", "mode", "trigger" }, rows);
    }

    /// <summary>Reserved regions (RMRRs) and who honours them: each listed device's domain, and other domains that can write them.</summary>
    private static void Reserved(Document sheet, Policy policy)
    {
        sheet.Heading(2, "Reserved memory (firmware DMA)");
        if (policy.Reserved.Count == 0)
        {
            sheet.Paragraph("None declared: no firmware keeps DMA going to host memory on a device's behalf.");
            return;
        }
        var rows = new List<IReadOnlyList<string>>();
        var writers = new List<string>();
        foreach (var use in ReservedRegionUse.Of(policy))
        {
            var region = use.Region;
            foreach (var device in use.Devices)
            {
                rows.Add(new[]
                {
                    region.Name, Format.Range(region.Base, region.Last), Format.Size(region.Size), device.Reference.Text,
                    device.DomainIndex < 0 ? "—" : policy.Domains[device.DomainIndex].Name, Honoured(device.Status),
                });
            }
            foreach (int d in use.OtherWriters)
            {
                writers.Add($"{region.Name} is writable by domain {policy.Domains[d].Name}, none of whose devices needs it (VTD7003).");
            }
        }
        sheet.Table(new[] { "reserved", "host range", "size", "device", "domain", "honoured" }, rows);
        foreach (var writer in writers) sheet.Paragraph(writer);
    }

    private static string Honoured(ReservedRegionStatus status) => status switch
    {
        ReservedRegionStatus.PassThrough => "yes: pass-through",
        ReservedRegionStatus.IdentityMapped => "yes: identity-mapped read write",
        ReservedRegionStatus.NotHonoured => "NO: firmware DMA faults (VTD7001)",
        _ => "unbound: no domain",
    };

    private static void Memory(Document sheet, Policy policy)
    {
        sheet.Heading(2, "Protected memory");
        if (policy.Protected.Count == 0)
        {
            sheet.Paragraph("None: no host memory is declared off-limits to every device.");
        }
        else
        {
            sheet.Table(new[] { "name", "host range", "size" }, Regions(policy.Protected));
        }
        sheet.Heading(2, "Memory map");
        if (policy.Memory.Count == 0)
        {
            sheet.Paragraph("Not declared: windows may target any host address.");
        }
        else
        {
            sheet.Table(new[] { "name", "host range", "size" }, Regions(policy.Memory));
        }
    }

    private static List<IReadOnlyList<string>> Regions(IEnumerable<MemoryRegion> regions)
    {
        var sorted = new List<MemoryRegion>(regions);
        sorted.Sort((a, b) => a.Base != b.Base ? a.Base.CompareTo(b.Base) : string.CompareOrdinal(a.Name, b.Name));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var region in sorted)
        {
            rows.Add(new[] { region.Name, Format.Range(region.Base, region.Last), Format.Size(region.Size) });
        }
        return rows;
    }

    private static void Shared(Document sheet, DomainIndex index, SharedHostMemory sharedMemory)
    {
        var policy = index.Policy;
        sheet.Heading(2, "Memory written by more than one domain");
        var shared = sharedMemory.Ranges;
        if (shared.Count == 0)
        {
            sheet.Paragraph("None: no host memory that one domain may write is reachable from another domain.");
            return;
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var range in shared)
        {
            var domains = new StringBuilder();
            foreach (var reach in range.Domains)
            {
                var domain = policy.Domains[reach.Domain];
                if (domains.Length > 0) domains.Append("; ");
                domains.Append(domain.Name).Append(" (id ").Append(domain.Id).Append(domain.IsPassthrough ? ", pass-through" : "").Append("): ")
                    .Append(Format.Rights(reach.Rights)).Append(reach.Shared ? ", shared" : "");
            }
            rows.Add(new[]
            {
                Format.Range(range.First, range.Last),
                Format.RangeSize(range.First, range.Last),
                domains.ToString(),
                Status(range),
            });
        }
        sheet.Table(new[] { "host range", "size", "domains", "status" }, rows);
    }

    private static string Status(SharedRange range) =>
        range.Unmarked ? "NOT marked shared (VTD3008)"
        : range.AllShared ? "shared in every window (reviewed exception)"
        : "every writing window marked shared (reviewed exception)";

    private static void Tables(Document sheet, CompilationResult result, DomainIndex index, Func<PolicyLayout, TableSizes> planTables)
    {
        var policy = index.Policy;
        sheet.Heading(2, "Table sizes");
        if (result.Layout is null)
        {
            sheet.Paragraph("Not available: the policy could not be laid out.");
            return;
        }
        var planned = planTables(result.Layout);
        if (planned.Units is not { } sizes)
        {
            sheet.Paragraph($"Not available: the runtime refuses these tables: {planned.Problem}");
            return;
        }
        bool scalable = false;
        foreach (var unit in policy.Units) scalable |= unit.Mode == TranslationMode.Scalable;
        var rows = new List<IReadOnlyList<string>>();
        ulong total = 0;
        foreach (var size in sizes)
        {
            total += size.Bytes;
            var levels = new List<string>();
            for (int level = 5; level >= 1; level--)
            {
                if (size.PageTablesByLevel[level] > 0) levels.Add($"L{level} {size.PageTablesByLevel[level]}");
            }
            var row = new List<string>
            {
                index.UnitName(size.Unit),
                "1 page",
                size.ContextTables.ToString(CultureInfo.InvariantCulture),
                size.PageTables.ToString(CultureInfo.InvariantCulture) + (levels.Count > 0 ? $" ({string.Join(", ", levels)})" : ""),
            };
            if (scalable)
            {
                row.Add(size.PasidDirectoryPages == 0 && size.PasidTablePages == 0
                    ? "none"
                    : $"{Format.Count(size.PasidDirectoryPages, "directory page")}, {Format.Count(size.PasidTablePages, "table page")}");
            }
            row.Add(size.InterruptEntries == 0 ? "none" : $"{size.InterruptEntries} entries, {Format.Size((ulong)size.InterruptEntries * 16)}");
            row.Add($"{size.Bytes.ToString(CultureInfo.InvariantCulture)} ({Format.Size(size.Bytes)})");
            rows.Add(row);
        }
        var headers = new List<string> { "unit", "root table", "context tables", "page-table pages" };
        if (scalable) headers.Add("PASID tables");
        headers.Add("interrupt table");
        headers.Add("bytes");
        sheet.Table(headers, rows);
        sheet.Paragraph(
            $"Every table is whole 4 KiB pages; the image `vtd image` writes is {total.ToString(CultureInfo.InvariantCulture)} bytes ({Format.Size(total)})." +
            (scalable ? " A scalable-mode unit has two context tables per bus in use (devfn 0-127 and 128-255), plus its PASID directories and tables." : ""));
    }

    private static void Warnings(Document sheet, CompilationResult result)
    {
        sheet.Heading(2, "Warnings");
        if (result.Diagnostics.Count == 0)
        {
            sheet.Paragraph("None.");
            return;
        }
        var lines = new List<string>();
        foreach (var diagnostic in result.Diagnostics) lines.Add(diagnostic.ToString());
        if (result.OmittedDiagnostics > 0) lines.Add($"{result.OmittedDiagnostics} more not shown");
        sheet.Bullets(lines);
    }
}
