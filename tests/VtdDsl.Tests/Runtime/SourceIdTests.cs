using System;

namespace VtdDsl.Tests.Runtime;

public class SourceIdTests
{
    [Fact]
    public void Parses_the_largest_short_form()
    {
        var id = SourceId.Parse("ff:1f.7");
        Assert.Equal((ushort)0, id.Segment);
        Assert.Equal((byte)0xFF, id.Bus);
        Assert.Equal((byte)31, id.Device);
        Assert.Equal((byte)7, id.Function);
        Assert.Equal((ushort)0xFFFF, id.RequesterId);
        Assert.Equal("0000:ff:1f.7", id.ToString());
    }

    [Fact]
    public void Segment_form_equals_short_form()
    {
        Assert.Equal(SourceId.Parse("03:00.0"), SourceId.Parse("0000:03:00.0"));
        Assert.Equal("0000:03:00.0", SourceId.Parse("03:00.0").ToString());
        Assert.Equal((ushort)0x0300, SourceId.Parse("03:00.0").RequesterId);
    }

    [Fact]
    public void Parses_the_largest_segment()
    {
        var id = SourceId.Parse("ffff:00:00.0");
        Assert.Equal((ushort)0xFFFF, id.Segment);
        Assert.Equal(0xFFFF_0000u, id.Value);
        Assert.Equal((ushort)0, id.RequesterId);
        Assert.Equal("ffff:00:00.0", id.ToString());
    }

    [Theory]
    [InlineData("00:20.0")]   // device 32
    [InlineData("00:00.8")]   // function 8
    [InlineData("100:00.0")]  // bus of three digits
    [InlineData("10000:00:00.0")]
    [InlineData("03:00")]
    [InlineData("03.00:0")]
    [InlineData("g3:00.0")]
    [InlineData("03:00.0.1")]
    [InlineData(":00.0")]
    [InlineData("")]
    public void Rejects(string text)
    {
        Assert.False(SourceId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SourceId.Parse(text));
    }

    [Fact]
    public void Requester_id_round_trips_and_compares()
    {
        var id = new SourceId(5, 0x03, 0x10, 1);
        Assert.Equal((ushort)0x0381, id.RequesterId);
        Assert.Equal(id, SourceId.FromRequesterId(5, 0x0381));
        Assert.True(new SourceId(0, 0xFF, 31, 7).CompareTo(new SourceId(1, 0, 0, 0)) < 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SourceId(0, 0, 32, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SourceId(0, 0, 0, 8));
    }

    [Fact]
    public void Formats_into_a_span()
    {
        Span<char> buffer = stackalloc char[16];
        Assert.True(SourceId.Parse("0001:0a:1b.3").TryFormat(buffer, out int written, default, null));
        Assert.Equal("0001:0a:1b.3", buffer[..written].ToString());
        Assert.False(SourceId.Parse("0001:0a:1b.3").TryFormat(buffer[..5], out _, default, null));
    }
}
