using VtdDsl.Testing;

namespace VtdDsl.Tests.Language;

/// <summary>Large specs: the overlap checks are sort-and-sweep, so 100,000 windows are routine (timings live in the benchmarks).</summary>
public sealed class ScaleTests
{
    [Fact]
    public void One_overlap_among_a_hundred_thousand_windows_is_found()
    {
        var text = new SpecBuilder("Test.Scale", capacity: 100_001 * 64).Domain("big", body =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                ulong iova = (ulong)i * 0x2000;
                body.Map(iova, 4 * SpecBuilder.KiB, 0x1_0000_0000UL + iova, "read write");
            }
            body.Map(0x5000, 8 * SpecBuilder.KiB, 0x9_0000_0000, "read");
        }).Device("00:01.0", "big");

        var result = Compile.Source(text.Build());

        var overlap = Assert.Single(result.Diagnostics);
        Assert.Equal(("VTD3005", 100_003), (overlap.Id, overlap.Location.Span.Line));
        Assert.Contains("Window [0x5000, 0x7000) of domain", overlap.Message);
        Assert.Contains("overlaps the window [0x6000, 0x7000) at line", overlap.Message);
    }

    [Fact]
    public void Many_domains_sharing_read_only_memory_produce_no_warning()
    {
        var text = new SpecBuilder("Test.Scale");
        for (int i = 0; i < 2000; i++)
        {
            text.Domain($"d{i}", body => body.Map(0, SpecBuilder.GiB, 0, "read")).Device($"{i / 256:x2}:{i / 8 % 32:x2}.{i % 8}", $"d{i}");
        }

        var result = Compile.Source(text.Build());

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2000, result.Layout!.DomainCount);
    }
}
