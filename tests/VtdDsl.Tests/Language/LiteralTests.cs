namespace VtdDsl.Tests.Language;

/// <summary>Numbers, sizes and source ids at their edges.</summary>
public sealed class LiteralTests
{
    private static string WithWindow(string iova, string size) => Compile.Policy($$"""
        domain d { map {{iova}} size {{size}} -> 0x0 read write; }
        device 00:01.0 -> d;
        """);

    [Theory]
    [InlineData("18446744073709551615")]
    [InlineData("0xFFFF_FFFF_FFFF_FFFF")]
    [InlineData("0xffffffffffffffff")]
    public void Largest_64_bit_number_is_accepted(string literal)
    {
        var result = Compile.Source(Compile.Policy($"memory m 0x0 size 4KiB;\nprotect p {literal} size 1;"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "VTD0002");
    }

    [Theory]
    [InlineData("18446744073709551616", "VTD0005", "Number `18446744073709551616` is above 2^64-1")]
    [InlineData("0x1_0000_0000_0000_0000", "VTD0005", "Number `0x1_0000_0000_0000_0000` is above 2^64-1")]
    [InlineData("99999999999999999999999", "VTD0005", "Number `99999999999999999999999` is above 2^64-1")]
    [InlineData("0x_", "VTD0002", "`0x_` is not a number")]
    [InlineData("0x", "VTD0002", "`0x` is not a number")]
    public void Malformed_number_is_VTD0002_and_too_large_one_VTD0005(string literal, string id, string message)
    {
        var result = Compile.Source(Compile.Policy($"protect p {literal} size 4KiB;"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(2, diagnostic.Location.Span.Line);
        Assert.Equal(11, diagnostic.Location.Span.Column);
    }

    [Fact]
    public void A_five_thousand_digit_number_is_one_diagnostic_with_a_shortened_text()
    {
        var result = Compile.Source(Compile.Policy($"protect p {new string('9', 5000)} size 4KiB;"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("VTD0005", diagnostic.Id);
        Assert.True(diagnostic.Message.Length < 100, diagnostic.Message);
        Assert.Equal(5000, diagnostic.Location.Span.Length);
    }

    [Theory]
    [InlineData("4096", 4096UL)]
    [InlineData("4K", 4096UL)]
    [InlineData("4KiB", 4096UL)]
    [InlineData("2M", 2UL << 20)]
    [InlineData("3584MiB", 3584UL << 20)]
    [InlineData("60GiB", 60UL << 30)]
    [InlineData("1T", 1UL << 40)]
    [InlineData("0x1_000", 4096UL)]
    [InlineData("16_383TiB", 16383UL << 40)]
    public void Sizes_take_units_of_1024(string literal, ulong expected)
    {
        var result = Compile.Source(WithWindow("0x0", literal));

        Assert.Equal(expected, result.Policy!.Domains[0].Windows[0].Size);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0GiB")]
    [InlineData("16777216TiB")]
    [InlineData("0x4000_0000_0000_0000K")]
    public void Zero_or_overflowing_size_is_VTD0004(string literal)
    {
        var result = Compile.Source(WithWindow("0x0", literal));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("VTD0004", diagnostic.Id);
        Assert.Equal($"Size `{literal}` must be above zero and below 2^64", diagnostic.Message);
    }

    [Theory]
    [InlineData("ff:1f.7", 0, 0xff, 0x1f, 7)]
    [InlineData("FF:1F.7", 0, 0xff, 0x1f, 7)]
    [InlineData("ffff:00:00.0", 0xffff, 0, 0, 0)]
    [InlineData("0000:03:10.1", 0, 3, 0x10, 1)]
    [InlineData("3:0.0", 0, 3, 0, 0)]
    public void Source_ids_at_their_limits_are_accepted(string text, int segment, int bus, int device, int function)
    {
        var result = Compile.Source(Compile.Policy($"domain d {{ }}\ndevice x {text} -> d;\niommu u {{ segment {segment}; }}"));

        var address = result.Policy!.Devices[0].Source;
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "VTD0003");
        Assert.Equal((segment, bus, device, function), ((int)address.Segment, (int)address.Bus, (int)address.Device, (int)address.Function));
    }

    [Theory]
    [InlineData("00:20.0")]
    [InlineData("00:00.8")]
    [InlineData("100:00.0")]
    [InlineData("10000:00:00.0")]
    public void Source_ids_out_of_range_are_VTD0003(string text)
    {
        var result = Compile.Source(Compile.Policy($"domain d {{ }}\ndevice x {text} -> d;"));

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("VTD0003", error.Id);
        Assert.Contains(text, error.Message);
        Assert.Equal((3, 10), (error.Location.Span.Line, error.Location.Span.Column));
    }
}
