using System;

namespace VtdDsl.Tests.Runtime;

public class ArrayPolicyTablesTests
{
    private static readonly WindowRecord[] TwoWindows = [new(0x0, 0xFFF, 0x1000, 3), new(0x2000, 0x2FFF, 0x5000, 1)];

    private static ArrayPolicyTables Make(
        uint[]? scopeFirst = null, byte[]? scopeUnit = null, ushort[]? rootEntries = null, ushort[]? contextEntries = null,
        byte domainWidth = 39, WindowRecord[]? windows = null, Func<DomainRecord, DomainRecord>? domain = null, TreeNode[]? tree = null, int? treeLevels = null,
        ushort[]? interruptIndex = null)
    {
        var own = windows ?? TwoWindows;
        var (domains, index, levels) = WindowIndex.Build([new WindowIndex.Domain(1, 39, 0, own.Length)], own);
        var record = domains[0];
        domains[0] = With(record, width: domainWidth);
        if (domain is not null) domains[0] = domain(domains[0]);
        return new(new PolicyTableArrays
        {
            PolicyName = "T",
            ScopeFirst = scopeFirst ?? [0],
            ScopeLast = [0xFFFF],
            ScopeUnit = scopeUnit ?? [0],
            UnitSegment = [0],
            UnitCapabilities = [UnitCapabilities.Width39],
            UnitInterruptEntries = [16],
            UnitInterruptStart = [0, 1],
            RootEntries = rootEntries ?? Root(),
            ContextEntries = contextEntries ?? Context(),
            ContextFlags = new byte[256],
            Domains = domains,
            Windows = own,
            WindowTree = tree ?? index,
            TreeLevels = treeLevels ?? levels,
            InterruptIndex = interruptIndex ?? [3],
            InterruptSource = [0x0100],
            InterruptVector = [0x40],
            InterruptDestination = [0],
            InterruptFlags = [0],
        });
    }

    private static ushort[] Root() { var r = new ushort[256]; r[1] = 1; return r; }
    private static ushort[] Context() { var c = new ushort[256]; c[0] = 1; return c; }

    private static DomainRecord With(DomainRecord d, byte? width = null, int? windowCount = null, int? rootChild = null, ulong? key1 = null) =>
        new(d.Id, width ?? d.Width, d.Flags, d.WindowStart, windowCount ?? d.WindowCount, rootChild ?? d.RootChild,
            [key1 ?? d.RootKey(1), d.RootKey(2), d.RootKey(3), d.RootKey(4), d.RootKey(5), d.RootKey(6)]);

    [Fact]
    public void Valid_tables_feed_the_engine()
    {
        var tables = Make();
        Assert.Equal("T", tables.PolicyName);
        Assert.Equal(DmaTranslation.Allowed(0x2010, 0x5010, 1), PolicyEngine.Translate(tables, SourceId.Parse("01:00.0"), 0x2010, DmaAccess.Read));
        Assert.Equal(tables.Windows.ToArray(), ArrayPolicyTables.CopyFrom(tables).Windows.ToArray());
    }

    [Fact]
    public void Inconsistent_tables_are_rejected_with_a_message_naming_the_problem()
    {
        Assert.Contains("RootEntries has 255", Assert.Throws<ArgumentException>(() => Make(rootEntries: new ushort[255])).Message);
        Assert.Contains("multiple of 256", Assert.Throws<ArgumentException>(() => Make(contextEntries: new ushort[300])).Message);
        Assert.Contains("names context table", Assert.Throws<ArgumentException>(() => Make(rootEntries: [.. new ushort[255], 2])).Message);
        Assert.Contains("names domain", Assert.Throws<ArgumentException>(() => Make(contextEntries: [5, .. new ushort[255]])).Message);
        Assert.Contains("names unit", Assert.Throws<ArgumentException>(() => Make(scopeUnit: [1])).Message);
        Assert.Contains("width 58", Assert.Throws<ArgumentException>(() => Make(domainWidth: 58)).Message);
        Assert.Contains("width 20", Assert.Throws<ArgumentException>(() => Make(domainWidth: 20)).Message);
        Assert.Contains("windows end at 1", Assert.Throws<ArgumentException>(() => Make(domain: d => With(d, windowCount: 1))).Message);
        Assert.Contains("names child 1 first; expected 0", Assert.Throws<ArgumentException>(() => Make(domain: d => With(d, rootChild: 1))).Message);
        Assert.Contains("root key 1 is 0x3000; expected 0x2000", Assert.Throws<ArgumentException>(() => Make(domain: d => With(d, key1: 0x3000))).Message);
        Assert.Contains("WindowTree has 1 nodes; the domains' windows need 0", Assert.Throws<ArgumentException>(() => Make(tree: [new(0, 0, [0x2000])])).Message);
        Assert.Contains("TreeLevels is 12", Assert.Throws<ArgumentException>(() => Make(treeLevels: 12)).Message);
        Assert.Contains("WindowTree[0]", Assert.Throws<ArgumentException>(() => Make(treeLevels: 1, domain: d => With(d, key1: TreeNode.NoKey), tree: [new(0, 0, [0x3000])])).Message);
        Assert.Contains("overlaps", Assert.Throws<ArgumentException>(() => Make(windows: [new(0, 0xFFF, 0, 3), new(0x800, 0x2FFF, 0x5000, 1)])).Message);
        Assert.Contains("after its end", Assert.Throws<ArgumentException>(() => Make(windows: [new(0, 0xFFF, 0, 3), new(0x2000, 0x1FFF, 0x5000, 1)])).Message);
        Assert.Contains("not below unit 0's 16", Assert.Throws<ArgumentException>(() => Make(interruptIndex: [16])).Message);
        Assert.Contains("Scope range 0 starts at 0x10000 after its end", Assert.Throws<ArgumentException>(() => Make(scopeFirst: [0x1_0000])).Message);
        Assert.Throws<ArgumentNullException>(() => new ArrayPolicyTables(new PolicyTableArrays { PolicyName = null! }));
        Assert.Throws<ArgumentNullException>(() => new ArrayPolicyTables(new PolicyTableArrays { PolicyName = "T", Windows = null! }));
    }

    [Fact]
    public unsafe void Record_tables_start_on_a_cache_line_and_keep_their_records()
    {
        for (int windows = 1; windows < 40; windows += 7)
        {
            var own = Enumerable.Range(0, windows).Select(w => new WindowRecord((ulong)w * 0x2000, (ulong)w * 0x2000 + 0xFFF, 0x10_0000 + (ulong)w * 0x1000, 3)).ToArray();
            var tables = Make(windows: own);
            // The tables hold the records' address, not a reference the collector would update: a
            // compacting collection must leave them where they are (the copy is pinned).
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            fixed (DomainRecord* domains = tables.Domains) Assert.Equal(0, (long)domains % 64);
            fixed (WindowRecord* records = tables.Windows) Assert.Equal(0, (long)records % 64);
            Assert.Equal(own, tables.Windows.ToArray());
            if (tables.TreeLevels > 0)
            {
                fixed (TreeNode* nodes = tables.WindowTree) Assert.Equal(0, (long)nodes % 64);
            }
        }
    }

    [Fact]
    public void The_domains_without_windows_are_counted_from_the_domain_records()
    {
        // A pass-through domain has no windows; so has a domain whose devices reach no memory.
        Assert.Equal(1, Policies.TwoVm().DomainsWithoutWindows);
        Assert.Equal(0, Policies.TwoUnits().DomainsWithoutWindows);
        Assert.Equal(0, Make().DomainsWithoutWindows);
        var blocked = new PolicyBuilder { Name = "Tests.Blocked" };
        blocked.Unit();
        int quarantine = blocked.Domain(1);
        int guest = blocked.Domain(2);
        blocked.Map(guest, 0, 4 * Policies.KiB, 0x1000, DmaAccess.Read);
        blocked.Device("01:00.0", quarantine).Device("02:00.0", guest);
        var tables = blocked.Build();
        Assert.Equal(1, tables.DomainsWithoutWindows);
        Assert.Equal(0, default(ArrayPolicyTables).DomainsWithoutWindows);
    }

    [Fact]
    public void Empty_and_default_tables_are_valid()
    {
        var empty = new ArrayPolicyTables(new PolicyTableArrays { PolicyName = "E" });
        Assert.Equal(0UL, DmarImage.Plan(empty).TotalBytes);
        default(ArrayPolicyTables).Validate();
        Assert.Equal(string.Empty, default(ArrayPolicyTables).PolicyName);
    }
}
