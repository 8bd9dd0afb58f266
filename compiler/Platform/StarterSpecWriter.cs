using System.Globalization;
using System.Linq;
using System.Text;
using VtdDsl.Compiler.Writing;

namespace VtdDsl.Compiler.Platform;

/// <summary>
/// <c>vtd import</c>: a starter <c>.vtd</c> from a DMAR table, deterministic for the same input. One
/// <c>iommu dmarN</c> per DRHD in table order (as Linux names them), one <c>reserved rmrrN</c> per RMRR
/// naming its devices, the other structures as comments with their values; no domains and no devices,
/// so the spec checks without errors and the user adds the policy.
/// </summary>
public static class StarterSpecWriter
{
    /// <summary>Interrupt-remapping entries for a unit with ECAP.IR: the largest table (2^16, as Linux allocates).</summary>
    public const int InterruptEntries = 65536;

    public static PlatformImportResult Import(PlatformImportInput input)
    {
        var notes = new List<string>();
        var table = DmarReader.Read(input.Dmar, out string? error);
        if (table is null) return Fail("DMAR table: " + error);
        PciTopology? topology = null;
        if (input.Lspci is { } lspci && (topology = PciTopology.Parse(lspci, out error)) is null) return Fail("lspci tree: " + error);
        Dictionary<ulong, IommuCapabilities>? logged = null;
        if (input.Dmesg is { } dmesg && (logged = IommuCapabilities.FromDmesg(dmesg, out error)) is null) return Fail("kernel log: " + error);
        List<(ulong First, ulong Last)>? ram = null;
        if (input.Iomem is { } iomem && (ram = HostMemoryMap.SystemRam(iomem, out error)) is null) return Fail("iomem: " + error);
        SortedDictionary<int, List<PciAddress>>? groups = null;
        if (input.Groups is { } listing && (groups = IommuGroupListing.Parse(listing, out error)) is null) return Fail("iommu groups: " + error);

        var units = table.Structures.OfType<DmarHardwareUnit>().ToList();
        var names = new HashSet<string>(input.Cap.Keys.Concat(input.Ecap.Keys));
        for (int i = 0; i < units.Count; i++) names.Remove("dmar" + i);
        if (names.Count > 0) return Fail($"--cap/--ecap name unit '{names.OrderBy(n => n, System.StringComparer.Ordinal).First()}', but the table has units dmar0 to dmar{units.Count - 1}");
        foreach (var name in input.Cap.Keys.Concat(input.Ecap.Keys))
        {
            if (!input.Cap.ContainsKey(name) || !input.Ecap.ContainsKey(name)) return Fail($"unit '{name}' needs both --cap and --ecap");
        }

        var namespaceDevices = new Dictionary<byte, string>();
        foreach (var andd in table.Structures.OfType<DmarNamespaceDevice>()) namespaceDevices[andd.DeviceNumber] = andd.ObjectName;
        var text = new StringBuilder();
        WriteHeader(text, table);
        int unitNumber = 0, reservedNumber = 0;
        foreach (var structure in table.Structures)
        {
            text.Append('\n');
            switch (structure)
            {
                case DmarHardwareUnit unit:
                    string name = "dmar" + unitNumber++;
                    WriteUnit(text, notes, name, unit, topology, Capabilities(input, logged, name, unit, notes), table, namespaceDevices);
                    break;
                case DmarReservedMemory rmrr:
                    WriteReserved(text, notes, "rmrr" + reservedNumber++, rmrr, topology);
                    break;
                case DmarRootPortAts atsr:
                    text.Append($"// ATSR at offset 0x{atsr.Offset:x}: segment {atsr.Segment}, ")
                        .Append(atsr.AllPorts ? "ALL_PORTS: every root port supports ATS" : "root ports with ATS: " + ScopeList(atsr.Scopes, atsr.Segment, topology, notes))
                        .Append('\n');
                    break;
                case DmarHardwareAffinity rhsa:
                    int owner = units.FindIndex(u => u.RegisterBase == rhsa.RegisterBase);
                    text.Append($"// RHSA at offset 0x{rhsa.Offset:x}: register base 0x{rhsa.RegisterBase:x} ")
                        .Append(owner >= 0 ? $"(dmar{owner})" : "(no DRHD has this base)")
                        .Append($" is in proximity domain {rhsa.ProximityDomain}\n");
                    break;
                case DmarNamespaceDevice andd:
                    text.Append($"// ANDD at offset 0x{andd.Offset:x}: ACPI device number {andd.DeviceNumber} is {andd.ObjectName}\n");
                    break;
                case DmarSocAtsCache satc:
                    text.Append($"// SATC at offset 0x{satc.Offset:x}: segment {satc.Segment}")
                        .Append(satc.AtcRequired ? ", ATC_REQUIRED" : string.Empty)
                        .Append(": SoC devices with address translation caches: ").Append(ScopeList(satc.Scopes, satc.Segment, topology, notes)).Append('\n');
                    break;
                default:
                    text.Append($"// {DmarReader.StructureName(structure.Type)} (type {structure.Type}) at offset 0x{structure.Offset:x}: {structure.Length} bytes, not decoded\n");
                    break;
            }
        }
        if (ram is not null) WriteMemory(text, ram);
        if (groups is not null) WriteGroups(text, groups);
        return new PlatformImportResult(text.ToString(), notes, null);

        PlatformImportResult Fail(string message) => new(null, notes, message);
    }

    private static void WriteHeader(StringBuilder text, DmarTable table)
    {
        var flags = new List<string>();
        if (table.InterruptRemapping) flags.Add("INTR_REMAP");
        if (table.X2ApicOptOut) flags.Add("X2APIC_OPT_OUT");
        if (table.DmaControlOptIn) flags.Add("DMA_CTRL_PLATFORM_OPT_IN");
        text.Append("// Imported by 'vtd import' from an ACPI DMAR table. Review it, then add domains and devices.\n")
            .Append($"// OEM id '{table.OemId}', table id '{table.OemTableId}', OEM revision 0x{table.OemRevision:x}, revision {table.Revision},")
            .Append($" creator '{table.CreatorId}' 0x{table.CreatorRevision:x}\n")
            .Append($"// host address width {table.HostAddressWidth} bits; flags 0x{table.Flags:x2}")
            .Append(flags.Count > 0 ? ": " + string.Join(", ", flags) : string.Empty).Append('\n')
            .Append("policy Imported.").Append(PolicyName(table.OemTableId)).Append(";\n");
    }

    private static string PolicyName(string tableId)
    {
        var name = new StringBuilder();
        foreach (char c in tableId)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') name.Append(c);
        }
        if (name.Length == 0 || char.IsDigit(name[0])) name.Insert(0, "Platform");
        return name.ToString();
    }

    private static IommuCapabilities? Capabilities(PlatformImportInput input, Dictionary<ulong, IommuCapabilities>? logged, string name, DmarHardwareUnit unit, List<string> notes)
    {
        if (input.Cap.TryGetValue(name, out ulong cap) && input.Ecap.TryGetValue(name, out ulong ecap)) return new IommuCapabilities(cap, ecap);
        if (logged is null) return null;
        if (logged.TryGetValue(unit.RegisterBase, out var found)) return found;
        notes.Add($"{name}: the kernel log has no line for register base {unit.RegisterBase:x}; its capabilities are the language defaults");
        return null;
    }

    private static void WriteUnit(StringBuilder text, List<string> notes, string name, DmarHardwareUnit unit, PciTopology? topology, IommuCapabilities? caps,
        DmarTable table, Dictionary<byte, string> namespaceDevices)
    {
        text.Append($"// DRHD at offset 0x{unit.Offset:x}: register base 0x{unit.RegisterBase:x}, flags 0x{unit.Flags:x2}")
            .Append(unit.IncludesAll ? " (INCLUDE_PCI_ALL)" : string.Empty)
            .Append(unit.Size != 0 ? $", register set {1 << (unit.Size & 0xF)} pages" : string.Empty).Append('\n');
        var items = new List<string>();
        var comments = new List<string>();
        foreach (var scope in unit.Scopes)
        {
            var resolved = ScopeResolver.Resolve(scope, unit.Segment, topology);
            string what = Describe(scope);
            if (scope.Type == DeviceScopeType.AcpiNamespaceDevice && namespaceDevices.TryGetValue(scope.EnumerationId, out var objectName))
            {
                what += $" ({objectName})";
            }
            if (resolved.Function is { } function && !unit.IncludesAll)
            {
                items.Add(function.ToString());
                if (resolved.Behind is { } behind)
                {
                    items.Add($"{unit.Segment:x4}:{behind.First:x2}:00.0 .. {unit.Segment:x4}:{behind.Last:x2}:1f.7");
                }
            }
            comments.Add(resolved.Function is { } at ? $"{what} {at}" : $"{what} ({scope.PathText})");
            if (resolved.Unresolved is { } reason)
            {
                comments.Add($"UNRESOLVED: {what} at offset 0x{scope.Offset:x}: {reason}");
                notes.Add($"{name}: device scope at offset 0x{scope.Offset:x} ({what}, {scope.PathText}) is unresolved: {reason}");
            }
        }
        const string indent = "    ";
        if (!unit.IncludesAll && items.Count == 0 && unit.Scopes.Count > 0)
        {
            notes.Add($"{name}: no device scope entry resolves to a source id; the unit is written with 'scope none;'");
        }
        text.Append($"iommu {name} {{\n");
        foreach (var comment in comments) text.Append(indent).Append("// ").Append(comment).Append('\n');
        text.Append(indent).Append($"segment {unit.Segment};\n");
        text.Append(indent).Append(unit.IncludesAll ? "scope all;" : items.Count == 0 ? "scope none;" : "scope " + string.Join(", ", items.Distinct()) + ";")
            .Append(unit.IncludesAll || items.Count > 0 ? string.Empty : unit.Scopes.Count == 0 ? "    // the DRHD lists no device" : "    // no entry resolved (see UNRESOLVED above)")
            .Append('\n');
        if (caps is { } c)
        {
            WriteCapabilities(text, indent, c, table);
        }
        else
        {
            text.Append(indent).Append("// capabilities unknown (pass --dmesg FILE or --cap/--ecap): the language's defaults apply\n");
        }
        text.Append("}\n");
    }

    private static void WriteCapabilities(StringBuilder text, string indent, IommuCapabilities caps, DmarTable table)
    {
        text.Append(indent).Append($"// CAP 0x{caps.Cap:x}, ECAP 0x{caps.Ecap:x}\n");
        if (caps.Widths.Count > 0) text.Append(indent).Append("address-width ").Append(string.Join(", ", caps.Widths)).Append(";\n");
        else text.Append(indent).Append("// SAGAW lists no 39-, 48- or 57-bit format: address-width left at the default\n");
        if (caps.DomainCount > 0) text.Append(indent).Append($"domains {caps.DomainCount};\n");
        var pages = new List<string>();
        if (caps.Superpage2M) pages.Add("2MiB");
        if (caps.Superpage1G) pages.Add("1GiB");
        text.Append(indent).Append("superpages ").Append(pages.Count > 0 ? string.Join(", ", pages) : "none").Append(";\n");
        text.Append(indent).Append(caps.PassThrough ? "passthrough;\n" : "passthrough none;\n");
        text.Append(indent).Append(caps.InterruptRemapping ? $"interrupts {InterruptEntries};\n" : "interrupts 0;     // no interrupt remapping (ECAP.IR = 0)\n");
        if (caps.ExtendedInterruptMode && caps.InterruptRemapping)
        {
            text.Append(indent).Append(table.X2ApicOptOut
                ? "// x2APIC mode supported (ECAP.EIM), but the firmware opts out (X2APIC_OPT_OUT): add 'x2apic;' only if the OS uses it\n"
                : "x2apic;\n");
        }
        if (caps.Widths.Count > 0)
        {
            text.Append(indent).Append($"guest-address-width {Math.Min(caps.GuestAddressWidth, 57)};\n");
        }
        if (caps.Pasid) text.Append(indent).Append($"pasid-bits {Math.Min(caps.PasidBits, 20)};\n");
        if (caps.ScalableMode) text.Append(indent).Append("// scalable mode supported (ECAP.SMTS): add 'mode scalable;' to use PASIDs\n");
    }

    private static void WriteReserved(StringBuilder text, List<string> notes, string name, DmarReservedMemory rmrr, PciTopology? topology)
    {
        ulong size = rmrr.Limit - rmrr.Base + 1;
        text.Append($"// RMRR at offset 0x{rmrr.Offset:x}: segment {rmrr.Segment}, [0x{rmrr.Base:x}, 0x{rmrr.Limit:x}]\n");
        var devices = new List<string>();
        foreach (var scope in rmrr.Scopes)
        {
            var resolved = ScopeResolver.Resolve(scope, rmrr.Segment, topology);
            if (resolved.Function is { } function) devices.Add(function.ToString());
            if (resolved.Unresolved is { } reason)
            {
                text.Append($"// UNRESOLVED: {Describe(scope)} at offset 0x{scope.Offset:x}: {reason}\n");
                notes.Add($"{name}: device scope at offset 0x{scope.Offset:x} ({Describe(scope)}, {scope.PathText}) is unresolved: {reason}");
            }
        }
        string declaration = $"reserved {name} {PolicyWriter.Hex(rmrr.Base)} size {PolicyWriter.Size(size)} for {string.Join(", ", devices.Distinct())};";
        if (devices.Count == 0 || size == 0)
        {
            notes.Add($"{name}: no device of the RMRR resolves to a source id; it is written as a comment");
            text.Append("// ").Append($"reserved {name} {PolicyWriter.Hex(rmrr.Base)} size {PolicyWriter.Size(size)} for (unresolved);\n");
            return;
        }
        text.Append(declaration).Append('\n');
    }

    private static string ScopeList(IReadOnlyList<DeviceScope> scopes, ushort segment, PciTopology? topology, List<string> notes)
    {
        if (scopes.Count == 0) return "none listed";
        return string.Join(", ", scopes.Select(scope =>
        {
            var resolved = ScopeResolver.Resolve(scope, segment, topology);
            string at = resolved.Function is { } function ? function.ToString() : "(" + scope.PathText + ")";
            if (resolved.Behind is { } behind) at += $" (buses {behind.First:x2}-{behind.Last:x2})";
            if (resolved.Unresolved is { } reason)
            {
                notes.Add($"device scope at offset 0x{scope.Offset:x} ({Describe(scope)}) is unresolved: {reason}");
                at += " UNRESOLVED: " + reason;
            }
            return $"{Describe(scope)} {at}";
        }));
    }

    private static string Describe(DeviceScope scope) => scope.Type switch
    {
        DeviceScopeType.IoApic => $"IOAPIC id {scope.EnumerationId}",
        DeviceScopeType.Hpet => $"HPET number {scope.EnumerationId}",
        DeviceScopeType.AcpiNamespaceDevice => $"ACPI namespace device {scope.EnumerationId}",
        _ => scope.TypeName,
    };

    private static void WriteMemory(StringBuilder text, List<(ulong First, ulong Last)> ram)
    {
        text.Append("\n// System RAM (/proc/iomem)\n");
        for (int i = 0; i < ram.Count; i++)
        {
            text.Append($"memory ram{i} {PolicyWriter.Hex(ram[i].First)} size {PolicyWriter.Size(ram[i].Last - ram[i].First + 1)};\n");
        }
    }

    private static void WriteGroups(StringBuilder text, SortedDictionary<int, List<PciAddress>> groups)
    {
        text.Append("\n// IOMMU groups of more than one function (/sys/kernel/iommu_groups)\n");
        foreach (var group in groups)
        {
            if (group.Value.Count < 2) continue;
            text.Append(string.Format(CultureInfo.InvariantCulture, "group iommu_group{0} {1};\n", group.Key, string.Join(", ", group.Value)));
        }
    }
}
