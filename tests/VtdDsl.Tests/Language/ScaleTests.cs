using System.Linq;
using System.Text;

namespace VtdDsl.Tests.Language;

/// <summary>Large specs: the overlap checks are sort-and-sweep, so 100,000 windows are routine (timings live in the benchmarks).</summary>
public sealed class ScaleTests
{
    [Fact]
    public void One_overlap_among_a_hundred_thousand_windows_is_found()
    {
        var text = new StringBuilder("policy Test.Scale;\ndomain big {\n");
        for (int i = 0; i < 100_000; i++)
        {
            ulong iova = (ulong)i * 0x2000;
            text.Append($"    map 0x{iova:X} size 4KiB -> 0x{0x1_0000_0000UL + iova:X} read write;\n");
        }
        text.Append("    map 0x5000 size 8KiB -> 0x9_0000_0000 read;\n}\ndevice 00:01.0 -> big;\n");

        var result = Compile.Source(text.ToString());

        var overlap = Assert.Single(result.Diagnostics);
        Assert.Equal(("VTD3005", 100_003), (overlap.Id, overlap.Location.Span.Line));
        Assert.Contains("[0x6000, 0x7000) and [0x5000, 0x7000)", overlap.Message);
    }

    [Fact]
    public void Many_domains_sharing_read_only_memory_produce_no_warning()
    {
        var text = new StringBuilder("policy Test.Scale;\n");
        for (int i = 0; i < 2000; i++)
        {
            text.Append($"domain d{i} {{ map 0x0 size 1GiB -> 0x0 read; }}\ndevice {i / 256:x2}:{i / 8 % 32:x2}.{i % 8} -> d{i};\n");
        }

        var result = Compile.Source(text.ToString());

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2000, result.Layout!.DomainCount);
    }
}
