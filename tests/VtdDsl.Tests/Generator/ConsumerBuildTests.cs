using System.Linq;
using Microsoft.CodeAnalysis;

namespace VtdDsl.Tests.Generator;

/// <summary>
/// No C# cascade: a spec with errors still generates its policy type (the constants that are
/// known, over the tables of an empty policy), so the user's code that uses it compiles and the
/// build output holds the VTD errors only — and the type lets nothing through.
/// </summary>
public sealed class ConsumerBuildTests
{
    private const string BrokenSpec = """
        policy First.Hour;
        iommu dmar0 { scope all; mode scalable; interrupts 256; }
        domain vm1 { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }
        domian vm2 { map 0x0 size 1GiB -> 0x2_0000_0000 read write; }
        process render;
        device nic 03:00.0 -> vm1;
        device gpu 00:02.0 -> vm1 { ats; pri; pasid 1 -> process render; }
        interrupt nic vector 0x41 -> cpu 2;
        """;

    private const string UserCode = """
        using First;
        using VtdDsl;

        public static class UserCode
        {
            public static DmaTranslation Dma() => Hour.Translate(Hour.Devices.Nic, 0x1000, DmaAccess.Write);
            public static DmaTranslation Transfer() => Hour.CheckTransfer(Hour.Devices.Nic, 0x1000, 0x100, DmaAccess.Read);
            public static InterruptRemap Interrupt() => Hour.RemapInterrupt(Hour.Devices.Nic, 0);
            public static PasidTranslation Pasid() => Hour.TranslateWithPasid(Hour.Devices.Gpu, 1, 0x1000, DmaAccess.Read);
            public static ushort Domain => Hour.Domains.Vm1;
            public static int Process => Hour.Processes.Render;
            public static string Name => Hour.Tables.PolicyName;
        }
        """;

    [Fact]
    public void A_spec_with_errors_shows_VTD_errors_only_and_user_code_binds()
    {
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("hour.vtd", BrokenSpec) }, null, UserCode);

        Assert.Equal(new[] { "VTD0010" }, run.Diagnostics.Select(d => d.Id));
        Assert.Equal(2, run.GeneratedSources.Length); // the API and its tables
        var csharp = run.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.Empty(csharp);
    }

    [Fact]
    public void The_type_of_a_spec_with_errors_denies_everything()
    {
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("hour.vtd", BrokenSpec) }, null, UserCode);
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var policy = assembly.Policy("First.Hour");

        Assert.Equal("First.Hour", policy.PolicyName);
        Assert.False(policy.Translate(SourceId.Parse("03:00.0"), 0x1000, DmaAccess.Read).IsAllowed);
        Assert.False(policy.CheckTransfer(SourceId.Parse("03:00.0"), 0x1000, 0x100, DmaAccess.Read).IsAllowed);
        Assert.False(policy.RemapInterrupt(SourceId.Parse("03:00.0"), 0).IsAllowed);
        Assert.False(Assert.IsAssignableFrom<IPasidCaller>(policy.Pasids).TranslateWithPasid(SourceId.Parse("00:02.0"), 1, 0x1000, DmaAccess.Read).IsAllowed);
    }

    [Fact]
    public void Without_a_policy_name_there_is_no_type_to_generate()
    {
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("nameless.vtd", "domain d { }\ndevice 00:01.0 -> d;\n") });

        Assert.Equal(new[] { "VTD1004" }, run.Diagnostics.Select(d => d.Id));
        Assert.Empty(run.GeneratedSources);
    }
}
