using System.Linq;
using VtdDsl.Generator.Naming;

namespace VtdDsl.Tests.Generator;

/// <summary>Spec names become valid, unique C# identifiers.</summary>
public class NamingTests
{
    [Theory]
    [InlineData("nic_pf", "NicPf")]
    [InlineData("vm1", "Vm1")]
    [InlineData("old_card", "OldCard")]
    [InlineData("xhci", "Xhci")]
    [InlineData("__gpu__", "Gpu")]
    [InlineData("_1st", "_1st")]
    [InlineData("_", "_")]
    [InlineData("nicPF", "NicPF")]
    public void Names_become_PascalCase(string name, string expected) => Assert.Equal(expected, IdentifierNames.ToPascalCase(name));

    [Fact]
    public void Keywords_are_escaped() => Assert.Equal("My.@class.@namespace.Host", IdentifierNames.EscapeDotted("My.class.namespace.Host"));

    [Fact]
    public void Clashing_names_get_suffixes()
    {
        var names = new UniqueNames("Domains");
        Assert.Equal(new[] { "NicPf", "NicPf_2", "Domains_2", "Equals_2", "NicPf_3" },
            new[] { "NicPf", "NicPf", "Domains", "Equals", "NicPf" }.Select(names.Claim));
    }

    [Fact]
    public void A_spec_full_of_awkward_names_generates_compiling_code()
    {
        const string spec = """
            policy Acme.@event.Names;
            domain Domains { map 0x0 size 4KiB -> 0x1000_0000 read; }
            domain equals { map 0x0 size 4KiB -> 0x2000_0000 read; }
            domain nic_pf { map 0x0 size 4KiB -> 0x3000_0000 read; }
            domain nicPf { map 0x0 size 4KiB -> 0x4000_0000 read; }
            domain _1st { map 0x0 size 4KiB -> 0x5000_0000 read; }
            device Devices 00:01.0 -> Domains;
            device to_string 00:02.0 -> equals;
            device nic_pf 00:03.0 -> nic_pf;
            device NicPf 00:04.0 -> nicPf;
            device 00:05.0 -> _1st;
            """;
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("names.vtd", spec.Replace("@event", "event")) });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        string text = string.Concat(run.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("namespace Acme.@event", text);
        Assert.Contains("public const ushort Domains_2 =", text);
        Assert.Contains("public const ushort Equals_2 =", text);
        Assert.Contains("public const ushort NicPf =", text);
        Assert.Contains("public const ushort NicPf_2 =", text);
        Assert.Contains("public const ushort _1st =", text);
        Assert.Contains("SourceId Devices_2 =>", text);
        Assert.Contains("SourceId ToString_2 =>", text);
        Assert.Contains("SourceId NicPf_2 =>", text);
        Assert.Equal(4, text.Split("public static global::VtdDsl.SourceId ").Length - 1); // the anonymous device has no constant
        using var assembly = GeneratedAssembly.Load(run.Compilation);
    }
}
