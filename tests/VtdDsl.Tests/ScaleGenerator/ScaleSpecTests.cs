using VtdDsl.Tool.Input;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Model;
using VtdDsl.Testing;

namespace VtdDsl.Tests.ScaleGenerator;

/// <summary>
/// The scale spec generator (tests/VtdDsl.Testing) writes valid specs of the size asked for,
/// deterministically. Nothing is timed here: timings live in tests/VtdDsl.Benchmarks.
/// </summary>
public sealed class ScaleSpecTests
{
    private static readonly ScaleSpecOptions Moderate = new()
    {
        PolicyName = "Test.Scale.Moderate", Seed = 42, Windows = 5_000, Devices = 2_000, Domains = 300, Interrupts = 1_000,
    };

    private static readonly Lazy<(ScaleSpec Spec, CompilationResult Result)> ModerateRun = new(() =>
    {
        var spec = ScaleSpecGenerator.Generate(Moderate);
        return (spec, VtdCompiler.Compile("Moderate.vtd", spec.Text));
    });

    [Fact]
    public void A_moderate_spec_compiles_without_errors_or_warnings()
    {
        var (_, result) = ModerateRun.Value;

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.NotNull(result.Layout);
        var policy = result.Policy!;
        Assert.Equal("Test.Scale.Moderate", policy.FullName);
        Assert.Equal(300, policy.Domains.Count);
        Assert.Equal(2_000, policy.Devices.Count);
        Assert.Equal(1_000, policy.Interrupts.Count);
        Assert.Equal(5_000, policy.Domains.Sum(d => d.Windows.Count));
        Assert.Equal(5_000, result.Layout!.WindowCount);
    }

    [Fact]
    public void The_compiled_policy_declares_what_the_generator_reports()
    {
        var (spec, result) = ModerateRun.Value;
        var policy = result.Policy!;

        for (int d = 0; d < spec.Domains.Count; d++)
        {
            Assert.Equal(spec.Domains[d].Name, policy.Domains[d].Name);
            Assert.Equal((ushort)(d + 1), policy.Domains[d].Id);
            var expected = spec.Domains[d].Windows.Select(w => (w.Iova, w.Size, w.Host, w.Writable));
            var actual = policy.Domains[d].Windows.Select(w => (w.Iova, w.Size, w.HostAddress, (w.Rights & Rights.Write) != 0));
            Assert.Equal(expected, actual);
        }
        Assert.Equal(
            spec.Devices.Select(x => (x.Name, x.RequesterId, spec.Domains[x.Domain].Name, x.Ats)),
            policy.Devices.Select(x => (x.Name!, x.Source.RequesterId, x.DomainName, x.Ats)));
        Assert.Equal(Enumerable.Range(0, spec.Interrupts.Count), policy.Interrupts.Select(i => i.Index));
    }

    [Fact]
    public void Windows_translate_to_their_host_memory_through_the_compiled_tables()
    {
        var (spec, result) = ModerateRun.Value;
        var tables = RuntimeTables.From(result.Layout!);
        var deviceOf = spec.Devices.GroupBy(d => d.Domain).ToDictionary(g => g.Key, g => g.First());

        for (int d = 0; d < spec.Domains.Count; d += 7)
        {
            var device = deviceOf[d];
            var source = new SourceId(0, device.Bus, device.Device, device.Function);
            foreach (var window in spec.Domains[d].Windows)
            {
                ulong offset = window.Size / 2;
                var answer = PolicyEngine.Translate(in tables, source, window.Iova + offset, DmaAccess.Read);
                Assert.True(answer.IsAllowed, $"{source} 0x{window.Iova + offset:x}: {answer}");
                Assert.Equal(window.Host + offset, answer.HostAddress);
                Assert.Equal((ushort)(d + 1), answer.DomainId);
                var write = PolicyEngine.Translate(in tables, source, window.Iova, DmaAccess.Write);
                Assert.Equal(window.Writable, write.IsAllowed);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_text_and_another_seed_another()
    {
        var first = ScaleSpecGenerator.Generate(Moderate).Text;
        var second = ScaleSpecGenerator.Generate(Moderate).Text;
        var other = ScaleSpecGenerator.Generate(Moderate with { Seed = 43 }).Text;

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(ModerateRun.Value.Spec.Text, first);
    }

    [Fact]
    public void Windows_are_aligned_and_disjoint_and_some_are_superpage_sized()
    {
        var spec = ModerateRun.Value.Spec;
        var windows = spec.Domains.SelectMany(d => d.Windows).ToArray();
        const ulong twoMiB = 2UL << 20, oneGiB = 1UL << 30;

        Assert.All(windows, w => Assert.Equal(0UL, (w.Iova | w.Size | w.Host) & 0xFFF));
        Assert.Contains(windows, w => w.Size % twoMiB == 0 && w.Iova % twoMiB == 0 && w.Host % twoMiB == 0 && w.Size < oneGiB);
        Assert.Contains(windows, w => w.Size == oneGiB && w.Iova % oneGiB == 0 && w.Host % oneGiB == 0);
        Assert.Contains(windows, w => w.Size < twoMiB);
        Assert.Contains(windows, w => !w.Writable);

        // Host memory is never handed out twice, so no two domains share it (no VTD3008).
        var byHost = windows.OrderBy(w => w.Host).ToArray();
        for (int i = 1; i < byHost.Length; i++) Assert.True(byHost[i - 1].Host + byHost[i - 1].Size <= byHost[i].Host);
        // Within a domain, DMA addresses increase without overlap.
        foreach (var domain in spec.Domains)
        {
            for (int i = 1; i < domain.Windows.Count; i++) Assert.True(domain.Windows[i - 1].IovaLast < domain.Windows[i].Iova);
        }
    }

    [Fact]
    public void Every_domain_has_a_device_and_every_device_a_distinct_source_id()
    {
        var spec = ModerateRun.Value.Spec;

        Assert.Equal(spec.Devices.Count, spec.Devices.Select(d => d.RequesterId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, spec.Domains.Count), spec.Devices.Select(d => d.Domain).Distinct().OrderBy(d => d));
        Assert.True(spec.Devices.Select(d => d.Bus).Distinct().Count() > 200, "devices are spread over the buses");
    }

    [Fact]
    public void Presets_have_their_documented_sizes()
    {
        var sizes = new[] { ScaleSpecOptions.Small, ScaleSpecOptions.Medium, ScaleSpecOptions.Large }
            .Select(o => (o.Windows, o.Devices, o.Domains, o.Interrupts))
            .ToArray();

        Assert.Equal((1_000, 512, 64, 128), sizes[0]);
        Assert.Equal((10_000, 4_096, 512, 1_000), sizes[1]);
        Assert.Equal((100_000, 65_536, 4_096, 10_000), sizes[2]);
        Assert.Equal(ScaleSpecOptions.Large, ScaleSpecOptions.Preset("large"));
    }

    [Fact]
    public void The_small_preset_compiles_cleanly()
    {
        var spec = ScaleSpecGenerator.Generate("Small");

        var result = VtdCompiler.Compile(spec.FileName, spec.Text);

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal("Small.vtd", spec.FileName);
    }

    [Fact]
    public void Without_protected_memory_and_with_more_domains_than_devices_only_VTD2007_is_reported()
    {
        var spec = ScaleSpecGenerator.Generate(new ScaleSpecOptions { Windows = 40, Devices = 3, Domains = 5, ProtectedMemory = false });

        var result = VtdCompiler.Compile("few.vtd", spec.Text);

        Assert.DoesNotContain("protect", spec.Text);
        Assert.Equal(new[] { "VTD2007", "VTD2007" }, result.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData(65_537, 1, 0, 0)]
    [InlineData(1, 65_536, 0, 0)]
    [InlineData(0, 0, 1, 0)]
    [InlineData(0, 1, 0, 1)]
    [InlineData(-1, 1, 0, 0)]
    public void Counts_out_of_range_are_refused(int devices, int domains, int windows, int interrupts)
    {
        var options = new ScaleSpecOptions { Devices = devices, Domains = domains, Windows = windows, Interrupts = interrupts };

        Assert.ThrowsAny<ArgumentException>(() => ScaleSpecGenerator.Generate(options));
    }
}
