using System;
using System.Linq;
using VtdDsl.Tool.Input;
using VtdDsl.Compiler;
using VtdDsl.Tests.Cli;
using VtdDsl.Tests.Infrastructure;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// For every bundled spec, three independent answers agree on every boundary probe: the
/// generated code, the IOMMU model walking the hardware image, and the <c>vtd</c> command.
/// </summary>
public sealed class ThreeWayAgreementTests
{
    private const ulong ImageBase = 0x7f00_0000;

    [Theory]
    [MemberData(nameof(SpecRuns.ValidSpecs), MemberType = typeof(SpecRuns))]
    public void Generated_code_the_IOMMU_model_and_vtd_translate_agree(string spec)
    {
        var (policy, hardware, assembly) = Build(spec);
        using var loaded = assembly;
        var generated = assembly.Policy(policy.FullName);
        var probes = PolicyProbes.Dma(policy);

        using var files = new CliRun();
        string queries = files.File("probes.txt", string.Join("\n", probes.Select(p => p.ToQueryLine())));
        var cli = CliRun.Run("translate", RepositoryPaths.Full(spec), "--queries", queries);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(probes.Count, cli.OutLines.Count);

        for (int i = 0; i < probes.Count; i++)
        {
            var probe = probes[i];
            string fromCode = generated.Translate(probe.Source, probe.Address, probe.Access).ToString();
            string fromHardware = hardware.Translate(probe.Source, probe.Address, probe.Access).ToString();
            Assert.Equal((probe.ToQueryLine(), fromCode), (probe.ToQueryLine(), fromHardware));
            Assert.Equal((probe.ToQueryLine(), fromCode), (probe.ToQueryLine(), cli.OutLines[i]));
        }
    }

    [Theory]
    [MemberData(nameof(SpecRuns.ValidSpecs), MemberType = typeof(SpecRuns))]
    public void Interrupts_agree_across_generated_code_the_IOMMU_model_and_vtd_interrupt(string spec)
    {
        var (policy, hardware, assembly) = Build(spec);
        using var loaded = assembly;
        var generated = assembly.Policy(policy.FullName);

        foreach (var probe in PolicyProbes.Interrupts(policy))
        {
            string fromCode = generated.RemapInterrupt(probe.Source, probe.Index).ToString();
            string fromHardware = hardware.RemapInterrupt(probe.Source, probe.Index).ToString();
            Assert.Equal((probe, fromCode), (probe, fromHardware));
            if (probe.Index < 0)
            {
                continue; // the command line takes table indexes, 0 and up: a negative one is a usage error
            }
            var cli = CliRun.Run("interrupt", RepositoryPaths.Full(spec), probe.Source.ToString(), probe.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((probe, fromCode + "\n"), (probe, cli.Out));
        }
    }

    /// <summary>The spec compiled, its image written and walked by the IOMMU model, and its generated code loaded.</summary>
    private static (VtdDsl.Compiler.Model.Policy Policy, IommuPlatform Hardware, GeneratedAssembly Assembly) Build(string spec)
    {
        var compiled = VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec));
        var tables = RuntimeTables.From(compiled.Layout!);
        byte[] image = DmarImage.Create(tables, ImageBase, out var layout);
        return (compiled.Policy!, IommuPlatform.FromImage(tables, layout, image), GeneratedAssembly.Load(SpecRuns.Run(spec).Compilation));
    }
}
