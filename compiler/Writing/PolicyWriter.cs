using System.Globalization;
using System.Text;

namespace VtdDsl.Compiler.Writing;

/// <summary>
/// Writes a bound policy back as <c>.vtd</c> text in a canonical layout: what was explicit in
/// the source stays explicit, defaults stay implicit, so the text compiles to the same tables.
/// Used for round-trip tests, for printing shrunk counterexamples and by the scale generator.
/// </summary>
public static class PolicyWriter
{
    public static string Write(Policy policy)
    {
        var text = new StringBuilder();
        text.Append("policy ").Append(policy.FullName).Append(";\n");
        foreach (var unit in policy.Units)
        {
            if (!unit.IsImplicit) WriteUnit(text, unit);
        }
        if (policy.Memory.Count + policy.Protected.Count + policy.Reserved.Count + policy.Groups.Count > 0) text.Append('\n');
        foreach (var region in policy.Memory) WriteRegion(text, "memory", region);
        foreach (var region in policy.Protected) WriteRegion(text, "protect", region);
        foreach (var region in policy.Reserved)
        {
            text.Append("reserved ").Append(region.Name).Append(' ').Append(Hex(region.Base)).Append(" size ").Append(Size(region.Size))
                .Append(" for ").Append(string.Join(", ", References(region.Devices))).Append(";\n");
        }
        foreach (var group in policy.Groups)
        {
            text.Append("group ").Append(group.Name).Append(' ').Append(string.Join(", ", References(group.Devices))).Append(";\n");
        }
        foreach (var process in policy.Processes) text.Append("process ").Append(process.Name).Append(";\n");
        foreach (var domain in policy.Domains) WriteDomain(text, domain);
        if (policy.Devices.Count > 0) text.Append('\n');
        foreach (var device in policy.Devices) WriteDevice(text, policy, device);
        if (policy.Interrupts.Count > 0) text.Append('\n');
        foreach (var interrupt in policy.Interrupts) WriteInterrupt(text, interrupt);
        return text.ToString();
    }

    private static void WriteUnit(StringBuilder text, IommuUnit unit)
    {
        var statements = new List<string>
        {
            $"segment {unit.Segment};",
            unit.ScopeAll ? "scope all;" : unit.Scope.Count == 0 ? "scope none;" : "scope " + string.Join(", ", Ranges(unit)) + ";",
            "address-width " + string.Join(", ", unit.Widths.ToBits()) + ";",
            $"domains {unit.DomainCount};",
            "superpages " + Superpages(unit.Superpages) + ";",
            unit.SupportsPassthrough ? "passthrough;" : "passthrough none;",
            $"interrupts {unit.InterruptEntries};",
        };
        if (unit.X2Apic) statements.Add("x2apic;");
        if (unit.GuestAddressWidth > 0) statements.Add($"guest-address-width {unit.GuestAddressWidth};");
        if (unit.Mode == TranslationMode.Scalable)
        {
            statements.Add("mode scalable;");
            statements.Add($"pasid-bits {unit.PasidBits};");
        }
        text.Append("\niommu ").Append(unit.Name).Append(" {\n");
        foreach (var statement in statements) text.Append("    ").Append(statement).Append('\n');
        text.Append("}\n");
    }

    private static IEnumerable<string> References(IEnumerable<DeviceReference> references)
    {
        foreach (var reference in references) yield return reference.Text;
    }

    private static IEnumerable<string> Ranges(IommuUnit unit)
    {
        foreach (var range in unit.Scope)
        {
            yield return range.First == range.Last ? range.First.ToString() : $"{range.First} .. {range.Last}";
        }
    }

    private static string Superpages(Superpages superpages) => superpages switch
    {
        Model.Superpages.None => "none",
        Model.Superpages.TwoMiB => "2MiB",
        Model.Superpages.OneGiB => "1GiB",
        _ => "2MiB, 1GiB",
    };

    private static void WriteRegion(StringBuilder text, string keyword, MemoryRegion region) =>
        text.Append(keyword).Append(' ').Append(region.Name).Append(' ').Append(Hex(region.Base))
            .Append(" size ").Append(Size(region.Size)).Append(";\n");

    private static void WriteDomain(StringBuilder text, Domain domain)
    {
        text.Append("\ndomain ").Append(domain.Name);
        if (domain.IsPassthrough) text.Append(" passthrough");
        if (!domain.IdIsExplicit && !domain.WidthIsExplicit && domain.Windows.Count == 0)
        {
            text.Append(domain.IsPassthrough ? ";\n" : " { }\n");
            return;
        }
        text.Append(" {\n");
        if (domain.IdIsExplicit) text.Append("    id ").Append(domain.Id).Append(";\n");
        if (domain.WidthIsExplicit) text.Append("    address-width ").Append(domain.AddressWidth).Append(";\n");
        foreach (var window in domain.Windows)
        {
            text.Append("    ");
            if (window.IsIdentity)
            {
                text.Append("identity ").Append(Hex(window.HostAddress)).Append(" size ").Append(Size(window.Size));
            }
            else
            {
                text.Append("map ").Append(Hex(window.Iova)).Append(" size ").Append(Size(window.Size)).Append(" -> ").Append(Hex(window.HostAddress));
            }
            text.Append(' ').Append(window.Rights.ToKeywords());
            if (window.Shared) text.Append(" shared");
            text.Append(";\n");
        }
        text.Append("}\n");
    }

    private static void WriteDevice(StringBuilder text, Policy policy, Device device)
    {
        text.Append("device ");
        if (device.Name is not null) text.Append(device.Name).Append(' ');
        text.Append(device.Source);
        if (device.Via is { } via) text.Append(" via ").Append(via);
        text.Append(" -> ").Append(device.DomainName);
        if (!device.Ats && !device.Pri && device.Pasids.Count == 0)
        {
            text.Append(";\n");
            return;
        }
        text.Append(" {");
        if (device.Ats) text.Append(" ats;");
        if (device.Pri) text.Append(" pri;");
        foreach (var pasid in device.Pasids)
        {
            text.Append(" pasid ").Append(pasid.Pasid).Append(" -> ");
            if (pasid.Kind == PasidTargetKind.Process) text.Append("process ");
            text.Append(pasid.TargetName).Append(';');
        }
        text.Append(" }\n");
    }

    private static void WriteInterrupt(StringBuilder text, Interrupt interrupt)
    {
        text.Append("interrupt ").Append(interrupt.DeviceName).Append(" vector ").Append(Hex(interrupt.Vector))
            .Append(" -> cpu ").Append(interrupt.Cpu.ToString(CultureInfo.InvariantCulture));
        var options = new List<string>();
        if (interrupt.IndexIsExplicit) options.Add($"index {interrupt.Index};");
        if (interrupt.Mode == InterruptDeliveryMode.LowestPriority) options.Add("mode lowest-priority;");
        if (interrupt.Trigger == InterruptTrigger.Level) options.Add("trigger level;");
        text.Append(options.Count == 0 ? ";\n" : " { " + string.Join(" ", options) + " }\n");
    }

    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    /// <summary>A size in the largest unit that divides it exactly, else in hexadecimal bytes.</summary>
    public static string Size(ulong bytes)
    {
        string[] units = { "TiB", "GiB", "MiB", "KiB" };
        int[] shifts = { 40, 30, 20, 10 };
        for (int i = 0; i < units.Length; i++)
        {
            ulong unit = 1UL << shifts[i];
            if (bytes >= unit && bytes % unit == 0)
            {
                return (bytes >> shifts[i]).ToString(CultureInfo.InvariantCulture) + units[i];
            }
        }
        return Hex(bytes);
    }
}
