namespace VtdDsl.Tests.Language;

/// <summary>VTD6009: a <c>pasid</c> line on a device reached <c>via</c> a PCIe-to-PCI bridge.</summary>
public sealed class PasidBehindBridgeTests
{
    private const string Platform = """
        iommu dmar0 { mode scalable; scope all; }
        process render;
        domain a { identity 0x0 size 1GiB read write; }
        domain b { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }

        """;

    [Fact]
    public void A_pasid_line_on_a_bridged_device_is_reported_there_naming_the_device_and_the_bridge()
    {
        var result = Compile.Source(Compile.Policy(Platform + """
            device card 06:01.0 via 05:00.0 -> a {
                pasid 1 -> b;
            }
            device gpu 00:02.0 -> a { ats; pri; pasid 1 -> process render; }
            """));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("VTD6009", diagnostic.Id);
        Assert.Equal((7, 5), (diagnostic.Location.Span.Line, diagnostic.Location.Span.Column));
        Assert.Equal((6, 25), (Assert.Single(diagnostic.RelatedLocations).Span.Line, diagnostic.RelatedLocations[0].Span.Column));
        Assert.Equal("Device 'card' binds PASID 1, but it is a conventional PCI device behind bridge 0000:05:00.0 (the 'via' at line 6): "
            + "its requests carry the bridge's source id and no PASID", diagnostic.Message);
        Assert.Null(result.Layout);
    }

    [Fact]
    public void Each_pasid_line_of_a_bridged_device_is_reported_whatever_its_target()
    {
        var result = Compile.Source(Compile.Policy(Platform + """
            device card 06:01.0 via 05:00.0 -> a { ats; pri; pasid 1 -> b; pasid 2 -> process render; }
            """));

        Assert.Equal(new[] { "VTD6009@6:50", "VTD6009@6:64" }, result.Ids());
    }

    [Fact]
    public void A_bridged_device_without_pasid_lines_and_a_pasid_on_a_device_with_its_own_id_check_clean()
    {
        var result = Compile.Source(Compile.Policy(Platform + """
            device card 06:01.0 via 05:00.0 -> a;
            device gpu 00:02.0 -> a { ats; pri; pasid 1 -> process render; pasid 2 -> b; }
            device nic 03:00.0 -> b { pasid 3 -> a; }
            """));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Layout);
    }

    [Fact]
    public void On_a_legacy_unit_the_bridge_is_reported_besides_the_missing_scalable_mode()
    {
        var result = Compile.Source(Compile.Policy("""
            domain a { identity 0x0 size 1GiB read write; }
            domain b { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }
            device card 06:01.0 via 05:00.0 -> a { pasid 1 -> b; }
            """));

        Assert.Equal(new[] { "VTD6003", "VTD6009" }, result.IdsOnly());
    }
}
