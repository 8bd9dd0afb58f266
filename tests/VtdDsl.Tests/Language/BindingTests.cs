using VtdDsl.Compiler.Model;

namespace VtdDsl.Tests.Language;

/// <summary>Defaults and automatic assignment: domain ids, address widths, interrupt indexes, units.</summary>
public sealed class BindingTests
{
    [Fact]
    public void Automatic_domain_ids_skip_ids_claimed_explicitly_and_start_at_one()
    {
        var result = Compile.Source(Compile.Policy("""
            domain a { }
            domain b { id 2; }
            domain c { }
            domain d { id 1; }
            domain e { }
            device 00:01.0 -> a; device 00:02.0 -> b; device 00:03.0 -> c; device 00:04.0 -> d; device 00:05.0 -> e;
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new ushort[] { 3, 2, 4, 1, 5 }, result.Policy!.Domains.Select(d => d.Id).ToArray());
        Assert.Equal(new[] { false, true, false, true, false }, result.Policy.Domains.Select(d => d.IdIsExplicit).ToArray());
    }

    [Fact]
    public void Processes_take_automatic_ids_after_every_domain()
    {
        var result = Compile.Source(Compile.Policy("""
            iommu u { mode scalable; }
            process p;
            domain a { }
            domain b { }
            device g 00:02.0 -> a { ats; pri; pasid 1 -> process p; pasid 2 -> b; }
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Policy!.Processes[0].DomainId);
    }

    [Theory]
    [InlineData("map 0x0 size 4KiB -> 0x0 read;", 39)]
    [InlineData("map 0x7F_FFFF_F000 size 4KiB -> 0x0 read;", 39)]
    [InlineData("map 0x80_0000_0000 size 4KiB -> 0x0 read;", 48)]
    [InlineData("map 0xFFFF_FFFF_F000 size 4KiB -> 0x0 read;", 48)]
    [InlineData("", 39)]
    public void Default_width_is_the_smallest_supported_one_covering_every_window(string window, int width)
    {
        var result = Compile.Source(Compile.Policy($"domain d {{ {window} }}\ndevice 00:01.0 -> d;"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(width, result.Policy!.Domains[0].AddressWidth);
    }

    [Fact]
    public void Default_width_respects_the_serving_units_widths()
    {
        var result = Compile.Source(Compile.Policy("""
            iommu u { address-width 48, 57; }
            domain d { map 0x0 size 4KiB -> 0x0 read; }
            domain big { map 0x1_0000_0000_0000 size 4KiB -> 0x0 read; }
            device 00:01.0 -> d;
            device 00:02.0 -> big;
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { 48, 57 }, result.Policy!.Domains.Select(d => d.AddressWidth).ToArray());
    }

    [Fact]
    public void A_window_no_supported_width_covers_is_VTD3003()
    {
        var result = Compile.Source(Compile.Policy("domain d { map 0x1_0000_0000_0000 size 4KiB -> 0x0 read; }\ndevice 00:01.0 -> d;"));

        Assert.Equal(new[] { "VTD3003@2:12" }, result.Ids());
        Assert.Contains("goes beyond its 48-bit address width", result.Diagnostics[0].Message);
    }

    [Fact]
    public void Automatic_interrupt_indexes_skip_explicit_ones_in_declaration_order()
    {
        var result = Compile.Source(Compile.Policy("""
            iommu u { interrupts 8; }
            domain d { }
            device a 00:01.0 -> d;
            device b 00:02.0 -> d;
            interrupt a vector 0x30 -> cpu 0;
            interrupt b vector 0x31 -> cpu 1 { index 1; }
            interrupt a vector 0x32 -> cpu 2;
            interrupt b vector 0x33 -> cpu 3 { index 0; }
            interrupt a vector 0x34 -> cpu 4;
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { 2, 1, 3, 0, 4 }, result.Policy!.Interrupts.Select(i => i.Index).ToArray());
    }

    [Fact]
    public void A_full_interrupt_table_is_VTD5007_at_the_interrupt_that_finds_no_entry()
    {
        var result = Compile.Source(Compile.Policy("""
            iommu u { interrupts 2; }
            domain d { }
            device a 00:01.0 -> d;
            interrupt a vector 0x30 -> cpu 0;
            interrupt a vector 0x31 -> cpu 0;
            interrupt a vector 0x32 -> cpu 0;
            """));

        Assert.Equal(new[] { "VTD5007@7:1" }, result.Ids());
        Assert.Contains("is full", result.Diagnostics[0].Message);
    }

    [Fact]
    public void Without_an_iommu_a_default_unit_serves_segment_zero()
    {
        var result = Compile.Source(Compile.Policy("domain d { }\ndevice 00:01.0 -> d;\ndevice 0001:00:01.0 -> d;"));

        var unit = Assert.Single(result.Policy!.Units);
        Assert.True(unit.IsImplicit);
        Assert.Equal(("dmar0", 65536, 65536, AddressWidths.Bits39 | AddressWidths.Bits48), (unit.Name, unit.DomainCount, unit.InterruptEntries, unit.Widths));
        Assert.Equal(new[] { "VTD4002@4:8" }, result.Ids());
    }

    [Fact]
    public void An_explicit_scope_wins_over_scope_all_on_the_same_segment()
    {
        var result = Compile.Source(Compile.Policy("""
            iommu gfx { scope 00:02.0; }
            iommu rest { scope all; }
            domain d { }
            device gpu 00:02.0 -> d;
            device nic 00:03.0 -> d;
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { 0, 1 }, result.Policy!.Devices.Select(d => d.UnitIndex).ToArray());
    }

    [Fact]
    public void Names_may_be_used_before_they_are_declared_and_kinds_have_separate_names()
    {
        var result = Compile.Source(Compile.Policy("""
            interrupt nic vector 0x40 -> cpu 1;
            device nic 00:01.0 -> nic;
            domain nic { }
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, result.Policy!.Interrupts[0].DeviceIndex);
    }

    [Fact]
    public void Identity_windows_map_each_address_to_itself()
    {
        var result = Compile.Source(Compile.Policy("domain d { identity 0x20_0000 size 2MiB read write shared; }\ndevice 00:01.0 -> d;"));

        var window = result.Policy!.Domains[0].Windows[0];
        Assert.Equal((0x20_0000UL, 0x20_0000UL, Rights.ReadWrite, true, true), (window.Iova, window.HostAddress, window.Rights, window.Shared, window.IsIdentity));
    }
}
