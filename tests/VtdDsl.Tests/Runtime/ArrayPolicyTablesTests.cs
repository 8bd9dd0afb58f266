using System;

namespace VtdDsl.Tests.Runtime;

public class ArrayPolicyTablesTests
{
    private static ArrayPolicyTables Make(
        uint[]? scopeFirst = null, byte[]? scopeUnit = null, ushort[]? rootEntries = null, ushort[]? contextEntries = null,
        byte[]? domainWidth = null, int[]? domainWindowStart = null, ulong[]? windowIova = null, ulong[]? windowLast = null,
        ushort[]? interruptIndex = null) =>
        new("T",
            scopeFirst ?? [0], [0xFFFF], scopeUnit ?? [0],
            [0], [UnitCapabilities.Width39], [16], [0, 1],
            rootEntries ?? Root(), contextEntries ?? Context(), new byte[256],
            [1], domainWidth ?? [39], [0], domainWindowStart ?? [0, 2],
            windowIova ?? [0x0, 0x2000], windowLast ?? [0xFFF, 0x2FFF], [0x1000, 0x5000], [3, 1],
            interruptIndex ?? [3], [0x0100], [0x40], [0], [0]);

    private static ushort[] Root() { var r = new ushort[256]; r[1] = 1; return r; }
    private static ushort[] Context() { var c = new ushort[256]; c[0] = 1; return c; }

    [Fact]
    public void Valid_tables_feed_the_engine()
    {
        var tables = Make();
        Assert.Equal("T", tables.PolicyName);
        Assert.Equal(DmaTranslation.Allowed(0x2010, 0x5010, 1), PolicyEngine.Translate(tables, SourceId.Parse("01:00.0"), 0x2010, DmaAccess.Read));
        Assert.Equal(tables.WindowHost.ToArray(), ArrayPolicyTables.CopyFrom(tables).WindowHost.ToArray());
    }

    [Fact]
    public void Inconsistent_tables_are_rejected_with_a_message_naming_the_problem()
    {
        Assert.Contains("RootEntries has 255", Assert.Throws<ArgumentException>(() => Make(rootEntries: new ushort[255])).Message);
        Assert.Contains("multiple of 256", Assert.Throws<ArgumentException>(() => Make(contextEntries: new ushort[300])).Message);
        Assert.Contains("names context table", Assert.Throws<ArgumentException>(() => Make(rootEntries: [.. new ushort[255], 2])).Message);
        Assert.Contains("names domain", Assert.Throws<ArgumentException>(() => Make(contextEntries: [5, .. new ushort[255]])).Message);
        Assert.Contains("names unit", Assert.Throws<ArgumentException>(() => Make(scopeUnit: [1])).Message);
        Assert.Contains("width 58", Assert.Throws<ArgumentException>(() => Make(domainWidth: [58])).Message);
        Assert.Contains("width 20", Assert.Throws<ArgumentException>(() => Make(domainWidth: [20])).Message);
        Assert.Contains("DomainWindowStart ends at 1", Assert.Throws<ArgumentException>(() => Make(domainWindowStart: [0, 1])).Message);
        Assert.Contains("overlaps", Assert.Throws<ArgumentException>(() => Make(windowIova: [0, 0x800], windowLast: [0xFFF, 0x2FFF])).Message);
        Assert.Contains("after its end", Assert.Throws<ArgumentException>(() => Make(windowLast: [0xFFF, 0x1FFF])).Message);
        Assert.Contains("not below unit 0's 16", Assert.Throws<ArgumentException>(() => Make(interruptIndex: [16])).Message);
        Assert.Contains("Scope range 0 starts at 0x10000 after its end", Assert.Throws<ArgumentException>(() => Make(scopeFirst: [0x1_0000])).Message);
        Assert.Throws<ArgumentNullException>(() => new ArrayPolicyTables(null!, [], [], [], [], [], [], [0], [], [], [], [], [], [], [0], [], [], [], [], [], [], [], [], []));
    }

    [Fact]
    public void Empty_and_default_tables_are_valid()
    {
        var empty = new ArrayPolicyTables("E", [], [], [], [], [], [], [0], [], [], [], [], [], [], [0], [], [], [], [], [], [], [], [], []);
        Assert.Equal(0UL, DmarImage.Plan(empty).TotalBytes);
        default(ArrayPolicyTables).Validate();
        Assert.Equal(string.Empty, default(ArrayPolicyTables).PolicyName);
    }
}
