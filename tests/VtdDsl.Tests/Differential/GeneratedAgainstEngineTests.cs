using System;
using System.Linq;
using VtdDsl.Compiler;
using VtdDsl.Tests.Generator;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// The generated code, compiled and loaded, answers every probe exactly as the runtime's
/// PolicyEngine does over the compiler core's layout (the CLI's path), one request at a time and
/// in batches (<c>TranslateMany</c>).
/// </summary>
public sealed class GeneratedAgainstEngineTests
{
    [Theory]
    [MemberData(nameof(SpecRuns.ValidSpecs), MemberType = typeof(SpecRuns))]
    public void Generated_policy_answers_like_the_engine_over_the_layout(string spec)
    {
        var compiled = VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec));
        var policy = compiled.Policy!;
        var expected = VtdDsl.Tool.Input.RuntimeTables.From(compiled.Layout!);
        var run = SpecRuns.Run(spec);
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var generated = assembly.Policy(policy.FullName);

        Assert.Equal(policy.FullName, generated.PolicyName);
        // The count the batch trusts to leave out its test for window-less domains: the generator's constant is the engine's count.
        Assert.Equal(expected.DomainsWithoutWindows, generated.Tables.DomainsWithoutWindows);
        var probes = PolicyProbes.Dma(policy);
        Assert.NotEmpty(probes);
        EngineAgreement.Dma(in expected, generated, probes);
        foreach (var probe in PolicyProbes.Transfers(policy))
        {
            Assert.Equal(
                (probe, PolicyEngine.CheckTransfer(in expected, probe.Source, probe.Address, probe.Length, probe.Access)),
                (probe, generated.CheckTransfer(probe.Source, probe.Address, probe.Length, probe.Access)));
        }
        EngineAgreement.Interrupts(in expected, generated, PolicyProbes.Interrupts(policy));
        EngineAgreement.Batch(in expected, generated, probes);

        bool scalable = compiled.Layout!.UnitPasidBits.Any(bits => bits != 0);
        Assert.Equal(scalable, generated.Pasids is not null);
        Assert.Equal(scalable, generated.Tables is IPasidTables);
        foreach (var (probe, pasid) in PasidProbes(policy, probes))
        {
            var engine = PolicyEngine.TranslateWithPasid(in expected, probe.Source, pasid, probe.Address, probe.Access);
            if (generated.Pasids is { } pasids)
            {
                Assert.Equal((probe, pasid, engine), (probe, pasid, pasids.TranslateWithPasid(probe.Source, pasid, probe.Address, probe.Access)));
            }
            else
            {
                // No PASID members: the engine, too, has no PASID answer but "legacy mode" (or no unit at all).
                Assert.Contains(engine.Fault, new[] { FaultReason.PasidRequestInLegacyMode, FaultReason.ScalableRootEntryNotPresent });
            }
        }
    }

    /// <summary>Every DMA probe again with each PASID its device binds, PASID 0 (RID_PASID) and one it does not bind.</summary>
    private static System.Collections.Generic.IEnumerable<(DmaProbe Probe, uint Pasid)> PasidProbes(VtdDsl.Compiler.Model.Policy policy, System.Collections.Generic.IReadOnlyList<DmaProbe> probes)
    {
        foreach (var probe in probes)
        {
            var device = policy.Devices.FirstOrDefault(d => d.Source.Key == probe.Source.Value);
            var pasids = device is null ? Array.Empty<uint>() : device.Pasids.Select(p => (uint)p.Pasid).ToArray();
            foreach (uint pasid in pasids.Append(0u).Append(0x1234u))
            {
                yield return (probe, pasid);
            }
        }
    }
}
