using System.Runtime.Intrinsics.X86;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// A generated policy answers as the engine over the layout's arrays: each DMA request alone and the
/// same requests as one batch, and each interrupt. A disagreement names the request.
/// </summary>
internal static class EngineAgreement
{
    public static void Dma(in ArrayPolicyTables expected, IPolicyCaller generated, IEnumerable<DmaProbe> probes)
    {
        foreach (var probe in probes)
        {
            Assert.Equal(
                (probe, PolicyEngine.Translate(in expected, probe.Source, probe.Address, probe.Access)),
                (probe, generated.Translate(probe.Source, probe.Address, probe.Access)));
        }
    }

    public static void Interrupts(in ArrayPolicyTables expected, IPolicyCaller generated, IEnumerable<InterruptProbe> probes)
    {
        foreach (var probe in probes)
        {
            Assert.Equal(
                (probe, PolicyEngine.RemapInterrupt(in expected, probe.Source, probe.Index)),
                (probe, generated.RemapInterrupt(probe.Source, probe.Index)));
        }
    }

    /// <summary>The probes as one batch, through the generated <c>TranslateMany</c>, the engine's and the engine's staged batch: each answers as <c>Translate</c> does, position by position.</summary>
    public static void Batch(in ArrayPolicyTables expected, IPolicyCaller generated, IEnumerable<DmaProbe> probes)
    {
        var requests = probes.Select(p => new DmaRequest(p.Source, p.Address, p.Access)).ToArray();
        var batch = new DmaTranslation[requests.Length];
        generated.TranslateMany(requests, batch);
        var engineBatch = new DmaTranslation[requests.Length];
        PolicyEngine.TranslateMany(in expected, requests, engineBatch);
        // Small tables are answered with single calls; the staged batch that bigger ones take is checked on
        // every policy, with its answers selected one by one and, where the processor has the instructions,
        // four at a time (AVX2) and eight at a time (AVX-512).
        var staged = new DmaTranslation[requests.Length];
        PolicyEngine.TranslateStaged(in expected, requests, staged, PolicyEngine.BatchVectors.None);
        var fourStaged = new DmaTranslation[requests.Length];
        if (Avx2.IsSupported) PolicyEngine.TranslateStaged(in expected, requests, fourStaged, PolicyEngine.BatchVectors.Bits256);
        var vectorStaged = new DmaTranslation[requests.Length];
        if (Avx512F.IsSupported) PolicyEngine.TranslateStaged(in expected, requests, vectorStaged, PolicyEngine.BatchVectors.Bits512);
        for (int i = 0; i < requests.Length; i++)
        {
            var single = PolicyEngine.Translate(in expected, requests[i].Source, requests[i].Address, requests[i].Access);
            Assert.Equal((requests[i], single), (requests[i], batch[i]));
            Assert.Equal((requests[i], single), (requests[i], engineBatch[i]));
            Assert.Equal((requests[i], single), (requests[i], staged[i]));
            if (Avx2.IsSupported) Assert.Equal((requests[i], single), (requests[i], fourStaged[i]));
            if (Avx512F.IsSupported) Assert.Equal((requests[i], single), (requests[i], vectorStaged[i]));
        }
    }
}
