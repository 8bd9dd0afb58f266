using System;
using System.Linq;

namespace VtdDsl.Tests.Generator;

/// <summary>Generated code answers requests without allocating: the tables are constant data in the image.</summary>
public class AllocationTests
{
    private const int Calls = 1_000_000;

    /// <summary>
    /// Release: Roslyn stores the ushort/uint/ulong span data in the image (RuntimeHelpers.CreateSpan).
    /// Debug: it would allocate those arrays on every access, so the generator, seeing Optimize=false,
    /// keeps them in static arrays created once. Packed tables (big or mostly zero: two-vm's root and
    /// context tables) are decoded once, at type initialisation, in both.
    /// </summary>
    [Theory]
    [InlineData(Microsoft.CodeAnalysis.OptimizationLevel.Release)]
    [InlineData(Microsoft.CodeAnalysis.OptimizationLevel.Debug)]
    public void Translate_and_RemapInterrupt_do_not_allocate(Microsoft.CodeAnalysis.OptimizationLevel optimization)
    {
        var run = GeneratorHarness.Run(
            optimization,
            optimizeVisible: true,
            new[] { GeneratorHarness.Spec("specs/two-vm.vtd", global::VtdDsl.Tests.Infrastructure.RepositoryPaths.ReadText("specs/two-vm.vtd")) });
        var tables = Assert.Single(run.GeneratedSources, s => s.HintName.EndsWith(".Tables.g.cs", StringComparison.Ordinal));
        bool staticArrays = System.Text.RegularExpressions.Regex.IsMatch(tables.SourceText.ToString(), @"internal static readonly \w+\[\] ");
        Assert.Equal(optimization == Microsoft.CodeAnalysis.OptimizationLevel.Debug, staticArrays);
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var policy = assembly.Policy("Contoso.Hypervisor.TwoVmHost");
        var nic = new SourceId(0, 0x03, 0, 0);

        long bytes = global::VtdDsl.Tests.Infrastructure.Allocations.PerRun(() =>
            policy.Hammer(nic, 0x1000, 0, Calls) + policy.Hammer(new SourceId(0, 0x42, 0, 0), 0, 9, Calls));

        Assert.Equal(0, bytes);

        // The batch API: groups of eight and a remainder, hits, misses and unbound sources.
        var requests = Enumerable.Range(0, 37).Select(i => new DmaRequest(
            i % 5 == 4 ? new SourceId(0, 0x42, 0, 0) : nic, (ulong)i * 0x3000, i % 2 == 0 ? DmaAccess.Read : DmaAccess.ReadWrite)).ToArray();
        var translations = new DmaTranslation[requests.Length];
        policy.HammerMany(requests, translations, 10);
        long batchBytes = global::VtdDsl.Tests.Infrastructure.Allocations.PerRun(() => policy.HammerMany(requests, translations, Calls / 37));
        Assert.Equal(0, batchBytes);
        Assert.Equal(requests.Select(r => policy.Translate(r.Source, r.Address, r.Access)), translations);
    }
}
