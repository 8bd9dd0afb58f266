using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using VtdDsl.Compiler.Writing;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>A PCI function as the generator picks it (rendered as <c>SSSS:BB:DD.F</c>).</summary>
public readonly record struct Pci(ushort Segment, byte Bus, byte Device, byte Function)
{
    public uint Key => (uint)Segment << 16 | (uint)(Bus << 8 | Device << 3 | Function);

    public override string ToString() => $"{Segment:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";
}

/// <summary>An <c>iommu</c> block; <see cref="Implicit"/> means no block at all (the default dmar0).</summary>
public sealed record UnitSpec(
    string Name,
    bool Implicit,
    ushort Segment,
    (Pci First, Pci Last)[]? Scope,
    int[] Widths,
    int DomainCount,
    bool Superpage2M,
    bool Superpage1G,
    bool Passthrough,
    int Interrupts,
    bool X2Apic = false)
{
    public bool Serves(Pci pci) => Segment == pci.Segment && (Scope is null || Scope.Any(r => pci.Key >= r.First.Key && pci.Key <= r.Last.Key));
}

public sealed record RegionSpec(string Name, ulong Base, ulong Size)
{
    public ulong Last => Base + (Size - 1);
}

public sealed record WindowSpec(ulong Iova, ulong Size, ulong Host, bool Identity, bool Read, bool Write, bool Shared)
{
    public ulong IovaLast => Iova + (Size - 1);
    public ulong HostLast => Host + (Size - 1);
}

public sealed record DomainSpec(string Name, ushort? Id, bool Passthrough, int? Width, WindowSpec[] Windows);

public sealed record DeviceSpec(string? Name, Pci Source, Pci? Via, int Domain, bool Ats);

public sealed record InterruptSpec(int Device, int Vector, uint Cpu, int? Index, bool LowestPriority, bool Level);

/// <summary>
/// A small model of a valid policy, built by <see cref="PolicyGenerators"/> and rendered to
/// <c>.vtd</c> text with <see cref="Render"/>. The properties compile the text and check the
/// compiler's bound model and every answering implementation; the model itself is only a way
/// to produce (and print, and shrink) valid specs.
/// </summary>
public sealed record PolicySpec(
    string Name,
    UnitSpec[] Units,
    RegionSpec[] Memory,
    RegionSpec[] Protected,
    DomainSpec[] Domains,
    DeviceSpec[] Devices,
    InterruptSpec[] Interrupts)
{
    public PolicySpec WithName(string name) => this with { Name = name };

    public int WindowCount => Domains.Sum(d => d.Windows.Length);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("policy ").Append(Name).Append(";\n");
        foreach (var unit in Units.Where(u => !u.Implicit))
        {
            text.Append("\niommu ").Append(unit.Name).Append(" {\n");
            text.Append("    segment ").Append(unit.Segment).Append(";\n");
            text.Append("    scope ").Append(unit.Scope is null ? "all" : string.Join(", ", unit.Scope.Select(r => r.First.Key == r.Last.Key ? r.First.ToString() : $"{r.First} .. {r.Last}"))).Append(";\n");
            text.Append("    address-width ").Append(string.Join(", ", unit.Widths)).Append(";\n");
            if (unit.DomainCount != 65536) text.Append("    domains ").Append(unit.DomainCount).Append(";\n");
            if (!(unit.Superpage2M && unit.Superpage1G))
            {
                var sizes = new List<string>();
                if (unit.Superpage2M) sizes.Add("2MiB");
                if (unit.Superpage1G) sizes.Add("1GiB");
                text.Append("    superpages ").Append(sizes.Count == 0 ? "none" : string.Join(", ", sizes)).Append(";\n");
            }
            if (!unit.Passthrough) text.Append("    passthrough none;\n");
            if (unit.Interrupts != 65536) text.Append("    interrupts ").Append(unit.Interrupts).Append(";\n");
            if (unit.X2Apic) text.Append("    x2apic;\n");
            text.Append("}\n");
        }
        foreach (var region in Memory) text.Append("memory ").Append(region.Name).Append(' ').Append(Hex(region.Base)).Append(" size ").Append(PolicyWriter.Size(region.Size)).Append(";\n");
        foreach (var region in Protected) text.Append("protect ").Append(region.Name).Append(' ').Append(Hex(region.Base)).Append(" size ").Append(PolicyWriter.Size(region.Size)).Append(";\n");
        foreach (var domain in Domains)
        {
            text.Append("\ndomain ").Append(domain.Name);
            if (domain.Passthrough && domain.Id is null && domain.Width is null)
            {
                text.Append(" passthrough;\n");
                continue;
            }
            if (domain.Passthrough) text.Append(" passthrough");
            text.Append(" {\n");
            if (domain.Id is { } id) text.Append("    id ").Append(id).Append(";\n");
            if (domain.Width is { } width) text.Append("    address-width ").Append(width).Append(";\n");
            foreach (var window in domain.Windows)
            {
                text.Append("    ");
                if (window.Identity) text.Append("identity ").Append(Hex(window.Host)).Append(" size ").Append(PolicyWriter.Size(window.Size));
                else text.Append("map ").Append(Hex(window.Iova)).Append(" size ").Append(PolicyWriter.Size(window.Size)).Append(" -> ").Append(Hex(window.Host));
                text.Append(window.Read && window.Write ? " read write" : window.Write ? " write" : " read");
                if (window.Shared) text.Append(" shared");
                text.Append(";\n");
            }
            text.Append("}\n");
        }
        text.Append('\n');
        foreach (var device in Devices)
        {
            text.Append("device ");
            if (device.Name is not null) text.Append(device.Name).Append(' ');
            text.Append(device.Source);
            if (device.Via is { } via) text.Append(" via ").Append(via);
            text.Append(" -> ").Append(Domains[device.Domain].Name);
            text.Append(device.Ats ? " { ats; }\n" : ";\n");
        }
        foreach (var interrupt in Interrupts)
        {
            text.Append("interrupt ").Append(Devices[interrupt.Device].Name).Append(" vector ").Append(Hex((ulong)interrupt.Vector))
                .Append(" -> cpu ").Append(interrupt.Cpu.ToString(CultureInfo.InvariantCulture));
            var options = new List<string>();
            if (interrupt.Index is { } index) options.Add($"index {index};");
            if (interrupt.LowestPriority) options.Add("mode lowest-priority;");
            if (interrupt.Level) options.Add("trigger level;");
            text.Append(options.Count == 0 ? ";\n" : " { " + string.Join(" ", options) + " }\n");
        }
        return text.ToString();
    }

    public override string ToString() => Render();

    private static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);
}
