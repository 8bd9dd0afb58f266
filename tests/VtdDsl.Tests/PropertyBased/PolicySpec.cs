using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VtdDsl.Testing;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>A PCI function as the generator picks it (rendered as <c>SSSS:BB:DD.F</c>).</summary>
public readonly record struct Pci(ushort Segment, byte Bus, byte Device, byte Function)
{
    public uint Key => (uint)Segment << 16 | (uint)(Bus << 8 | Device << 3 | Function);

    public override string ToString() => $"{Segment:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";
}

/// <summary>
/// An <c>iommu</c> block; <see cref="Implicit"/> means no block at all (the default dmar0). <see cref="GuestWidth"/> null: no
/// <c>guest-address-width</c> line. <see cref="Scalable"/>: <c>mode scalable;</c>, with <c>pasid-bits</c> when <see cref="PasidBits"/> is set.
/// </summary>
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
    bool X2Apic = false,
    int? GuestWidth = null,
    bool Scalable = false,
    int? PasidBits = null)
{
    /// <summary>CAP.MGAW as LANGUAGE.md defines it: <c>guest-address-width</c>, by default the widest <c>address-width</c>.</summary>
    public int EffectiveGuestWidth => GuestWidth ?? Widths.Max();

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

/// <summary>A <c>pasid N -&gt; …</c> line: to domain <see cref="Target"/>, or to process <c>proc</c><see cref="Target"/> when <see cref="Process"/>.</summary>
public sealed record PasidSpec(uint Pasid, int Target, bool Process);

/// <summary>A <c>device</c> line; a device with a process PASID also says <c>pri</c> (it always has <c>ats</c> then).</summary>
public sealed record DeviceSpec(string? Name, Pci Source, Pci? Via, int Domain, bool Ats, PasidSpec[] Pasids)
{
    public bool Pri => Pasids.Any(p => p.Process);
}

public sealed record InterruptSpec(int Device, int Vector, uint Cpu, int? Index, bool LowestPriority, bool Level);

/// <summary>
/// A small model of a valid policy, built by <see cref="PolicyGenerators"/> and rendered to
/// <c>.vtd</c> text with <see cref="Render"/> (<see cref="Processes"/> processes <c>proc0</c>, <c>proc1</c>, … for process PASIDs). The properties compile the text and check the
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
    InterruptSpec[] Interrupts,
    int Processes)
{
    public PolicySpec WithName(string name) => this with { Name = name };

    public int WindowCount => Domains.Sum(d => d.Windows.Length);

    public string Render()
    {
        var spec = new SpecBuilder(Name);
        foreach (var unit in Units.Where(u => !u.Implicit))
        {
            var statements = new List<string>
            {
                $"segment {unit.Segment}",
                "scope " + (unit.Scope is null ? "all" : string.Join(", ", unit.Scope.Select(r => r.First.Key == r.Last.Key ? r.First.ToString() : $"{r.First} .. {r.Last}"))),
                "address-width " + string.Join(", ", unit.Widths),
            };
            if (unit.DomainCount != 65536) statements.Add($"domains {unit.DomainCount}");
            if (!(unit.Superpage2M && unit.Superpage1G))
            {
                var sizes = new List<string>();
                if (unit.Superpage2M) sizes.Add("2MiB");
                if (unit.Superpage1G) sizes.Add("1GiB");
                statements.Add("superpages " + (sizes.Count == 0 ? "none" : string.Join(", ", sizes)));
            }
            if (!unit.Passthrough) statements.Add("passthrough none");
            if (unit.Interrupts != 65536) statements.Add($"interrupts {unit.Interrupts}");
            if (unit.X2Apic) statements.Add("x2apic");
            if (unit.GuestWidth is { } guestWidth) statements.Add($"guest-address-width {guestWidth}");
            if (unit.Scalable) statements.Add("mode scalable");
            if (unit.PasidBits is { } pasidBits) statements.Add($"pasid-bits {pasidBits}");
            spec.Blank().Iommu(unit.Name, statements.ToArray());
        }
        foreach (var region in Memory) spec.Memory(region.Name, region.Base, region.Size);
        foreach (var region in Protected) spec.Protect(region.Name, region.Base, region.Size);
        for (int p = 0; p < Processes; p++) spec.Process("proc" + p);
        foreach (var domain in Domains)
        {
            spec.Blank();
            if (domain.Passthrough && domain.Id is null && domain.Width is null)
            {
                spec.PassthroughDomain(domain.Name);
                continue;
            }
            void Body(SpecBuilder.DomainBody body)
            {
                if (domain.Id is { } id) body.Id(id);
                if (domain.Width is { } width) body.AddressWidth(width);
                foreach (var window in domain.Windows)
                {
                    string rights = window.Read && window.Write ? "read write" : window.Write ? "write" : "read";
                    if (window.Identity) body.Identity(window.Host, window.Size, rights, window.Shared);
                    else body.Map(window.Iova, window.Size, window.Host, rights, window.Shared);
                }
            }
            if (domain.Passthrough) spec.PassthroughDomain(domain.Name, Body);
            else spec.Domain(domain.Name, Body);
        }
        spec.Blank();
        foreach (var device in Devices)
        {
            string source = device.Source.ToString(), domain = Domains[device.Domain].Name;
            string? via = device.Via?.ToString();
            var options = new List<string>();
            if (device.Ats) options.Add("ats");
            if (device.Pri) options.Add("pri");
            foreach (var pasid in device.Pasids)
            {
                options.Add($"pasid {SpecBuilder.Hex(pasid.Pasid)} -> " + (pasid.Process ? "process proc" + pasid.Target : Domains[pasid.Target].Name));
            }
            spec.Device(source, domain, device.Name, via, options.ToArray());
        }
        foreach (var interrupt in Interrupts)
        {
            var options = new List<string>();
            if (interrupt.Index is { } index) options.Add($"index {index}");
            if (interrupt.LowestPriority) options.Add("mode lowest-priority");
            if (interrupt.Level) options.Add("trigger level");
            spec.Interrupt(Devices[interrupt.Device].Name!, (ulong)interrupt.Vector, interrupt.Cpu, options.ToArray());
        }
        return spec.Build();
    }

    public override string ToString() => Render();

}
