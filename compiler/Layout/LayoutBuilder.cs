using System.Collections.Generic;
using System.Threading;
using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Compiler.Layout;

/// <summary>
/// Lays a checked policy out as <see cref="PolicyLayout"/>: scope ranges, a 256-entry root
/// table per unit, a 256-entry context table per bus in use, domains with their windows
/// sorted by DMA address, and interrupts sorted by unit and index. Each lookup is then an
/// array index or a binary search.
/// </summary>
public static class LayoutBuilder
{
    public static PolicyLayout Build(Policy policy, CancellationToken cancellationToken = default)
    {
        var (scopeFirst, scopeLast, scopeUnit) = ScopeRanges(policy, cancellationToken);
        var (rootEntries, contextEntries, contextFlags) = ContextTables(policy, cancellationToken);
        var (domains, windows, tree, treeLevels) = DomainsAndWindows(policy, cancellationToken);
        var interrupts = Interrupts(policy, cancellationToken);
        var pasids = Pasids(policy);

        var unitSegment = new ushort[policy.Units.Count];
        var unitCapabilities = new byte[policy.Units.Count];
        var unitInterruptEntries = new int[policy.Units.Count];
        var unitPasidBits = new byte[policy.Units.Count];
        for (int u = 0; u < policy.Units.Count; u++)
        {
            var unit = policy.Units[u];
            unitSegment[u] = unit.Segment;
            unitCapabilities[u] = Capabilities(unit);
            unitInterruptEntries[u] = unit.InterruptEntries;
            unitPasidBits[u] = unit.Mode == TranslationMode.Scalable ? (byte)unit.PasidBits : (byte)0;
        }

        return new PolicyLayout
        {
            PolicyName = policy.FullName,
            ScopeFirst = Wrap(scopeFirst),
            ScopeLast = Wrap(scopeLast),
            ScopeUnit = Wrap(scopeUnit),
            UnitSegment = Wrap(unitSegment),
            UnitCapabilities = Wrap(unitCapabilities),
            UnitInterruptEntries = Wrap(unitInterruptEntries),
            UnitInterruptStart = Wrap(interrupts.UnitStart),
            RootEntries = Wrap(rootEntries),
            ContextEntries = Wrap(contextEntries),
            ContextFlags = Wrap(contextFlags),
            Domains = Wrap(domains),
            Windows = Wrap(windows),
            WindowTree = Wrap(tree),
            TreeLevels = treeLevels,
            InterruptIndex = Wrap(interrupts.Index),
            InterruptSource = Wrap(interrupts.Source),
            InterruptVector = Wrap(interrupts.Vector),
            InterruptDestination = Wrap(interrupts.Destination),
            InterruptFlags = Wrap(interrupts.Flags),
            UnitPasidBits = Wrap(unitPasidBits),
            PasidOwner = Wrap(pasids.Owner),
            PasidOwnerStart = Wrap(pasids.OwnerStart),
            PasidValue = Wrap(pasids.Value),
            PasidTarget = Wrap(pasids.Target),
            PasidFlags = Wrap(pasids.Flags),
            ProcessDomainId = Wrap(ProcessDomainIds(policy)),
        };
    }

    private static EquatableArray<T> Wrap<T>(T[] items) where T : System.IEquatable<T> => new(items);

    private static byte Capabilities(IommuUnit unit)
    {
        byte caps = 0;
        if ((unit.Widths & AddressWidths.Bits39) != 0) caps |= TableSchema.Capability.Width39;
        if ((unit.Widths & AddressWidths.Bits48) != 0) caps |= TableSchema.Capability.Width48;
        if ((unit.Widths & AddressWidths.Bits57) != 0) caps |= TableSchema.Capability.Width57;
        if ((unit.Superpages & Superpages.TwoMiB) != 0) caps |= TableSchema.Capability.Superpage2M;
        if ((unit.Superpages & Superpages.OneGiB) != 0) caps |= TableSchema.Capability.Superpage1G;
        if (unit.SupportsPassthrough) caps |= TableSchema.Capability.PassThrough;
        if (unit.Mode == TranslationMode.Scalable) caps |= TableSchema.Capability.ScalableMode;
        if (!unit.X2Apic) caps |= TableSchema.Capability.XApicInterrupts;
        return caps;
    }

    /// <summary>
    /// The source-id space split at every scope boundary, each piece with the unit the binder's
    /// rule gives it (the same <see cref="ScopeIndex"/> that resolved each device's unit),
    /// neighbours of one unit merged.
    /// </summary>
    private static (uint[] First, uint[] Last, byte[] Unit) ScopeRanges(Policy policy, CancellationToken cancellationToken)
    {
        var index = new ScopeIndex(policy.Units, cancellationToken);
        var owner = new byte[index.Unit.Length];
        for (int i = 0; i < owner.Length; i++) owner[i] = (byte)index.Unit[i];
        return (index.First, index.Last, owner);
    }

    private static (ushort[] Root, ushort[] Context, byte[] Flags) ContextTables(Policy policy, CancellationToken cancellationToken)
    {
        // (unit, key) -> (domain + 1, flags); the first binding of an id wins (later ones are errors or agree).
        var bindings = new SortedDictionary<(int Unit, uint Key), (ushort Entry, byte Flags)>();
        foreach (var device in policy.Devices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = (ushort)(device.DomainIndex + 1);
            var flags = device.Ats ? TableSchema.Context.DeviceTlb : (byte)0;
            if (!bindings.ContainsKey((device.UnitIndex, device.Source.Key)))
            {
                bindings.Add((device.UnitIndex, device.Source.Key), (entry, flags));
            }
            if (device.Via is { } via && !bindings.ContainsKey((device.ViaUnitIndex, via.Key)))
            {
                bindings.Add((device.ViaUnitIndex, via.Key), (entry, 0));
            }
        }
        var root = new ushort[policy.Units.Count * 256];
        var tables = new Dictionary<(int Unit, int Bus), int>();
        foreach (var (unit, key) in bindings.Keys)
        {
            int bus = (int)(key >> 8) & 0xFF;
            if (!tables.ContainsKey((unit, bus)))
            {
                tables.Add((unit, bus), tables.Count);
                root[unit * 256 + bus] = (ushort)tables.Count;
            }
        }
        var context = new ushort[tables.Count * 256];
        var contextFlags = new byte[tables.Count * 256];
        foreach (var binding in bindings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (unit, key) = binding.Key;
            int table = tables[(unit, (int)(key >> 8) & 0xFF)];
            int slot = table * 256 + (int)(key & 0xFF);
            context[slot] = binding.Value.Entry;
            contextFlags[slot] = binding.Value.Flags;
        }
        return (root, context, contextFlags);
    }

    /// <summary>
    /// Each domain as a <see cref="TableSchema.DomainRecord"/>, its windows sorted by DMA address as
    /// <see cref="TableSchema.WindowRecord"/>s, and the search tree over them (<see cref="TableSchema.Tree"/>:
    /// its root in the domain record, its nodes in the tree table), every domain's as deep as the largest domain's.
    /// </summary>
    private static (ulong[] Domains, ulong[] Windows, ulong[] Tree, int TreeLevels) DomainsAndWindows(Policy policy, CancellationToken cancellationToken)
    {
        int total = 0, most = 0;
        foreach (var domain in policy.Domains)
        {
            total += domain.Windows.Count;
            if (domain.Windows.Count > most) most = domain.Windows.Count;
        }
        int levels = TableSchema.Tree.Levels(most);
        var domains = new ulong[policy.Domains.Count * TableSchema.DomainRecord.Words];
        var windows = new ulong[total * TableSchema.WindowRecord.Words];
        var tree = new List<ulong>();
        var root = new ulong[1 + TableSchema.DomainRecord.RootKeys];
        int at = 0;
        var limits = GuestAddressLimits.Of(policy);
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var domain = policy.Domains[d];
            var sorted = domain.Windows.ToArray();
            System.Array.Sort(sorted, (a, b) => a.Iova.CompareTo(b.Iova));
            for (int w = 0; w < sorted.Length; w++)
            {
                var window = sorted[w];
                int word = (at + w) * TableSchema.WindowRecord.Words;
                windows[word + TableSchema.WindowRecord.Iova] = window.Iova;
                windows[word + TableSchema.WindowRecord.Last] = window.IovaLast;
                windows[word + TableSchema.WindowRecord.Host] = window.HostAddress;
                windows[word + TableSchema.WindowRecord.Rights] = (byte)(((window.Rights & Rights.Read) != 0 ? TableSchema.Rights.Read : 0)
                    | ((window.Rights & Rights.Write) != 0 ? TableSchema.Rights.Write : 0)
                    | (window.Shared ? TableSchema.Rights.Shared : 0));
            }

            TableSchema.Tree.Build(sorted.Length, i => sorted[i].Iova, at, levels, tree, root);

            int record = d * TableSchema.DomainRecord.Words;
            domains[record] = TableSchema.DomainRecord.Word0(at, sorted.Length);
            domains[record + 1] = TableSchema.DomainRecord.Word1(
                (int)root[0], domain.Id, (byte)limits[d], domain.IsPassthrough ? TableSchema.Domain.PassThrough : (byte)0);
            for (int key = 1; key <= TableSchema.DomainRecord.RootKeys; key++) domains[record + TableSchema.DomainRecord.FirstKeyWord - 1 + key] = root[key];
            at += sorted.Length;
        }
        return (domains, windows, tree.ToArray(), levels);
    }

    private static (uint[] Owner, int[] OwnerStart, uint[] Value, ushort[] Target, byte[] Flags) Pasids(Policy policy)
    {
        var owners = new SortedDictionary<uint, Device>();
        foreach (var device in policy.Devices)
        {
            if (device.Pasids.Count > 0 && !owners.ContainsKey(device.Source.Key)) owners.Add(device.Source.Key, device);
        }
        var owner = new uint[owners.Count];
        var start = new int[owners.Count + 1];
        var value = new List<uint>();
        var target = new List<ushort>();
        var flags = new List<byte>();
        int at = 0;
        foreach (var entry in owners)
        {
            owner[at] = entry.Key;
            start[at++] = value.Count;
            var bindings = entry.Value.Pasids.ToArray();
            System.Array.Sort(bindings, (a, b) => a.Pasid.CompareTo(b.Pasid));
            foreach (var binding in bindings)
            {
                value.Add((uint)binding.Pasid);
                target.Add((ushort)binding.TargetIndex);
                flags.Add(binding.Kind == PasidTargetKind.Process ? TableSchema.Pasid.Process : (byte)0);
            }
        }
        start[owners.Count] = value.Count;
        return (owner, start, value.ToArray(), target.ToArray(), flags.ToArray());
    }

    private static ushort[] ProcessDomainIds(Policy policy)
    {
        var ids = new ushort[policy.Processes.Count];
        for (int p = 0; p < ids.Length; p++) ids[p] = policy.Processes[p].DomainId;
        return ids;
    }

    private sealed class InterruptArrays
    {
        public int[] UnitStart = System.Array.Empty<int>();
        public ushort[] Index = System.Array.Empty<ushort>();
        public ushort[] Source = System.Array.Empty<ushort>();
        public byte[] Vector = System.Array.Empty<byte>();
        public uint[] Destination = System.Array.Empty<uint>();
        public byte[] Flags = System.Array.Empty<byte>();
    }

    private static InterruptArrays Interrupts(Policy policy, CancellationToken cancellationToken)
    {
        var sorted = new List<Interrupt>(policy.Interrupts);
        sorted.Sort((a, b) => a.UnitIndex != b.UnitIndex ? a.UnitIndex.CompareTo(b.UnitIndex) : a.Index.CompareTo(b.Index));
        var arrays = new InterruptArrays
        {
            UnitStart = new int[policy.Units.Count + 1],
            Index = new ushort[sorted.Count],
            Source = new ushort[sorted.Count],
            Vector = new byte[sorted.Count],
            Destination = new uint[sorted.Count],
            Flags = new byte[sorted.Count],
        };
        int at = 0;
        for (int u = 0; u < policy.Units.Count; u++)
        {
            arrays.UnitStart[u] = at;
            while (at < sorted.Count && sorted[at].UnitIndex == u)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var interrupt = sorted[at];
                arrays.Index[at] = (ushort)interrupt.Index;
                arrays.Source[at] = policy.Devices[interrupt.DeviceIndex].RequestSource.RequesterId;
                arrays.Vector[at] = (byte)interrupt.Vector;
                arrays.Destination[at] = (uint)interrupt.Cpu;
                arrays.Flags[at] = (byte)((interrupt.Trigger == InterruptTrigger.Level ? TableSchema.Interrupt.LevelTriggered : 0)
                    | (interrupt.Mode == InterruptDeliveryMode.LowestPriority ? TableSchema.Interrupt.LowestPriority : 0));
                at++;
            }
        }
        arrays.UnitStart[policy.Units.Count] = at;
        return arrays;
    }
}
