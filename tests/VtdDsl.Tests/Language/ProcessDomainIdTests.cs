using System.Text;

namespace VtdDsl.Tests.Language;

/// <summary>
/// A process's automatic domain id against the <c>domains</c> (CAP.ND) of the units whose PASID tables
/// lead to it: VTD2008 when a unit's domains and processes need more ids than it has, VTD2011 when
/// the process's id is simply too high for one of them.
/// </summary>
public sealed class ProcessDomainIdTests
{
    /// <summary><paramref name="count"/> domains, each with a device on bus 03 of segment <paramref name="segment"/>.</summary>
    private static string Guests(int count, int segment = 0, string prefix = "vm")
    {
        var text = new StringBuilder();
        for (int i = 1; i <= count; i++)
        {
            text.Append($"domain {prefix}{i} {{ map 0x0 size 4KiB -> 0x{i:X}000 read write; }}\n");
            text.Append($"device {prefix}_nic{i} {segment:X4}:03:{i:X2}.0 -> {prefix}{i};\n");
        }
        return text.ToString();
    }

    private const string Gpu = "device gpu 00:02.0 -> vm1 { ats; pri; pasid 1 -> process render; }\n";

    [Fact]
    public void Fifteen_domains_and_a_process_overfill_a_unit_with_domains_16()
    {
        var result = Compile.Source(Compile.Policy("iommu dmar0 { mode scalable; domains 16; }\nprocess render;\n" + Guests(15) + Gpu));

        var full = Assert.Single(result.Diagnostics);
        Assert.Equal("VTD2008@3:9", result.Ids().Single());
        Assert.Equal("Unit 'dmar0' supports 15 domain ids (1 to 15), but serves 15 domains and 1 process", full.Message);
        Assert.Equal(16, result.Policy!.Processes[0].DomainId);
    }

    [Fact]
    public void Fourteen_domains_and_a_process_fit_a_unit_with_domains_16()
    {
        var result = Compile.Source(Compile.Policy("iommu dmar0 { mode scalable; domains 16; }\nprocess render;\n" + Guests(14) + Gpu));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(15, result.Policy!.Processes[0].DomainId);
        Assert.NotNull(result.Layout);
    }

    [Fact]
    public void Two_processes_past_the_unit_count_both_in_the_message()
    {
        var result = Compile.Source(Compile.Policy("iommu dmar0 { mode scalable; domains 16; }\nprocess render;\nprocess compute;\n" + Guests(15)
            + "device gpu 00:02.0 -> vm1 { ats; pri; pasid 1 -> process render; pasid 2 -> process compute; }\n"));

        Assert.Equal(new[] { "VTD2008@3:9" }, result.Ids());
        Assert.EndsWith("but serves 15 domains and 2 processes", result.Diagnostics[0].Message);
    }

    [Fact]
    public void A_process_id_above_a_small_unit_that_serves_it_is_reported_at_the_process()
    {
        // dmar1 serves one domain and the process, but the 20 domains of segment 0 push the process's id to 22.
        var result = Compile.Source(Compile.Policy("""
            iommu dmar0 { segment 0; }
            iommu dmar1 { segment 1; mode scalable; domains 16; }
            process render;
            domain accel_host { identity 0x4000_0000 size 1GiB read write; }
            device accel 0001:00:02.0 -> accel_host { ats; pri; pasid 1 -> process render; }

            """ + Guests(20)));

        Assert.Equal(new[] { "VTD2011@4:9" }, result.Ids());
        Assert.Equal("Process 'render' has id 22, but unit 'dmar1' at line 3 supports ids below 16", result.Diagnostics[0].Message);
        Assert.Equal(3, result.Diagnostics[0].RelatedLocations[0].Span.Line);
    }

    [Fact]
    public void A_process_id_above_a_small_unit_that_does_not_serve_it_is_not_reported()
    {
        // The same policy, but the PASID is on a device of segment 0: dmar1's tables never hold the process's id.
        var result = Compile.Source(Compile.Policy("""
            iommu dmar0 { segment 0; mode scalable; }
            iommu dmar1 { segment 1; mode scalable; domains 16; }
            process render;
            domain accel_host { identity 0x4000_0000 size 1GiB read write; }
            device accel 0001:00:02.0 -> accel_host { ats; pri; }
            device gpu 00:02.0 -> vm1 { ats; pri; pasid 1 -> process render; }

            """ + Guests(20)));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(22, result.Policy!.Processes[0].DomainId);
    }

    [Fact]
    public void An_explicit_domain_id_past_the_unit_is_reported_besides_the_processes_overfilling_it()
    {
        // Explicit ids past the unit's count stay VTD2011 even when processes overfill the unit.
        var result = Compile.Source(Compile.Policy("iommu dmar0 { mode scalable; domains 16; }\nprocess render;\n"
            + "domain pinned { id 40; map 0x0 size 4KiB -> 0x0 read; }\ndevice pinned_nic 00:05.0 -> pinned;\n" + Guests(14) + Gpu));

        Assert.Equal(new[] { "VTD2008@3:9", "VTD2011@4:20" }, result.Ids());
    }

    [Fact]
    public void A_process_after_65535_domains_gets_no_id()
    {
        var text = new StringBuilder("policy Test.ManyDomains;\nprocess render;\n");
        for (int i = 0; i < 65535; i++) text.Append("domain d").Append(i).Append(";\n");

        var result = VtdDsl.Compiler.VtdCompiler.Compile("many.vtd", text.ToString(), diagnosticLimit: 200_000);

        var exhausted = Assert.Single(result.Diagnostics, d => d.Id == "VTD2014");
        Assert.Equal("Process 'render' gets no id: the policy needs 65536 domain ids, but ids run from 1 to 65535", exhausted.Message);
        Assert.Equal(2, exhausted.Location.Span.Line);
    }
}
