using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using VtdDsl.Compiler;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// CsCheck generators of random valid policies. Raw choices (small integers and flags, so
/// CsCheck's shrinking makes them smaller) are repaired into a <see cref="PolicySpec"/> that
/// respects every error rule of LANGUAGE.md by construction: widths every unit supports,
/// windows page aligned and inside declared memory, clear of protected memory and of the
/// domain's other windows, unique source ids, <c>via</c> ids that never cross domains,
/// pass-through only without protected memory and on units that support it, windows below
/// 2^<c>guest-address-width</c> of their units, devices whose units agree on their domain's
/// address limit, interrupt indexes unique per unit; <c>pasid</c> lines only on scalable-mode
/// units, never on a <c>via</c> device, nonzero, unique per device and below 2^<c>pasid-bits</c>, process
/// PASIDs only with <c>ats</c> and <c>pri</c>, a PASID's unit counted among its domain's serving units;
/// domain and process ids below every unit's <c>domains</c> (at most eight domains with explicit ids
/// of 1 to 15, and two processes, whose automatic ids are the lowest free: none reaches 16). Warnings
/// are allowed (VTD3008 on purpose: host ranges are often reused across domains). What still
/// fails to compile is filtered out.
/// </summary>
public static class PolicyGenerators
{
    public const ulong Page = 0x1000;
    public const ulong TwoMiB = 2UL << 20;
    public const ulong OneGiB = 1UL << 30;

    private static readonly byte[] Buses = { 0x00, 0x01, 0x03, 0x10, 0x11, 0x20, 0x30, 0x40 };
    private static readonly byte[] BridgeBuses = { 0x01, 0x05, 0x10, 0x30 };
    private static readonly byte[] DeviceNumbers = { 0x00, 0x01, 0x02, 0x03, 0x10, 0x1f };
    private static readonly byte[] Functions = { 0, 1, 7 };
    private static readonly int[][] WidthChoices = { new[] { 39, 48 }, new[] { 48 }, new[] { 48, 57 }, new[] { 39, 48, 57 } };
    private static readonly int[] DomainCounts = { 16, 64, 256, 65536 };

    /// <summary>
    /// <c>guest-address-width</c> values. 39 (as on units with 4-level tables only) most often; 21 and
    /// 57 are the ends of the range; 30 puts the limit below the interrupt address range; 48 and 57
    /// narrow nothing here.
    /// </summary>
    private static readonly int[] GuestWidthChoices = { 39, 39, 30, 44, 21, 57, 48, 36 };

    /// <summary>
    /// <c>pasid-bits</c> of scalable-mode units: null (the default, 20), 10 (below the 13 bits the smallest PASID
    /// directory covers) and 16.
    /// </summary>
    private static readonly int?[] PasidBitsChoices = { null, 10, 16 };

    /// <summary>PASID values: the first and last of a group of 64, the next group, and the ends of 10, 13, 16 and 20 bits.</summary>
    private static readonly uint[] PasidChoices = { 1, 2, 63, 64, 0x3FF, 0x1000, 0x1FFF, 0xFFFF, 0xF_FFFF };

    private sealed record RawUnit(int Variant, int Widths, int DomainCount, int Superpages, bool Passthrough, int Interrupts, int GuestWidth, int Mode);

    /// <param name="Process">Bound to process <c>proc</c>(<paramref name="Target"/> % 2) when the device has <c>ats</c>; else to a domain.</param>
    private sealed record RawPasid(int Value, int Target, bool Process);

    private sealed record RawWindow(int SizeClass, int SizeMultiple, int IovaMode, ulong IovaRandom, int HostMode, ulong HostRandom, int Rights, bool Shared);

    private sealed record RawDomain(bool ExplicitId, int Id, bool Passthrough, bool ExplicitWidth, RawWindow[] Windows);

    private sealed record RawDevice(bool Named, int Segment, int Bus, int Device, int Function, int Via, int Domain, bool Ats)
    {
        public RawPasid[] Pasids { get; init; } = Array.Empty<RawPasid>();
    }

    private sealed record RawInterrupt(int Device, int Vector, uint Cpu, int Index, int Options);

    /// <param name="GuestWidths">0: no unit states a <c>guest-address-width</c>; 1: every unit the same one (as on
    /// most machines); more: each unit its own or none.</param>
    private sealed record RawPolicy(RawUnit[] Units, int Memory, RawDomain[] Domains, RawDevice[] Devices, RawInterrupt[] Interrupts, int Protect, ulong ProtectRandom, int GuestWidths);

    private static readonly Gen<RawUnit> UnitGen = Gen.Select(
        Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[0, 2 * GuestWidthChoices.Length - 1],
        Gen.Int[0, 2 + PasidBitsChoices.Length],
        (variant, widths, count, superpages, passthrough, interrupts, guestWidth, mode) => new RawUnit(variant, widths, count, superpages, passthrough != 0, interrupts, guestWidth, mode));

    private static readonly Gen<RawWindow> WindowGen = Gen.Select(
        Gen.Frequency((6, Gen.Const(0)), (3, Gen.Const(1)), (1, Gen.Const(2))),
        Gen.Int[1, 16], Gen.Frequency((5, Gen.Const(0)), (3, Gen.Const(1)), (3, Gen.Const(2)), (1, Gen.Const(3))),
        Gen.ULong, Gen.Frequency((5, Gen.Const(0)), (3, Gen.Const(1)), (2, Gen.Const(2)), (2, Gen.Const(3))),
        Gen.ULong, Gen.Int[0, 9], Gen.Int[0, 3],
        (sizeClass, multiple, iovaMode, iova, hostMode, host, rights, shared) =>
            new RawWindow(sizeClass, multiple, iovaMode, iova, hostMode, host, rights, shared == 0));

    private static readonly Gen<RawDomain> DomainGen = Gen.Select(
        Gen.Bool, Gen.Int[1, 15], Gen.Int[0, 7], Gen.Int[0, 4], WindowGen.Array[0, 5],
        (explicitId, id, passthrough, width, windows) => new RawDomain(explicitId, id, passthrough == 0, width == 0, windows));

    private static readonly Gen<RawPasid> PasidGen = Gen.Select(
        Gen.Int[0, PasidChoices.Length - 1], Gen.Int[0, 7], Gen.Int[0, 3],
        (value, target, process) => new RawPasid(value, target, process == 0));

    private static readonly Gen<RawDevice> DeviceGen = Gen.Select(
        Gen.Select(
            Gen.Int[0, 6], Gen.Int[0, 3], Gen.Int[0, Buses.Length - 1], Gen.Int[0, DeviceNumbers.Length - 1], Gen.Int[0, Functions.Length - 1],
            Gen.Int[0, 3 * BridgeBuses.Length], Gen.Int[0, 7], Gen.Int[0, 3],
            (named, segment, bus, device, function, via, domain, ats) => new RawDevice(named != 0, segment == 0 ? 1 : 0, bus, device, function, via, domain, ats == 0)),
        PasidGen.Array[0, 3],
        (device, pasids) => device with { Pasids = pasids });

    private static readonly Gen<RawInterrupt> InterruptGen = Gen.Select(
        Gen.Int[0, 7], Gen.Int[0, 0xEE], Gen.Frequency((3, Gen.UInt[0, 63]), (1, Gen.UInt)), Gen.Int[0, 300], Gen.Int[0, 15],
        (device, vector, cpu, index, options) => new RawInterrupt(device, vector, cpu, index, options));

    private static readonly Gen<RawPolicy> RawGen = Gen.Select(
        UnitGen.Array[1, 3], Gen.Int[0, 2], DomainGen.Array[1, 8], DeviceGen.Array[0, 8], InterruptGen.Array[0, 6], Gen.Int[0, 5], Gen.ULong,
        Gen.Int[0, 3],
        (units, memory, domains, devices, interrupts, protect, protectRandom, guestWidths) => new RawPolicy(units, memory, domains, devices, interrupts, protect, protectRandom, guestWidths));

    /// <summary>Valid policies (no errors; warnings allowed), with their compilation.</summary>
    public static readonly Gen<GeneratedPolicy> Policy = RawGen
        .Select(raw => Repair(raw))
        .Select(spec => new GeneratedPolicy(spec, VtdCompiler.Compile("generated.vtd", spec.Render())))
        .Where(generated => !generated.Result.HasErrors && generated.Result.Layout is not null);

    /// <summary>The repaired spec, before compilation (for the acceptance-rate test).</summary>
    public static readonly Gen<PolicySpec> Spec = RawGen.Select(raw => Repair(raw));

    private static PolicySpec Repair(RawPolicy raw)
    {
        var units = Units(raw.Units, raw.GuestWidths);
        var memory = raw.Memory == 0 ? Array.Empty<RegionSpec>() : new[]
        {
            new RegionSpec("ram_low", 0, 2 * OneGiB),
            new RegionSpec("mmio", 0xE000_0000, 512UL << 20),
            new RegionSpec("ram_high", 4 * OneGiB, (raw.Memory == 1 ? 16UL : 60UL) * OneGiB),
        };
        var protectedRegions = Protect(raw.Protect, raw.ProtectRandom);
        var domains = Domains(raw.Domains, memory, protectedRegions);
        var devices = Devices(raw.Devices, units, domains);
        (domains, devices) = FitGuestWidths(units, domains, devices);
        var interrupts = Interrupts(raw.Interrupts, units, devices);
        int processes = devices.SelectMany(d => d.Pasids).Where(p => p.Process).Select(p => p.Target + 1).DefaultIfEmpty(0).Max();
        return new PolicySpec("Prop.Generated.Policy", units, memory, protectedRegions, domains, devices, interrupts, processes);
    }

    private static UnitSpec[] Units(RawUnit[] raw, int guestWidths)
    {
        var units = new List<UnitSpec>();
        for (int i = 0; i < raw.Length; i++)
        {
            var r = raw[i];
            (ushort segment, (Pci, Pci)[]? scope) = (i, r.Variant % 2) switch
            {
                (0, 0) => ((ushort)0, null),
                (0, _) => ((ushort)0, new[] { (new Pci(0, 0x00, 0, 0), new Pci(0, 0x0f, 0x1f, 7)), (new Pci(0, 0x40, 0, 0), new Pci(0, 0x40, 0x1f, 7)) }),
                (1, 0) => ((ushort)0, new[] { (new Pci(0, 0x10, 0, 0), new Pci(0, 0x1f, 0x1f, 7)), (new Pci(0, 0x20, 0, 0), new Pci(0, 0x20, 0, 0)) }),
                (1, _) => ((ushort)1, null),
                (_, 0) => ((ushort)1, null),
                _ => ((ushort)0, new[] { (new Pci(0, 0x30, 0, 0), new Pci(0, 0x30, 0x1f, 7)) }),
            };
            bool isImplicit = raw.Length == 1 && r.Variant == 2;
            units.Add(isImplicit
                ? new UnitSpec("dmar0", true, 0, null, new[] { 39, 48 }, 65536, true, true, true, 65536)
                : new UnitSpec("dmar" + i, false, segment, scope, WidthChoices[r.Widths], DomainCounts[r.DomainCount],
                    r.Superpages is 0 or 1, r.Superpages is 0 or 2, r.Passthrough,
                    r.Interrupts switch { 0 => 0, <= 3 => 16, <= 6 => 256, _ => 65536 }, X2Apic: r.Interrupts % 2 == 0,
                    GuestWidth: GuestWidth(guestWidths, guestWidths == 1 ? raw[0].GuestWidth : r.GuestWidth),
                    Scalable: r.Mode >= 3, PasidBits: r.Mode >= 3 ? PasidBitsChoices[r.Mode - 3] : null));
        }
        return units.ToArray();
    }

    private static int? GuestWidth(int plan, int choice) => plan switch
    {
        0 => null,
        1 => GuestWidthChoices[choice % GuestWidthChoices.Length],
        _ => choice < GuestWidthChoices.Length ? null : GuestWidthChoices[choice - GuestWidthChoices.Length],
    };

    private static RegionSpec[] Protect(int count, ulong random)
    {
        var regions = new List<RegionSpec>();
        if (count >= 3) regions.Add(new RegionSpec("hypervisor", 0x100_0000, 16UL << 20));
        if (count >= 4) regions.Add(new RegionSpec("tables", 4 * OneGiB + (random % 64) * TwoMiB, (1 + (random >> 8) % 512) * Page));
        if (count >= 5) regions.Add(new RegionSpec("secure", ((random >> 20) % 1024) * TwoMiB, TwoMiB));
        return regions.ToArray();
    }

    private static DomainSpec[] Domains(RawDomain[] raw, RegionSpec[] memory, RegionSpec[] protectedRegions)
    {
        var domains = new List<DomainSpec>();
        var usedIds = new HashSet<int>();
        var hosts = new List<WindowSpec>();
        for (int d = 0; d < raw.Length; d++)
        {
            var r = raw[d];
            ushort? id = r.ExplicitId && usedIds.Add(r.Id) ? (ushort)r.Id : null;
            bool passthrough = r.Passthrough && protectedRegions.Length == 0;
            var windows = new List<WindowSpec>();
            if (!passthrough)
            {
                foreach (var w in r.Windows)
                {
                    if (Window(w, windows, hosts, memory) is { } window && Fits(window, windows, memory, protectedRegions))
                    {
                        windows.Add(window);
                        hosts.Add(window);
                    }
                }
            }
            domains.Add(new DomainSpec("dom" + d, id, passthrough, r.ExplicitWidth && !passthrough ? 48 : null, windows.ToArray()));
        }
        return domains.ToArray();
    }

    private static WindowSpec? Window(RawWindow r, List<WindowSpec> domainWindows, List<WindowSpec> allWindows, RegionSpec[] memory)
    {
        ulong alignment = r.SizeClass switch { 0 => Page, 1 => TwoMiB, _ => OneGiB };
        ulong size = alignment * (ulong)(r.SizeClass switch { 0 => r.SizeMultiple, 1 => 1 + r.SizeMultiple % 4, _ => 1 + r.SizeMultiple % 2 });
        ulong host = r.HostMode switch
        {
            1 when allWindows.Count > 0 => allWindows[(int)(r.HostRandom % (ulong)allWindows.Count)].Host,
            3 when allWindows.Count > 0 => allWindows[^1].HostLast + 1,
            _ => HostIn(memory, size, alignment, r.HostRandom),
        };
        // A careful copy reuses host memory the way a valid policy may: read-only beside a
        // read-only window, or shared beside a shared one (no VTD3008), so property 3 meets it.
        WindowSpec? careful = r.HostMode == 1 && r.Rights % 3 != 2
            ? allWindows.FirstOrDefault(w => w.Shared || !w.Write)
            : null;
        if (careful is not null) host = careful.Host;
        bool identity = r.HostMode == 2;
        ulong iova = identity ? host : r.IovaMode switch
        {
            0 => (r.IovaRandom % 64) * alignment,
            2 when domainWindows.Count > 0 => domainWindows[^1].IovaLast + 1,
            3 => (1UL << 39) + (r.IovaRandom % ((1UL << 47) - (1UL << 39) - size)) / alignment * alignment,
            _ => (r.IovaRandom % ((1UL << 39) - size)) / alignment * alignment,
        };
        if (iova % Page != 0 || host % Page != 0 || iova + size > 1UL << 47 || host + size > 1UL << 46) return null;
        bool read = r.Rights != 8;
        bool write = r.Rights is < 5 or 8;
        bool shared = r.Shared;
        if (careful is not null)
        {
            (read, write, shared) = careful.Shared ? (read, write, true) : (true, false, false);
        }
        return new WindowSpec(iova, size, host, identity, read, write, shared);
    }

    private static ulong HostIn(RegionSpec[] memory, ulong size, ulong alignment, ulong random)
    {
        if (memory.Length == 0) return (random % (1UL << 40)) / alignment * alignment;
        var region = memory[(int)(random % (ulong)memory.Length)];
        if (region.Size < size) return ulong.MaxValue & ~(Page - 1); // does not fit: rejected by Fits
        ulong slots = (region.Size - size) / alignment + 1;
        return region.Base + ((random >> 8) % slots) * alignment;
    }

    private static bool Fits(WindowSpec window, List<WindowSpec> domainWindows, RegionSpec[] memory, RegionSpec[] protectedRegions)
    {
        if (window.HostLast < window.Host || window.IovaLast < window.Iova) return false;
        if (domainWindows.Any(other => other.Iova <= window.IovaLast && window.Iova <= other.IovaLast)) return false;
        if (protectedRegions.Any(p => p.Base <= window.HostLast && window.Host <= p.Last)) return false;
        if (memory.Length == 0) return true;
        // covered by the union of declared regions (they may be adjacent)
        ulong cursor = window.Host;
        foreach (var region in memory.OrderBy(m => m.Base))
        {
            if (region.Base <= cursor && cursor <= region.Last)
            {
                if (region.Last >= window.HostLast) return true;
                cursor = region.Last + 1;
            }
        }
        return false;
    }

    private static DeviceSpec[] Devices(RawDevice[] raw, UnitSpec[] units, DomainSpec[] domains)
    {
        var devices = new List<DeviceSpec>();
        var claims = new Dictionary<uint, int>(); // source key -> domain
        for (int i = 0; i < raw.Length; i++)
        {
            var r = raw[i];
            var source = new Pci((ushort)r.Segment, Buses[r.Bus], DeviceNumbers[r.Device], Functions[r.Function]);
            int domain = r.Domain % domains.Length;
            int unit = UnitFor(units, source);
            bool passthrough = domains[domain].Passthrough;
            if (unit < 0 || claims.ContainsKey(source.Key) || (passthrough && !units[unit].Passthrough))
            {
                continue;
            }
            Pci? via = null;
            if (r.Via < BridgeBuses.Length)
            {
                var bridge = new Pci(source.Segment, BridgeBuses[r.Via], 0, 0);
                int viaUnit = UnitFor(units, bridge);
                bool conflict = claims.TryGetValue(bridge.Key, out int owner) && owner != domain;
                if (viaUnit >= 0 && !conflict && bridge.Key != source.Key && (!passthrough || units[viaUnit].Passthrough))
                {
                    via = bridge;
                }
            }
            claims[source.Key] = domain;
            if (via is { } v) claims[v.Key] = domain;
            bool ats = r.Ats && !passthrough;
            // A device behind a bridge gets no PASID lines: its requests carry the bridge's id (LANGUAGE.md does not
            // say whose PASID table such a request finds).
            var pasids = units[unit].Scalable && via is null ? Pasids(r.Pasids, units[unit], domains, ats) : Array.Empty<PasidSpec>();
            devices.Add(new DeviceSpec(r.Named ? "dev" + i : null, source, via, domain, ats, pasids));
        }
        return devices.ToArray();
    }

    /// <summary>
    /// VTD6001, VTD6002, VTD6004, VTD6007 and VTD2004 by construction: nonzero PASIDs below 2^<c>pasid-bits</c>, each
    /// once; a process only for a device with <c>ats</c> (it says <c>pri</c> then); a pass-through domain only on a unit
    /// that supports pass-through.
    /// </summary>
    private static PasidSpec[] Pasids(RawPasid[] raw, UnitSpec unit, DomainSpec[] domains, bool ats)
    {
        int bits = unit.PasidBits ?? 20;
        var values = PasidChoices.Where(value => value >> bits == 0).ToArray();
        var pasids = new List<PasidSpec>();
        foreach (var r in raw)
        {
            uint value = values[r.Value % values.Length];
            if (pasids.Any(p => p.Pasid == value)) continue;
            if (r.Process && ats)
            {
                pasids.Add(new PasidSpec(value, r.Target % 2, Process: true));
                continue;
            }
            int target = r.Target % domains.Length;
            if (domains[target].Passthrough && !unit.Passthrough) continue;
            pasids.Add(new PasidSpec(value, target, Process: false));
        }
        return pasids.ToArray();
    }

    /// <summary>
    /// VTD3013 and VTD7006 by construction. A domain keeps only the windows below 2^MGAW of every
    /// unit serving it (its devices' units, and the unit of each device with a PASID bound to it);
    /// then its devices join in order, each only if every unit serving its domain still gives it one
    /// address limit, min(MGAW, the domain's width) (LANGUAGE.md), and each PASID line of a joining
    /// device only if its domain's units still agree the same way.
    /// </summary>
    private static (DomainSpec[] Domains, DeviceSpec[] Devices) FitGuestWidths(UnitSpec[] units, DomainSpec[] domains, DeviceSpec[] devices)
    {
        var fitted = domains.ToArray();
        for (int d = 0; d < fitted.Length; d++)
        {
            int[] serving = ServingUnits(units, devices, d).ToArray();
            if (fitted[d].Passthrough || serving.Length == 0) continue;
            int narrowest = serving.Min(u => units[u].EffectiveGuestWidth);
            fitted[d] = fitted[d] with { Windows = fitted[d].Windows.Where(w => w.IovaLast >> narrowest == 0).ToArray() };
        }
        var kept = new List<DeviceSpec>();
        foreach (var device in devices)
        {
            var joining = device with { Pasids = Array.Empty<PasidSpec>() };
            if (!OneLimit(units, fitted, device.Domain, kept.Append(joining))) continue;
            foreach (var pasid in device.Pasids)
            {
                var withPasid = joining with { Pasids = joining.Pasids.Append(pasid).ToArray() };
                if (pasid.Process || OneLimit(units, fitted, pasid.Target, kept.Append(withPasid))) joining = withPasid;
            }
            kept.Add(joining);
        }
        return (fitted, kept.ToArray());
    }

    /// <summary>Whether every unit serving domain <paramref name="d"/> gives it the same address limit (a pass-through domain has none).</summary>
    private static bool OneLimit(UnitSpec[] units, DomainSpec[] domains, int d, IEnumerable<DeviceSpec> devices)
    {
        if (domains[d].Passthrough) return true;
        var serving = ServingUnits(units, devices, d).Distinct().Select(u => units[u]).ToArray();
        int width = DomainWidth(domains[d], serving);
        return serving.Select(unit => Math.Min(unit.EffectiveGuestWidth, width)).Distinct().Count() <= 1;
    }

    /// <summary>
    /// The units whose tables lead to domain <paramref name="d"/>: a bound device's own id's and <c>via</c> id's units,
    /// and the unit of a device with a PASID bound to it.
    /// </summary>
    private static IEnumerable<int> ServingUnits(UnitSpec[] units, IEnumerable<DeviceSpec> devices, int d)
    {
        foreach (var device in devices)
        {
            if (device.Domain == d)
            {
                yield return UnitFor(units, device.Source);
                if (device.Via is { } via) yield return UnitFor(units, via);
            }
            else if (device.Pasids.Any(p => !p.Process && p.Target == d))
            {
                yield return UnitFor(units, device.Source);
            }
        }
    }

    /// <summary>A domain's width (LANGUAGE.md): its own, else the smallest width every serving unit supports that covers its windows.</summary>
    private static int DomainWidth(DomainSpec domain, UnitSpec[] serving)
    {
        if (domain.Width is { } width) return width;
        ulong highest = domain.Windows.Length == 0 ? 0 : domain.Windows.Max(w => w.IovaLast);
        return new[] { 39, 48, 57 }.First(bits => serving.All(unit => unit.Widths.Contains(bits)) && highest >> bits == 0);
    }

    private static InterruptSpec[] Interrupts(RawInterrupt[] raw, UnitSpec[] units, DeviceSpec[] devices)
    {
        var interrupts = new List<InterruptSpec>();
        if (devices.Length == 0) return Array.Empty<InterruptSpec>();
        var taken = new HashSet<(int, int)>();
        foreach (var r in raw)
        {
            int device = r.Device % devices.Length;
            var bound = devices[device];
            int unit = UnitFor(units, bound.Via ?? bound.Source);
            if (bound.Name is null || unit < 0 || units[unit].Interrupts == 0) continue;
            int? index = (r.Options & 1) != 0 ? r.Index % units[unit].Interrupts : null;
            if (index is { } explicitIndex && !taken.Add((unit, explicitIndex))) index = null;
            // xAPIC-mode units (no 'x2apic;') address 8-bit destinations only (VTD5009 otherwise).
            uint cpu = units[unit].X2Apic ? r.Cpu : r.Cpu & 0xFF;
            interrupts.Add(new InterruptSpec(device, 0x10 + r.Vector, cpu, index, (r.Options & 2) != 0, (r.Options & 4) != 0));
        }
        return interrupts.ToArray();
    }

    /// <summary>LANGUAGE.md's rule: a unit whose scope lists the id, else the segment's first <c>scope all</c> unit.</summary>
    public static int UnitFor(UnitSpec[] units, Pci pci)
    {
        int all = -1;
        for (int i = 0; i < units.Length; i++)
        {
            if (units[i].Segment != pci.Segment) continue;
            if (units[i].Scope is null)
            {
                if (all < 0) all = i;
                continue;
            }
            if (units[i].Serves(pci)) return i;
        }
        return all;
    }
}

/// <summary>A generated spec with what the compiler made of it.</summary>
public sealed record GeneratedPolicy(PolicySpec Spec, CompilationResult Result)
{
    public string Text => Spec.Render();

    public override string ToString() => Text;
}
