using System;
using System.Collections.Generic;
using CsCheck;
using static VtdDsl.Tests.Scalable.ScalableSpecs;

using VtdDsl.Tests.Runtime;
using VtdDsl.Tests.Scalable;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// The policy engine against the IOMMU model walking the scalable-mode image: every request with and
/// without a PASID gets the same answer, except that a process PASID (which the engine answers as
/// "first stage, process P") is not present in the image until its process is bound (0x59).
/// </summary>
public sealed class ScalableDifferentialTests
{
    private static readonly Gen<DmaAccess> Accesses = Gen.Int[1, 3].Select(i => (DmaAccess)i);

    public static TheoryData<int> Seeds() => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

    [Fact]
    public void Svm_gpu_engine_and_model_agree() => Agree(SvmGpu, iterations: 20_000);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_scalable_policies_engine_and_model_agree(int seed)
    {
        string text = ScalablePolicyText.Create(seed);
        CompiledPolicy policy;
        try
        {
            policy = CompiledPolicy.Source(text);
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException($"seed {seed}:\n{text}\n{error.Message}");
        }
        try
        {
            Agree(policy, iterations: 4_000);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"seed {seed}:\n{text}", failure);
        }
    }

    [Fact]
    public void Many_random_policies_compile_and_agree() =>
        Gen.Int[100, 100_000].Sample(seed => Agree(CompiledPolicy.Source(ScalablePolicyText.Create(seed)), iterations: 300), iter: 40);

    /// <summary>The probes reach every answer: each structural fault, each translation type, each second-stage fault.</summary>
    [Fact]
    public void The_probes_cover_every_kind_of_answer()
    {
        var seen = new HashSet<(FaultReason, PasidTranslationType)>();
        Agree(SvmGpu, 5_000, seen);
        foreach (int seed in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })
            Agree(CompiledPolicy.Source(ScalablePolicyText.Create(seed)), 2_000, seen);

        foreach (var reason in new[] { 0x31, 0x39, 0x41, 0x45, 0x46, 0x51, 0x59 })
            Assert.Contains(((FaultReason)reason, PasidTranslationType.None), seen);
        foreach (var reason in new[] { 0x04, 0x05, 0x06 })
            Assert.Contains(((FaultReason)reason, PasidTranslationType.SecondStage), seen);
        Assert.Contains((FaultReason.None, PasidTranslationType.SecondStage), seen);
        Assert.Contains((FaultReason.None, PasidTranslationType.PassThrough), seen);
        Assert.Contains((FaultReason.None, PasidTranslationType.FirstStage), seen);
    }

    private static void Agree(CompiledPolicy policy, int iterations, HashSet<(FaultReason, PasidTranslationType)>? seen = null)
    {
        var tables = policy.Tables;
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        var platform = IommuPlatform.FromImage(tables, layout, image);

        Gen.Select(Sources(tables), Pasids(tables), Addresses(tables), Accesses).Sample((source, pasid, address, access) =>
        {
            var engine = PolicyEngine.TranslateWithPasid(tables, source, pasid, address, access);
            var model = platform.TranslateWithPasid(source, pasid, address, access);
            if (seen is not null) lock (seen) seen.Add((engine.Fault, engine.Type));
            if (engine.IsFirstStage && !engine.IsFault)
            {
                Assert.Equal(FaultReason.PasidEntryNotPresent, model.Fault);
                Assert.Equal(layout.ProcessDomainId(engine.Process), engine.DomainId);
            }
            else
            {
                Assert.Equal(engine, model);
            }
            Assert.Equal(PolicyEngine.Translate(tables, source, address, access), platform.Translate(source, address, access));
        }, iter: iterations);
    }

    private static Gen<SourceId> Sources(ArrayPolicyTables tables) => TableProbeGenerators.Sources(tables, unboundEvery: 61, boundWeight: 8);

    private static Gen<uint> Pasids(ArrayPolicyTables tables)
    {
        var values = new List<uint> { 0, 1, 63, 64, 0x1FFF, 0x2000, 0x3FFF, 0x4000, PasidTranslation.MaxPasid };
        foreach (uint pasid in tables.PasidValue)
        {
            values.AddRange([pasid, pasid, pasid + 1, pasid - 1, pasid & ~63u, pasid | 63u]);
        }
        var array = values.ConvertAll(v => v & PasidTranslation.MaxPasid).ToArray();
        return Gen.Frequency(
            (8, Gen.Int[0, array.Length - 1].Select(i => array[i])),
            (1, Gen.UInt[0, PasidTranslation.MaxPasid]));
    }

    private static Gen<ulong> Addresses(ArrayPolicyTables tables) => TableProbeGenerators.Addresses(tables, wide: false);
}
