using System;
using System.Collections.Generic;
using System.Linq;

namespace VtdDsl.Tests.Runtime;

/// <summary>Builds <see cref="ArrayPolicyTables"/> by hand for tests: units, domains, windows, devices, interrupts.</summary>
internal sealed class PolicyBuilder
{
    public const byte AllCapabilities = UnitCapabilities.Width39 | UnitCapabilities.Width48 | UnitCapabilities.Width57
        | UnitCapabilities.Superpage2M | UnitCapabilities.Superpage1G | UnitCapabilities.PassThrough;

    private readonly List<(ushort Segment, byte Capabilities, int Interrupts)> _units = [];
    private readonly List<(uint First, uint Last, int Unit)> _scopes = [];
    private readonly List<(ushort Id, byte Width, bool PassThrough)> _domains = [];
    private readonly List<(int Domain, ulong Iova, ulong Last, ulong Host, byte Rights)> _windows = [];
    private readonly List<(SourceId Source, int Domain, bool Ats)> _devices = [];
    private readonly List<(SourceId Source, int Index, byte Vector, uint Destination, byte Flags)> _interrupts = [];

    public string Name { get; set; } = "Tests.Runtime.Policy";

    /// <summary>A unit; without scope ranges it serves its whole segment.</summary>
    public int Unit(ushort segment = 0, byte capabilities = AllCapabilities, int interrupts = 256, params (string First, string Last)[] scope)
    {
        int unit = _units.Count;
        _units.Add((segment, capabilities, interrupts));
        if (scope.Length == 0) _scopes.Add(((uint)segment << 16, (uint)segment << 16 | 0xFFFF, unit));
        foreach (var (first, last) in scope) _scopes.Add((SourceId.Parse(first).Value, SourceId.Parse(last).Value, unit));
        return unit;
    }

    public int Domain(ushort id, int width = 39, bool passThrough = false)
    {
        _domains.Add((id, (byte)width, passThrough));
        return _domains.Count - 1;
    }

    public PolicyBuilder Map(int domain, ulong iova, ulong size, ulong host, DmaAccess rights)
    {
        _windows.Add((domain, iova, iova + (size - 1), host, (byte)rights));
        return this;
    }

    public PolicyBuilder Identity(int domain, ulong address, ulong size, DmaAccess rights) => Map(domain, address, size, address, rights);

    public PolicyBuilder Device(string source, int domain, bool ats = false)
    {
        _devices.Add((SourceId.Parse(source), domain, ats));
        return this;
    }

    public PolicyBuilder Interrupt(string source, int index, byte vector, uint cpu, byte flags = 0)
    {
        _interrupts.Add((SourceId.Parse(source), index, vector, cpu, flags));
        return this;
    }

    public ArrayPolicyTables Build()
    {
        if (_units.Count == 0) Unit();
        var scopes = _scopes.OrderBy(s => s.First).ToArray();

        int UnitOf(SourceId source) =>
            scopes.First(s => source.Value >= s.First && source.Value <= s.Last).Unit;

        var rootEntries = new ushort[_units.Count * 256];
        var contextTables = new List<(int Unit, int Bus)>();
        foreach (var (unit, bus) in _devices.Select(d => (UnitOf(d.Source), (int)d.Source.Bus)).Distinct().OrderBy(x => x.Item1).ThenBy(x => x.Item2))
        {
            contextTables.Add((unit, bus));
            rootEntries[unit * 256 + bus] = (ushort)contextTables.Count;
        }
        var contextEntries = new ushort[contextTables.Count * 256];
        var contextFlags = new byte[contextTables.Count * 256];
        foreach (var (source, domain, ats) in _devices)
        {
            int table = rootEntries[UnitOf(source) * 256 + source.Bus] - 1;
            contextEntries[table * 256 + (source.RequesterId & 0xFF)] = (ushort)(domain + 1);
            contextFlags[table * 256 + (source.RequesterId & 0xFF)] = ats ? ContextFlags.DeviceTlb : (byte)0;
        }

        var windows = _windows.OrderBy(w => w.Domain).ThenBy(w => w.Iova).ToArray();
        var (domains, tree, treeLevels) = WindowIndex.Build(
            _domains.Select((d, i) => new WindowIndex.Domain(d.Id, d.Width, d.PassThrough ? DomainFlags.PassThrough : (byte)0, windows.Count(w => w.Domain == i))).ToArray(),
            windows.Select(w => new WindowRecord(w.Iova, w.Last, w.Host, w.Rights)).ToArray());

        var interrupts = _interrupts.Select(i => (Unit: UnitOf(i.Source), i)).OrderBy(x => x.Unit).ThenBy(x => x.i.Index).ToArray();
        var unitInterruptStart = new int[_units.Count + 1];
        for (int u = 0; u < _units.Count; u++) unitInterruptStart[u + 1] = unitInterruptStart[u] + interrupts.Count(x => x.Unit == u);

        return new ArrayPolicyTables(new PolicyTableArrays
        {
            PolicyName = Name,
            ScopeFirst = scopes.Select(s => s.First).ToArray(),
            ScopeLast = scopes.Select(s => s.Last).ToArray(),
            ScopeUnit = scopes.Select(s => (byte)s.Unit).ToArray(),
            UnitSegment = _units.Select(u => u.Segment).ToArray(),
            UnitCapabilities = _units.Select(u => u.Capabilities).ToArray(),
            UnitInterruptEntries = _units.Select(u => u.Interrupts).ToArray(),
            UnitInterruptStart = unitInterruptStart,
            RootEntries = rootEntries,
            ContextEntries = contextEntries,
            ContextFlags = contextFlags,
            Domains = domains,
            Windows = windows.Select(w => new WindowRecord(w.Iova, w.Last, w.Host, w.Rights)).ToArray(),
            WindowTree = tree,
            TreeLevels = treeLevels,
            InterruptIndex = interrupts.Select(x => (ushort)x.i.Index).ToArray(),
            InterruptSource = interrupts.Select(x => x.i.Source.RequesterId).ToArray(),
            InterruptVector = interrupts.Select(x => x.i.Vector).ToArray(),
            InterruptDestination = interrupts.Select(x => x.i.Destination).ToArray(),
            InterruptFlags = interrupts.Select(x => x.i.Flags).ToArray(),
        });
    }
}

/// <summary>The hand-built policies the runtime tests share.</summary>
internal static class Policies
{
    public const ulong GiB = 1UL << 30;
    public const ulong MiB = 1UL << 20;
    public const ulong KiB = 1UL << 10;

    /// <summary>
    /// LANGUAGE.md's two-VM host, plus: a W-only and an R-only window in vm2 adjacent to its
    /// RW windows, a window ending at 2^39 − 1 in host, and a pass-through domain.
    /// </summary>
    public static ArrayPolicyTables TwoVm()
    {
        var b = new PolicyBuilder { Name = "Contoso.Hypervisor.TwoVmHost" };
        b.Unit(capabilities: UnitCapabilities.Width39 | UnitCapabilities.Width48 | UnitCapabilities.Superpage2M
            | UnitCapabilities.Superpage1G | UnitCapabilities.PassThrough);
        int host = b.Domain(1);
        int vm1 = b.Domain(2);
        int vm2 = b.Domain(3, width: 48);
        int pt = b.Domain(4, width: 48, passThrough: true);
        b.Identity(host, 0, 16 * MiB, DmaAccess.ReadWrite)
            .Identity(host, 0x200_0000, 3552 * MiB, DmaAccess.ReadWrite)
            .Identity(host, (1UL << 39) - 4 * KiB, 4 * KiB, DmaAccess.ReadWrite);
        b.Map(vm1, 0, 2 * GiB, 0x1_0000_0000, DmaAccess.ReadWrite)
            .Map(vm1, 0xFE00_0000, 4 * KiB, 0xE000_0000, DmaAccess.Read);
        b.Map(vm2, 0, 2 * GiB, 0x1_8000_0000, DmaAccess.ReadWrite)
            .Map(vm2, 0x8000_0000, 16 * MiB, 0x2_0000_0000, DmaAccess.ReadWrite)
            .Map(vm2, 0x8100_0000, 4 * KiB, 0x3_0000_0000, DmaAccess.Read)
            .Map(vm2, 0x9000_0000, 4 * KiB, 0x3_0000_1000, DmaAccess.Write)
            .Map(vm2, 0x1234_5600_0000, 6 * MiB, 0x4_0020_0000, DmaAccess.ReadWrite);
        b.Device("03:00.0", vm1)
            .Device("0000:03:10.1", vm2, ats: true)
            .Device("00:14.0", host)
            .Device("06:01.0", vm1)
            .Device("05:00.0", vm1)
            .Device("07:00.0", pt);
        b.Interrupt("03:00.0", 0, 0x41, 2)
            .Interrupt("03:10.1", 7, 0x42, 3, InterruptFlags.LevelTriggered | InterruptFlags.LowestPriority);
        return b.Build();
    }

    /// <summary>Two units on two segments, a 57-bit domain, superpages only on one unit, a domain shared by both units.</summary>
    public static ArrayPolicyTables TwoUnits()
    {
        var b = new PolicyBuilder { Name = "Tests.TwoUnits" };
        b.Unit(0, UnitCapabilities.Width39 | UnitCapabilities.Width57 | UnitCapabilities.Superpage2M | UnitCapabilities.PassThrough, 64,
            ("00:00.0", "7f:1f.7"));
        b.Unit(0, UnitCapabilities.Width39 | UnitCapabilities.Width48, 0, ("80:00.0", "ff:1f.7"));
        b.Unit(1, UnitCapabilities.Width39 | UnitCapabilities.Width48 | UnitCapabilities.Superpage1G | UnitCapabilities.Superpage2M, 2);
        int shared = b.Domain(10);
        int wide = b.Domain(11, width: 57);
        int big = b.Domain(12, width: 48);
        b.Map(shared, 0x1000, 12 * KiB, 0x9000_0000, DmaAccess.ReadWrite)
            .Map(shared, 0x40_0000, 4 * MiB, 0x80_0000, DmaAccess.Read)
            .Map(shared, 0x80_0000, 2 * MiB + 4 * KiB, 0x1_0000_0000, DmaAccess.Write);
        b.Map(wide, 0x1_0000_0000_0000, 2 * MiB, 0x20_0000, DmaAccess.ReadWrite)
            .Map(wide, 0x1F0_0000_0000_0000, 8 * KiB, 0x5000, DmaAccess.Read);
        b.Map(big, 0, 3 * GiB, 0, DmaAccess.ReadWrite)
            .Map(big, 0x7F_C000_0000, GiB + 2 * MiB, 0x1_4000_0000, DmaAccess.Read);
        b.Device("00:01.0", shared).Device("00:01.1", shared).Device("10:00.0", wide)
            .Device("80:02.0", shared).Device("0001:00:03.0", big).Device("0001:40:00.0", shared);
        b.Interrupt("00:01.0", 63, 0x50, 0).Interrupt("0001:00:03.0", 1, 0xFE, 0xFFFF_FFFF, InterruptFlags.LevelTriggered);
        return b.Build();
    }
}
