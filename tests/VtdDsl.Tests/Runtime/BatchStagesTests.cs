using System.Linq;
using System.Runtime.Intrinsics.X86;
using VtdDsl.Compiler;
using VtdDsl.Testing;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The staged batch gives a stage of its own only to a table beyond an L1 cache (context entries,
/// domain records); each mix of staged and unstaged tables answers every request as
/// <see cref="PolicyEngine.Translate"/> does, its answers selected one by one and, with AVX-512, eight at a time.
/// </summary>
/// <remarks>
/// Staged domain records without staged context entries would take more than 512 domains on at most 64
/// buses; the scale generator spreads devices over all 256 buses, so that mix is not among these.
/// </remarks>
public sealed class BatchStagesTests
{
    private const int L1 = 32 * 1024;

    [Theory]
    [InlineData("ManyBusesFewDomains", 3_000, 100, 1_500, true, false)]
    [InlineData("FewDevicesFewDomains", 40, 20, 400, false, false)]
    [InlineData("ManyBusesManyDomains", 3_000, 1_100, 3_000, true, true)]
    public void Every_mix_of_staged_tables_answers_as_Translate(string name, int devices, int domains, int windows, bool contextsStaged, bool domainsStaged)
    {
        var spec = ScaleSpecGenerator.Generate(new ScaleSpecOptions
        {
            PolicyName = "VtdDsl.Scale." + name, Seed = 11, Devices = devices, Domains = domains, Windows = windows, Interrupts = 10,
        });
        var compiled = VtdCompiler.Compile(spec.FileName, spec.Text);
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        var tables = VtdDsl.Tool.Input.RuntimeTables.From(compiled.Layout!);
        Assert.Equal(contextsStaged, tables.ContextEntries.Length * sizeof(ushort) > L1);
        Assert.Equal(domainsStaged, tables.Domains.Length * TableSchema.DomainRecord.Size > L1);

        var requests = PolicyProbes.Dma(compiled.Policy!).Select(p => new DmaRequest(p.Source, p.Address, p.Access)).ToArray();
        Assert.True(requests.Length > 1_000, $"{requests.Length} probes");
        var oneByOne = new DmaTranslation[requests.Length];
        var eightAtATime = new DmaTranslation[requests.Length];
        PolicyEngine.TranslateStaged(in tables, requests, oneByOne, vectors: false);
        if (Avx512F.IsSupported) PolicyEngine.TranslateStaged(in tables, requests, eightAtATime, vectors: true);
        for (int i = 0; i < requests.Length; i++)
        {
            var expected = (requests[i], PolicyEngine.Translate(in tables, requests[i].Source, requests[i].Address, requests[i].Access));
            Assert.Equal(expected, (requests[i], oneByOne[i]));
            if (Avx512F.IsSupported) Assert.Equal(expected, (requests[i], eightAtATime[i]));
        }
    }
}
