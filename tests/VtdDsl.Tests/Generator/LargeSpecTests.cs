using System.Globalization;
using System.Linq;
using System.Text;
using VtdDsl.Testing;

namespace VtdDsl.Tests.Generator;

/// <summary>A big policy (100,000 windows, 65,536 devices) generates in seconds, and identically every time.</summary>
public class LargeSpecTests
{
    private static string BigSpec(int domains, int windowsPerDomain, int devices)
    {
        var spec = new SpecBuilder("Perf.Big", capacity: domains * windowsPerDomain * 64 + devices * 48).Iommu("dmar0", "domains 65536");
        ulong host = 0x1_0000_0000;
        for (int d = 0; d < domains; d++)
        {
            spec.Domain(string.Create(CultureInfo.InvariantCulture, $"d{d}"), body =>
            {
                for (int w = 0; w < windowsPerDomain; w++)
                {
                    body.Map((ulong)w * 0x2000, 4 * SpecBuilder.KiB, host, "read write");
                    host += 0x1000;
                }
            });
        }
        for (int i = 0; i < devices; i++)
        {
            int bus = i >> 8, dev = (i >> 3) & 0x1F, fn = i & 7;
            spec.Device(string.Create(CultureInfo.InvariantCulture, $"{bus:x2}:{dev:x2}.{fn}"), string.Create(CultureInfo.InvariantCulture, $"d{i % domains}"),
                name: string.Create(CultureInfo.InvariantCulture, $"dev_{bus:x2}_{dev:x2}_{fn}"));
        }
        return spec.Build();
    }

    [Fact]
    public void Hundred_thousand_windows_and_65536_devices_generate_deterministically()
    {
        string spec = BigSpec(domains: 1000, windowsPerDomain: 100, devices: 65536);
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("big.vtd", spec) });

        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal(2, run.GeneratedSources.Length);
        string text = run.GeneratedSources[0].SourceText.ToString();
        // 65,536 devices: one field each of a struct over a packed table, no documentation comment
        Assert.Contains("\npublic readonly __SourceId DevFf1f7; // 0000:ff:1f.7\n", text);
        Assert.Contains("public static ref readonly DeviceTable Devices => ref DeviceTable.__Instance;", text);
        Assert.DoesNotContain("/// <summary>Device ", text);
        // 100,000 windows: packed into one UTF-8 literal, no per-row comment
        string tables = run.GeneratedSources[1].SourceText.ToString();
        Assert.DoesNotContain(": map in ", tables);
        Assert.Contains("internal static readonly global::VtdDsl.AlignedTable<global::VtdDsl.WindowRecord> Windows = global::VtdDsl.PackedTable.DecodeRecords<global::VtdDsl.WindowRecord>(", tables);
        Assert.Contains("public global::System.ReadOnlySpan<global::VtdDsl.WindowRecord> Windows => TableData.Windows.Span;", tables);
        Assert.DoesNotContain("MemoryMarshal.Cast<ulong, global::VtdDsl.WindowRecord>", tables);

        // deterministic: a second, fresh run gives the same text
        var again = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("big.vtd", spec) });
        Assert.Equal(text, again.GeneratedSources[0].SourceText.ToString());
        Assert.Equal(tables, again.GeneratedSources[1].SourceText.ToString());
    }

    [Fact]
    public void Output_has_no_absolute_paths()
    {
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("specs/two-vm.vtd", global::VtdDsl.Tests.Infrastructure.RepositoryPaths.ReadText("specs/two-vm.vtd")) });
        string text = string.Concat(run.GeneratedSources.Select(s => s.SourceText.ToString()));

        Assert.DoesNotContain(GeneratorHarness.ProjectDirectory, text);
        Assert.Contains("specs/two-vm.vtd line", text);
    }
}
