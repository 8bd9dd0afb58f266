using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Tests.Language;

/// <summary>The policy analysis: computed once, and the one source of VTD3008 and of the review's shared-memory table.</summary>
public sealed class AnalysisTests
{
    [Fact]
    public void The_analysis_the_checks_computed_is_the_one_the_result_carries()
    {
        var result = Compile.Source(Compile.Policy("""
            domain a { map 0x0 size 4KiB -> 0x1000 read write; }
            domain b { map 0x0 size 4KiB -> 0x1000 read; }
            device 00:01.0 -> a; device 00:02.0 -> b;
            """));

        var analysis = result.Analysis!;
        Assert.Same(analysis, PolicyAnalysis.Of(result.Policy!));
        Assert.Same(analysis.SharedMemory, analysis.SharedMemory);
        var conflict = Assert.Single(analysis.SharedMemory.Conflicts);
        Assert.Equal(("b", "a"), (result.Policy!.Domains[conflict.Later.Domain].Name, result.Policy.Domains[conflict.Earlier.Domain].Name));
        Assert.Equal("VTD3008", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_shared_writer_beside_an_unshared_reader_of_its_own_domain_is_no_conflict_and_not_reported_unmarked()
    {
        // a: a shared read-write window and an unshared read-only one over the same host page;
        // b: a shared read-only window there. Every pair with a writer is shared on both sides.
        var result = Compile.Source(Compile.Policy("""
            domain a { map 0x0 size 4KiB -> 0x1000 read write shared; map 0x1000 size 4KiB -> 0x1000 read; }
            domain b { map 0x0 size 4KiB -> 0x1000 read shared; }
            device 00:01.0 -> a; device 00:02.0 -> b;
            """));

        Assert.DoesNotContain("VTD3008", result.IdsOnly());
        var range = Assert.Single(result.Analysis!.SharedMemory.Ranges);
        Assert.False(range.Unmarked);
        Assert.False(range.AllShared);
        Assert.Equal(new[] { new DomainReach(0, Rights.ReadWrite, false), new DomainReach(1, Rights.Read, true) }, range.Domains.ToArray());
    }

    [Fact]
    public void Reach_is_the_union_of_a_domains_windows_per_right_and_all_memory_for_pass_through()
    {
        var result = Compile.Source(Compile.Policy("""
            domain a { map 0x0 size 4KiB -> 0x1000 read; map 0x1000 size 4KiB -> 0x2000 read write; }
            domain p { passthrough; }
            device 00:01.0 -> a; device 00:02.0 -> p;
            """));

        var reach = result.Analysis!.Reach;
        Assert.Equal(new[] { (0x1000UL, 0x2FFFUL) }, reach.Of(0, Rights.Read).Ranges.ToArray());
        Assert.Equal(new[] { (0x2000UL, 0x2FFFUL) }, reach.Of(0, Rights.Write).Ranges.ToArray());
        Assert.Equal(new[] { (0UL, ulong.MaxValue) }, reach.Of(1, Rights.Write).Ranges.ToArray());
        Assert.True(reach.Of(-1, Rights.Read).IsEmpty);
    }

    [Fact]
    public void The_index_lists_devices_by_source_id_and_units_in_unit_order()
    {
        var result = Compile.Source(Compile.Policy("""
            domain a { }
            device 00:03.0 -> a; device 00:01.0 -> a;
            """));

        var index = result.Analysis!.Index;
        Assert.Equal(new[] { "0000:00:01.0", "0000:00:03.0" }, index.DevicesOf[0].Select(d => result.Policy!.Devices[d].Source.ToString()).ToArray());
        Assert.Equal(new[] { 0 }, index.UnitsOf[0].ToArray());
        Assert.Equal(new[] { 0 }, index.DomainsServedBy[0].ToArray());
    }
}
