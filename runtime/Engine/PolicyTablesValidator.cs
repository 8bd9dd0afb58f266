using System;

namespace VtdDsl;

/// <summary>Checks that a policy's tables have consistent shapes and point only at things that exist.</summary>
public static class PolicyTablesValidator
{
    /// <summary>The smallest address limit: a guest address width of 21 bits (one page-table level above the page offset).</summary>
    public const int MinAddressLimit = 21;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistency found.</summary>
    public static void Validate<T>(in T tables) where T : struct, IPolicyTables
    {
        if (tables.PolicyName is null) Fail("PolicyName is null.");

        int units = tables.UnitSegment.Length;
        SameLength(units, tables.UnitCapabilities.Length, "UnitCapabilities", "UnitSegment (one per unit)");
        SameLength(units, tables.UnitInterruptEntries.Length, "UnitInterruptEntries", "UnitSegment (one per unit)");
        SameLength(units * 256, tables.RootEntries.Length, "RootEntries", "256 per unit");

        int contextEntries = tables.ContextEntries.Length;
        if (contextEntries % 256 != 0) Fail($"ContextEntries has {contextEntries} entries, not a multiple of 256 (one context table is 256 entries).");
        int contextTables = contextEntries / 256;
        SameLength(contextEntries, tables.ContextFlags.Length, "ContextFlags", "ContextEntries");

        int domains = tables.Domains.Length;

        int interrupts = tables.InterruptIndex.Length;
        SameLength(interrupts, tables.InterruptSource.Length, "InterruptSource", "InterruptIndex (one per interrupt)");
        SameLength(interrupts, tables.InterruptVector.Length, "InterruptVector", "InterruptIndex (one per interrupt)");
        SameLength(interrupts, tables.InterruptDestination.Length, "InterruptDestination", "InterruptIndex (one per interrupt)");
        SameLength(interrupts, tables.InterruptFlags.Length, "InterruptFlags", "InterruptIndex (one per interrupt)");

        CheckCsr(tables.UnitInterruptStart, units, interrupts, "UnitInterruptStart", "unit", "InterruptIndex");

        CheckScopes(in tables, units);

        ReadOnlySpan<ushort> root = tables.RootEntries;
        for (int i = 0; i < root.Length; i++)
        {
            if (root[i] > contextTables)
                Fail($"RootEntries[{i}] (unit {i / 256}, bus 0x{i % 256:x2}) = {root[i]} names context table {root[i] - 1}, but there are {contextTables}.");
        }

        ReadOnlySpan<ushort> context = tables.ContextEntries;
        for (int i = 0; i < context.Length; i++)
        {
            if (context[i] > domains)
                Fail($"ContextEntries[{i}] (context table {i / 256}, devfn 0x{i % 256:x2}) = {context[i]} names domain {context[i] - 1}, but there are {domains}.");
        }

        CheckDomains(in tables, domains);
        CheckInterrupts(in tables, units);
    }

    private static void CheckScopes<T>(in T tables, int units) where T : struct, IPolicyTables
    {
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        ReadOnlySpan<uint> last = tables.ScopeLast;
        ReadOnlySpan<byte> unit = tables.ScopeUnit;
        SameLength(first.Length, last.Length, "ScopeLast", "ScopeFirst (one per scope range)");
        SameLength(first.Length, unit.Length, "ScopeUnit", "ScopeFirst (one per scope range)");
        ReadOnlySpan<ushort> segments = tables.UnitSegment;
        for (int i = 0; i < first.Length; i++)
        {
            if (first[i] > last[i]) Fail($"Scope range {i} starts at 0x{first[i]:x} after its end 0x{last[i]:x}.");
            if (i > 0 && first[i] <= last[i - 1]) Fail($"Scope range {i} (from 0x{first[i]:x}) is not sorted after, or overlaps, range {i - 1} (to 0x{last[i - 1]:x}).");
            if (unit[i] >= units) Fail($"Scope range {i} names unit {unit[i]}, but there are {units}.");
            if (first[i] >> 16 != segments[unit[i]] || last[i] >> 16 != segments[unit[i]])
                Fail($"Scope range {i} (0x{first[i]:x}..0x{last[i]:x}) leaves segment {segments[unit[i]]:x4} of unit {unit[i]}.");
        }
    }

    private static void CheckDomains<T>(in T tables, int domains) where T : struct, IPolicyTables
    {
        ReadOnlySpan<DomainRecord> records = tables.Domains;
        ReadOnlySpan<WindowRecord> windows = tables.Windows;
        int nextWindow = 0;
        int most = 0;
        for (int d = 0; d < domains; d++)
        {
            DomainRecord record = records[d];
            int width = record.Width;
            // 39, 48 or 57, or a guest address width (CAP.MGAW) below them.
            if (width is < MinAddressLimit or > 57) Fail($"Domain {d} has address width {width}; widths are {MinAddressLimit} to 57 bits.");
            if ((record.Flags & ~DomainFlags.PassThrough) != 0) Fail($"Domain {d} has flags 0x{record.Flags:x2}; only bit 0 (pass-through) is defined.");
            if (record.IsPassThrough && record.WindowCount > 0) Fail($"Domain {d} is pass-through but has windows.");
            if (record.WindowStart != nextWindow || record.WindowCount < 0 || record.WindowCount > windows.Length - nextWindow)
                Fail($"Domain {d} has windows {record.WindowStart}+{record.WindowCount}; expected them to start at {nextWindow} and to lie within the {windows.Length} windows.");
            int start = record.WindowStart;
            int end = start + record.WindowCount;
            for (int w = start; w < end; w++)
            {
                WindowRecord window = windows[w];
                if (window.Iova > window.Last) Fail($"Window {w} of domain {d} starts at 0x{window.Iova:x} after its end 0x{window.Last:x}.");
                if (window.Last - window.Iova > ulong.MaxValue - window.Host) Fail($"Window {w} of domain {d} targets host memory from 0x{window.Host:x} beyond 2^64.");
                if (w > start && window.Iova <= windows[w - 1].Last)
                    Fail($"Window {w} of domain {d} (from 0x{window.Iova:x}) is not sorted after, or overlaps, window {w - 1} (to 0x{windows[w - 1].Last:x}).");
            }
            nextWindow = end;
            most = Math.Max(most, record.WindowCount);
        }
        if (nextWindow != windows.Length) Fail($"The domains' windows end at {nextWindow}, but Windows has {windows.Length} entries.");
        CheckTrees(in tables, domains, most);
    }

    /// <summary>
    /// Every domain's window tree is the one <c>TableSchema.Tree</c> builds over its windows, with the
    /// node levels <see cref="IPolicyTables.TreeLevels"/> says: the engine follows it without a search
    /// and trusts its last step to name the only window an address can be in.
    /// </summary>
    private static void CheckTrees<T>(in T tables, int domains, int mostWindows) where T : struct, IPolicyTables
    {
        int levels = tables.TreeLevels;
        if (levels < TableSchema.Tree.Levels(mostWindows) || levels > MaxTreeLevels)
            Fail($"TreeLevels is {levels}; the largest domain's {mostWindows} windows need {TableSchema.Tree.Levels(mostWindows)} to {MaxTreeLevels}.");
        ReadOnlySpan<DomainRecord> records = tables.Domains;
        ReadOnlySpan<WindowRecord> windows = tables.Windows;
        ReadOnlySpan<TreeNode> nodes = tables.WindowTree;
        var expected = new System.Collections.Generic.List<ulong>();
        var root = new ulong[1 + TableSchema.DomainRecord.RootKeys];
        for (int d = 0; d < domains; d++)
        {
            DomainRecord record = records[d];
            var own = windows.Slice(record.WindowStart, record.WindowCount).ToArray();
            TableSchema.Tree.Build(own.Length, w => own[w].Iova, record.WindowStart, levels, expected, root);
            if (record.RootChild != (int)root[0]) Fail($"Domain {d}'s tree root names child {record.RootChild} first; expected {root[0]}.");
            for (int key = 1; key <= TableSchema.DomainRecord.RootKeys; key++)
            {
                if (record.RootKey(key) != root[key]) Fail($"Domain {d}'s tree root key {key} is 0x{record.RootKey(key):x}; expected 0x{root[key]:x}.");
            }
        }
        int count = expected.Count / TableSchema.TreeNode.Words;
        if (nodes.Length != count) Fail($"WindowTree has {nodes.Length} nodes; the domains' windows need {count}.");
        ReadOnlySpan<TreeNode> want = System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, TreeNode>(expected.ToArray());
        for (int n = 0; n < count; n++)
        {
            if (!nodes[n].Equals(want[n])) Fail($"WindowTree[{n}] is ({nodes[n]}); expected ({want[n]}).");
        }
    }

    /// <summary>Tree levels the validator accepts at most (8^11 windows is beyond any table's size).</summary>
    private const int MaxTreeLevels = 11;

    private static void CheckInterrupts<T>(in T tables, int units) where T : struct, IPolicyTables
    {
        ReadOnlySpan<int> start = tables.UnitInterruptStart;
        ReadOnlySpan<ushort> index = tables.InterruptIndex;
        for (int u = 0; u < units; u++)
        {
            int entries = tables.UnitInterruptEntries[u];
            if (entries is < 0 or > 65536) Fail($"Unit {u} has {entries} interrupt entries; a table has 0 to 65536.");
            for (int i = start[u]; i < start[u + 1]; i++)
            {
                if (index[i] >= entries) Fail($"Interrupt {i} has index {index[i]}, not below unit {u}'s {entries} entries.");
                if (i > start[u] && index[i] <= index[i - 1]) Fail($"Interrupt {i} (index {index[i]}) is not sorted after interrupt {i - 1} (index {index[i - 1]}) of unit {u}.");
            }
        }
    }

    private static void CheckCsr(ReadOnlySpan<int> starts, int count, int items, string name, string owner, string itemArray)
    {
        if (starts.Length != count + 1) Fail($"{name} has {starts.Length} entries; expected {count + 1} (one per {owner}, plus the end).");
        if (starts[0] != 0) Fail($"{name}[0] is {starts[0]}; expected 0.");
        for (int i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1]) Fail($"{name} decreases at {i} ({starts[i - 1]} then {starts[i]}).");
        }
        if (starts[count] != items) Fail($"{name} ends at {starts[count]}, but {itemArray} has {items} entries.");
    }

    private static void SameLength(int expected, int actual, string name, string what)
    {
        if (expected != actual) Fail($"{name} has {actual} entries; expected {expected}, matching {what}.");
    }

    private static void Fail(string message) => throw new ArgumentException(message, "tables");
}
