using System.Globalization;
using System.Threading;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Reports.Map;
using VtdDsl.Tests.PropertyBased;

namespace VtdDsl.Tests.Reports;

/// <summary>The map of every bundled spec and of generated policies: structure, geometry, determinism, snapshots.</summary>
public sealed class MapLayoutTests
{
    public static IEnumerable<object[]> BundledSpecs() => RepositoryPaths.ValidSpecs().Select(path => new object[] { path });

    internal static (Policy Policy, SpecLines Lines) Load(string relativePath)
    {
        string text = RepositoryPaths.ReadText(relativePath);
        var result = VtdCompiler.Compile(relativePath, text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return (result.Policy!, new SpecLines(relativePath, text));
    }

    [Theory]
    [MemberData(nameof(BundledSpecs))]
    public void Host_map_of_every_bundled_spec_is_well_formed_and_legible(string relativePath)
    {
        var (policy, lines) = Load(relativePath);
        var layout = HostMapBuilder.Build(policy, lines);
        MapInvariants.LabelsDoNotOverlap(layout);
        MapInvariants.RowsDoNotOverlap(layout);
        MapInvariants.XIncreasesWithAddress(layout);
        MapInvariants.SvgMatchesPolicy(SvgMapWriter.ToSvg(layout), policy);
        Assert.Equal(policy.Domains.Count, layout.Rows.Count);
    }

    [Theory]
    [MemberData(nameof(BundledSpecs))]
    public void Host_map_of_every_bundled_spec_matches_its_snapshot(string relativePath)
    {
        var (policy, lines) = Load(relativePath);
        Snapshot.Match("Map", Path.GetFileNameWithoutExtension(relativePath), "svg", SvgMapWriter.ToSvg(HostMapBuilder.Build(policy, lines)));
    }

    [Theory]
    [MemberData(nameof(BundledSpecs))]
    public void Domain_map_of_every_domain_of_every_bundled_spec_is_well_formed_and_legible(string relativePath)
    {
        var (policy, lines) = Load(relativePath);
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var layout = DomainMapBuilder.Build(policy, lines, d);
            MapInvariants.LabelsDoNotOverlap(layout);
            MapInvariants.XIncreasesWithAddress(layout);
            MapInvariants.SvgMatchesPolicy(SvgMapWriter.ToSvg(layout), policy, new[] { d });
            foreach (var a in layout.Windows.Where(w => !w.Passthrough))
            {
                foreach (var b in layout.Windows.Where(w => !w.Passthrough))
                {
                    if (a.IovaFirst < b.IovaFirst) Assert.True(a.IovaBar!.Value.X < b.IovaBar!.Value.X, $"{a.Id} is below {b.Id} in DMA addresses but not drawn left of it");
                }
            }
        }
    }

    [Fact]
    public void Domain_map_of_vm2_matches_its_snapshot()
    {
        var (policy, lines) = Load("specs/two-vm.vtd");
        int vm2 = policy.Domains.ToList().FindIndex(d => d.Name == "vm2");
        Snapshot.Match("Map", "two-vm.vm2", "svg", SvgMapWriter.ToSvg(DomainMapBuilder.Build(policy, lines, vm2)));
    }

    [Fact]
    public void Every_window_carries_its_exact_values_and_its_spec_line()
    {
        var (policy, lines) = Load("specs/two-vm.vtd");
        var document = MapInvariants.SvgMatchesPolicy(SvgMapWriter.ToSvg(HostMapBuilder.Build(policy, lines)), policy);
        var doorbell = MapInvariants.Elements(document, "window").Single(g => g.Attribute("data-host-first")!.Value == "0xE0000000");
        Assert.Equal("vm1", doorbell.Attribute("data-domain")!.Value);
        Assert.Equal("0xE0000FFF", doorbell.Attribute("data-host-last")!.Value);
        Assert.Equal("read", doorbell.Attribute("data-rights")!.Value);
        Assert.Equal("0xFE000000", doorbell.Attribute("data-iova-first")!.Value);
        Assert.StartsWith("specs/two-vm.vtd:28: map 0xFE00_0000 size 4KiB -> 0xE000_0000 read;\n", doorbell.Element(MapInvariants.Svg + "title")!.Value);
        var identity = MapInvariants.Elements(document, "window").First(g => g.Attribute("data-domain")!.Value == "host");
        Assert.Equal("true", identity.Attribute("data-identity")!.Value);
        var protect = MapInvariants.Elements(document, "region").Single(g => g.Attribute("data-kind")!.Value == "protect");
        Assert.Equal("hypervisor", protect.Attribute("data-name")!.Value);
        Assert.StartsWith("specs/two-vm.vtd:18: protect hypervisor 0x100_0000 size 16MiB;", protect.Element(MapInvariants.Svg + "title")!.Value);
    }

    [Fact]
    public void A_4_KiB_page_and_a_60_GiB_region_are_both_legible()
    {
        var (policy, lines) = Load("specs/two-vm.vtd");
        var layout = HostMapBuilder.Build(policy, lines);
        var page = layout.Windows.Single(w => w.HostFirst == 0xE000_0000);
        var ramHigh = layout.Regions.Single(r => r.Name == "ram_high");
        Assert.True(page.Bar.Width >= 8, $"the 4 KiB window is {page.Bar.Width} wide");
        Assert.True(ramHigh.Band.Width >= 200, $"the 60 GiB region is {ramHigh.Band.Width} wide");
        Assert.True(ramHigh.Band.Width > page.Bar.Width * 4, "a bigger range is drawn wider");
    }

    [Fact]
    public void Long_empty_stretches_are_collapsed_with_a_break_mark()
    {
        const string spec = """
            policy T.Sparse;
            memory low 0x0 size 1MiB;
            memory high 0x8_0000_0000_0000 size 1GiB;
            domain a { map 0x0 size 4KiB -> 0x1000 read; map 0x1000 size 4KiB -> 0x8_0000_0000_0000 read write; }
            device d 00:01.0 -> a;
            """;
        var result = VtdCompiler.Compile("sparse.vtd", spec);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var layout = HostMapBuilder.Build(result.Policy!, new SpecLines("sparse.vtd", spec));
        var axis = layout.Axes.Single();
        Assert.Single(axis.Breaks);
        Assert.Equal(AddressAxis.GapWidth, axis.Breaks[0].X1 - axis.Breaks[0].X0, 6);
        Assert.Contains(axis.Ticks, t => t.Address == 0x8_0000_0000_0000UL && t.Labels[0].Text == "0x8_0000_0000_0000" && t.Labels[1].Text == "2 PiB");
        MapInvariants.LabelsDoNotOverlap(layout);
        MapInvariants.XIncreasesWithAddress(layout);
    }

    [Fact]
    public void Windows_sharing_host_memory_are_marked_with_the_shared_part_only()
    {
        var (policy, lines) = Load("specs/storage-appliance.vtd");
        var layout = HostMapBuilder.Build(policy, lines);
        var cache = layout.Windows.Where(w => w.HostFirst == 0x6_0000_0000).ToList();
        Assert.Equal(2, cache.Count);
        Assert.All(cache, w => Assert.Equal(SharingState.Marked, w.Sharing));
        Assert.All(layout.Windows.Where(w => w.HostFirst != 0x6_0000_0000), w => Assert.Equal(SharingState.None, w.Sharing));

        var (server, serverLines) = Load("specs/multi-unit-server.vtd");
        var serverMap = HostMapBuilder.Build(server, serverLines);
        Assert.Contains(serverMap.Windows, w => w.Passthrough && w.Domain == "host" && w.HostFirst == 0 && w.HostLast == ulong.MaxValue);
        var db = serverMap.Windows.First(w => w.Domain == "vm_db");
        Assert.Equal(SharingState.Unmarked, db.Sharing);
        Assert.Equal(db.Bar.Width, db.Strips.Single().Box.Width, 6);
    }

    [Fact]
    public void Same_spec_same_bytes_in_any_culture_and_declaration_order()
    {
        var (policy, lines) = Load("specs/sriov-host.vtd");
        string first = SvgMapWriter.ToSvg(HostMapBuilder.Build(policy, lines));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(first, SvgMapWriter.ToSvg(HostMapBuilder.Build(policy, lines)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        const string a = """
            policy T.Order;
            domain b { id 5; map 0x2000 size 4KiB -> 0x20000 read; map 0x1000 size 4KiB -> 0x10000 read; }
            domain a { id 3; map 0x0 size 4KiB -> 0x30000 read; }
            device d2 00:02.0 -> b;
            device d1 00:01.0 -> b;
            """;
        const string b = """
            policy T.Order;
            device d1 00:01.0 -> b;
            domain a { id 3; map 0x0 size 4KiB -> 0x30000 read; }
            device d2 00:02.0 -> b;
            domain b { id 5; map 0x1000 size 4KiB -> 0x10000 read; map 0x2000 size 4KiB -> 0x20000 read; }
            """;
        string Layout(string text) => string.Join("\n", HostMapBuilder.Build(VtdCompiler.Compile("t.vtd", text).Policy!, new SpecLines("t.vtd", text)).Texts().Select(t => $"{t.Text} {t.Box}"));
        Assert.Equal(Layout(a), Layout(b));
    }

    [Theory]
    [InlineData("policy T.Empty;")]
    [InlineData("policy T.Passthrough;\niommu u { passthrough; }\ndomain host passthrough;\ndevice d 00:01.0 -> host;")]
    [InlineData("policy T.NoWindows;\ndomain idle { }\ndomain busy { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> idle;")]
    [InlineData("policy T.Alias;\ndomain a { map 0x0 size 8KiB -> 0x10000 read; map 0x10000 size 4KiB -> 0x11000 write; }")]
    public void Small_and_odd_policies_give_well_formed_maps(string spec)
    {
        var result = VtdCompiler.Compile("odd.vtd", spec);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var lines = new SpecLines("odd.vtd", spec);
        var layout = HostMapBuilder.Build(result.Policy!, lines);
        MapInvariants.LabelsDoNotOverlap(layout);
        MapInvariants.RowsDoNotOverlap(layout);
        MapInvariants.XIncreasesWithAddress(layout);
        MapInvariants.SvgMatchesPolicy(SvgMapWriter.ToSvg(layout), result.Policy!);
        Assert.True(layout.Axes.Single().Ticks.Count >= 2);
        for (int d = 0; d < result.Policy!.Domains.Count; d++)
        {
            var domainMap = DomainMapBuilder.Build(result.Policy, lines, d);
            MapInvariants.LabelsDoNotOverlap(domainMap);
            MapInvariants.SvgMatchesPolicy(SvgMapWriter.ToSvg(domainMap), result.Policy, new[] { d });
        }
    }

    [Fact]
    public void Overlapping_windows_of_one_domain_go_to_separate_tracks()
    {
        const string spec = "policy T.Tracks;\ndomain a { map 0x0 size 1MiB -> 0x100000 read; map 0x100000 size 1MiB -> 0x100000 read write; }";
        var result = VtdCompiler.Compile("tracks.vtd", spec);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var layout = HostMapBuilder.Build(result.Policy!, new SpecLines("tracks.vtd", spec));
        Assert.Equal(2, layout.Windows.Count);
        Assert.False(layout.Windows[0].Bar.Overlaps(layout.Windows[1].Bar));
        Assert.Equal(layout.Windows[0].Bar.X, layout.Windows[1].Bar.X, 6);
        MapInvariants.RowsDoNotOverlap(layout);
    }

    [Fact]
    public void Generated_policies_give_legible_maps()
    {
        PropertyRun.ForEach(PolicyGenerators.Policy, 60, generated =>
        {
            var policy = generated.Result.Policy!;
            var lines = new SpecLines("generated.vtd", generated.Spec.Render());
            var layout = HostMapBuilder.Build(policy, lines, null);
            MapInvariants.LabelsDoNotOverlap(layout);
            MapInvariants.RowsDoNotOverlap(layout);
            MapInvariants.XIncreasesWithAddress(layout);
            MapInvariants.SvgMatchesPolicy(SvgMapWriter.ToSvg(layout), policy);
            for (int d = 0; d < policy.Domains.Count; d++)
            {
                var domainMap = DomainMapBuilder.Build(policy, lines, d);
                MapInvariants.LabelsDoNotOverlap(domainMap);
                MapInvariants.XIncreasesWithAddress(domainMap);
            }
        }, generated => generated.Spec.Render());
    }
}
