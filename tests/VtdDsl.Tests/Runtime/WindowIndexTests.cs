using System;
using System.Linq;
using System.Runtime.Intrinsics.X86;
using CsCheck;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The window tree finds exactly the window a linear scan of the domain's windows finds, for any
/// window placement (clustered, far apart, up to the top of a 57-bit domain) and any tree depth, and <see cref="PolicyEngine.TranslateMany"/>
/// answers exactly what <see cref="PolicyEngine.Translate"/> answers.
/// </summary>
public class WindowIndexTests
{
    private static readonly SourceId Device = SourceId.Parse("01:00.0");

    /// <summary>Windows of one 64-bit-wide domain: (start page, pages, gap pages after) in any mix of sizes.</summary>
    private static readonly Gen<(ulong Page, ulong Pages, byte Rights)[]> Windows =
        Gen.Select(Gen.ULong[0, 1UL << 40], Gen.Frequency((6, Gen.ULong[1, 16]), (1, Gen.ULong[1, 1UL << 20])), Gen.Frequency((4, Gen.ULong[0, 4]), (1, Gen.ULong[0, 1UL << 38])), Gen.Byte[1, 3])
            .Array[1, 40]
            .Select(Placed);

    /// <summary>Up to 600 windows: trees of one to four levels.</summary>
    private static readonly Gen<(ulong Page, ulong Pages, byte Rights)[]> ManyWindows =
        Gen.Frequency((3, Windows), (1, Gen.Select(Gen.ULong[0, 1UL << 40], Gen.Frequency((6, Gen.ULong[1, 16]), (1, Gen.ULong[1, 1UL << 20])), Gen.Frequency((4, Gen.ULong[0, 4]), (1, Gen.ULong[0, 1UL << 30])), Gen.Byte[1, 3])
            .Array[41, 600]
            .Select(Placed)));

    private static (ulong Page, ulong Pages, byte Rights)[] Placed((ulong, ulong, ulong, byte)[] parts)
    {
        var windows = new (ulong Page, ulong Pages, byte Rights)[parts.Length];
        ulong page = parts[0].Item1;
        for (int i = 0; i < parts.Length; i++)
        {
            windows[i] = (page, parts[i].Item2, parts[i].Item4);
            page += parts[i].Item2 + parts[i].Item3;
        }
        return windows;
    }

    private static ArrayPolicyTables Build((ulong Page, ulong Pages, byte Rights)[] windows, bool reachTop)
    {
        var builder = new PolicyBuilder();
        int domain = builder.Domain(1, width: 57);
        foreach (var (page, pages, rights) in windows) builder.Map(domain, page << 12, pages << 12, 0x1000_0000, (DmaAccess)rights);
        if (reachTop) builder.Map(domain, (1UL << 56) - 0x1000, 0x1000, 0x2000, DmaAccess.Read);
        builder.Device(Device.ToString(), domain);
        return builder.Build();
    }

    private static DmaTranslation LinearScan(in ArrayPolicyTables tables, ulong address, DmaAccess access)
    {
        // Not DMA: answered before any table is read (a random address can land in 0xFEEx_xxxx).
        if (DmaTranslation.IsInInterruptRange(address)) return DmaTranslation.InterruptRange(address, access);
        var record = tables.Domains[0];
        if (address > (1UL << record.Width) - 1) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, record.Id);
        foreach (var window in tables.Windows)
        {
            if (address < window.Iova || address > window.Last) continue;
            int missing = (int)access & ~window.Rights;
            if (missing != 0) return DmaTranslation.Faulted(address, (missing & 2) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied, record.Id);
            return DmaTranslation.Allowed(address, window.Host + (address - window.Iova), record.Id);
        }
        return DmaTranslation.Faulted(address, (access & DmaAccess.Write) != 0 ? FaultReason.WriteDenied : FaultReason.ReadDenied, record.Id);
    }

    [Fact]
    public void The_window_tree_finds_the_window_a_linear_scan_finds()
    {
        Gen.Select(ManyWindows, Gen.Bool, Gen.ULong.Array[16], Gen.Byte[1, 3]).Sample((windows, reachTop, randoms, access) =>
        {
            var tables = Build(windows, reachTop);
            // Every window's edges in small domains; about fifty windows' in large ones (the scan is linear).
            int every = Math.Max(1, tables.Windows.Length / 50);
            var addresses = tables.Windows.ToArray().Where((_, i) => i % every == 0 || i == tables.Windows.Length - 1)
                .SelectMany(w => new[] { w.Iova, w.Last, w.Last + 1, w.Iova - 1, w.Iova + (w.Last - w.Iova) / 2 })
                .Concat(randoms).Concat(randoms.Select(r => r & ((1UL << 41) - 1)));
            foreach (ulong address in addresses)
            {
                var expected = LinearScan(in tables, address, (DmaAccess)access);
                Assert.Equal((address, expected), (address, PolicyEngine.Translate(in tables, Device, address, (DmaAccess)access)));
            }
        }, iter: 300);
    }

    [Fact]
    public void Every_domain_s_tree_is_as_deep_as_the_largest_and_a_small_domain_still_answers()
    {
        var builder = new PolicyBuilder();
        int small = builder.Domain(1, width: 39);
        int large = builder.Domain(2, width: 48);
        builder.Map(small, 0x10_0000, 0x1000, 0x9000_0000, DmaAccess.Read);
        for (int w = 0; w < 100; w++) builder.Map(large, 0x4000_0000UL + (ulong)w * 0x2000, 0x1000, 0x1_0000_0000UL + (ulong)w * 0x1000, DmaAccess.ReadWrite);
        builder.Device("01:00.0", small);
        builder.Device("02:00.0", large);
        var tables = builder.Build();

        // 100 windows need two node levels below the root (7 × 8 = 56 < 100 ≤ 7 × 64): 2 nodes, then 13 leaves.
        // The single window's tree is as deep: a one-child node on each level.
        Assert.Equal(2, tables.TreeLevels);
        Assert.Equal(2 + (2 + 13), tables.WindowTree.Length);
        var smallDevice = SourceId.Parse("01:00.0");
        var largeDevice = SourceId.Parse("02:00.0");
        Assert.Equal(DmaTranslation.Allowed(0x10_0010, 0x9000_0010, 1), PolicyEngine.Translate(in tables, smallDevice, 0x10_0010, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(0x10_1000, FaultReason.ReadDenied, 1), PolicyEngine.Translate(in tables, smallDevice, 0x10_1000, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(0x10_0000, FaultReason.WriteDenied, 1), PolicyEngine.Translate(in tables, smallDevice, 0x10_0000, DmaAccess.ReadWrite));
        Assert.Equal(DmaTranslation.Faulted(1UL << 39, FaultReason.AddressBeyondWidth, 1), PolicyEngine.Translate(in tables, smallDevice, 1UL << 39, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(ulong.MaxValue, FaultReason.AddressBeyondWidth, 2), PolicyEngine.Translate(in tables, largeDevice, ulong.MaxValue, DmaAccess.Write));
        for (int w = 0; w < 100; w++)
        {
            ulong iova = 0x4000_0000UL + (ulong)w * 0x2000;
            Assert.Equal(DmaTranslation.Allowed(iova + 0xFFF, 0x1_0000_0FFFUL + (ulong)w * 0x1000, 2), PolicyEngine.Translate(in tables, largeDevice, iova + 0xFFF, DmaAccess.Write));
            Assert.Equal(DmaTranslation.Faulted(iova + 0x1000, FaultReason.WriteDenied, 2), PolicyEngine.Translate(in tables, largeDevice, iova + 0x1000, DmaAccess.Write));
        }
    }

    /// <summary>
    /// Each node's first word names the first window under it, which the engine prefetches from before it
    /// reads a leaf: under child c of a node at level l (leaves are level 0) lie the windows from
    /// FirstWindow + c × 8^l, and that is the child's own FirstWindow; a leaf's first window is its first child.
    /// </summary>
    [Fact]
    public void Every_node_names_the_first_window_under_it()
    {
        Gen.Select(ManyWindows, Gen.Int[0, 3]).Sample((windows, extraDomain) =>
        {
            var builder = new PolicyBuilder();
            int small = builder.Domain(2, width: 57);
            for (int w = 0; w < extraDomain; w++) builder.Map(small, (ulong)w << 20, 0x1000, 0x2000, DmaAccess.Read);
            int domain = builder.Domain(1, width: 57);
            foreach (var (page, pages, rights) in windows) builder.Map(domain, page << 12, pages << 12, 0x1000_0000, (DmaAccess)rights);
            builder.Device(Device.ToString(), domain);
            var tables = builder.Build();
            var nodes = tables.WindowTree;
            foreach (var record in tables.Domains)
            {
                if (record.WindowCount == 0 || tables.TreeLevels == 0) continue;
                for (int c = 0; c == 0 || (c <= TableSchema.DomainRecord.RootKeys && record.RootKey(c) != TreeNode.NoKey); c++)
                    Check(nodes, record.RootChild + c, tables.TreeLevels - 1, record.WindowStart + c * Power(tables.TreeLevels));
            }
        }, iter: 200);

        static void Check(ReadOnlySpan<TreeNode> nodes, int at, int level, int firstWindow)
        {
            var node = nodes[at];
            Assert.Equal(firstWindow, node.FirstWindow);
            if (level == 0)
            {
                Assert.Equal(node.FirstWindow, node.FirstChild);
                return;
            }
            for (int c = 0; c == 0 || (c < TableSchema.TreeNode.Fanout && node.Key(c) != TreeNode.NoKey); c++)
                Check(nodes, node.FirstChild + c, level - 1, node.FirstWindow + c * Power(level));
        }

        static int Power(int level) => (int)Math.Pow(TableSchema.TreeNode.Fanout, level);
    }

    [Fact]
    public void TranslateMany_answers_what_Translate_answers_in_every_position()
    {
        Gen.Select(ManyWindows, Gen.ULong.Array[0, 70], Gen.Int[0, 3]).Sample((windows, randoms, sources) =>
        {
            var tables = Build(windows, reachTop: false);
            var all = tables.Windows.ToArray();
            var requests = randoms.Select((r, i) => new DmaRequest(
                i % 4 == sources ? SourceId.Parse("02:00.0") : Device,
                i % 2 == 0 ? all[(int)(r % (ulong)all.Length)].Iova + r % 0x2000 : r & ((1UL << 42) - 1),
                (DmaAccess)(1 + (int)(r % 3)))).ToArray();
            // These tables are small (the public method answers with single calls), so the staged
            // batch, which bigger tables take, is checked on them directly too.
            // The staged batch selects its answers eight at a time with AVX-512, four at a time with AVX2,
            // and one by one elsewhere: each is checked here on every machine that can run it.
            var answers = new DmaTranslation[requests.Length + 3];
            var staged = new DmaTranslation[requests.Length + 3];
            var fourStaged = new DmaTranslation[requests.Length + 3];
            var eightStaged = new DmaTranslation[requests.Length + 3];
            PolicyEngine.TranslateMany(in tables, requests, answers);
            PolicyEngine.TranslateStaged(in tables, requests, staged, PolicyEngine.BatchVectors.None);
            if (Avx2.IsSupported) PolicyEngine.TranslateStaged(in tables, requests, fourStaged, PolicyEngine.BatchVectors.Bits256);
            if (Avx512F.IsSupported) PolicyEngine.TranslateStaged(in tables, requests, eightStaged, PolicyEngine.BatchVectors.Bits512);
            for (int i = 0; i < requests.Length; i++)
            {
                var expected = PolicyEngine.Translate(in tables, requests[i].Source, requests[i].Address, requests[i].Access);
                Assert.Equal(expected, answers[i]);
                Assert.Equal(expected, staged[i]);
                if (Avx2.IsSupported) Assert.Equal(expected, fourStaged[i]);
                if (Avx512F.IsSupported) Assert.Equal(expected, eightStaged[i]);
            }
            Assert.All(answers.Skip(requests.Length), a => Assert.Equal(default, a));
            Assert.All(staged.Skip(requests.Length), a => Assert.Equal(default, a));
            Assert.All(fourStaged.Skip(requests.Length), a => Assert.Equal(default, a));
            Assert.All(eightStaged.Skip(requests.Length), a => Assert.Equal(default, a));
        }, iter: 200);
    }

    [Fact]
    public void TranslateMany_refuses_too_few_answer_slots()
    {
        var tables = Build([(1, 1, 3)], reachTop: false);
        var error = Assert.Throws<ArgumentException>(() => PolicyEngine.TranslateMany(in tables, new DmaRequest[3], new DmaTranslation[2]));
        Assert.Contains("2 translations cannot hold the answers to 3 requests", error.Message);
    }
}
