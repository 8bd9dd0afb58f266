using VtdDsl.Compiler;
using VtdDsl.Compiler.Reports;
using VtdDsl.Tool.Input;

namespace VtdDsl.Tests.Cli;

public sealed class ReviewCommandTests
{
    public static IEnumerable<object[]> BundledSpecs() => RepositoryPaths.ValidSpecs().Select(path => new object[] { path });

    [Theory]
    [MemberData(nameof(BundledSpecs))]
    public void Review_sheet_of_every_bundled_spec_matches_its_snapshot(string relativePath)
    {
        var result = VtdCompiler.Compile(relativePath, RepositoryPaths.ReadText(relativePath));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var markdown = new StringWriter { NewLine = "\n" };
        ReviewSheet.Build(result, TablePlanner.Plan).Write(markdown, DocumentFormat.Markdown);
        Snapshot.Match("Review", Path.GetFileNameWithoutExtension(relativePath), "md", markdown.ToString());
    }

    [Fact]
    public void Review_command_prints_the_markdown_sheet_and_exits_0()
    {
        var run = CliRun.Run("review", RepositoryPaths.Full("specs/two-vm.vtd"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("# Review: Contoso.Hypervisor.TwoVmHost\n", run.Out);
        Assert.Contains("| 2 | vm1 | 39-bit (automatic) | second-level |", run.Out);
        Assert.Contains("| [0x0, 0x8000_0000) | [0x1_0000_0000, 0x1_8000_0000) | 2 GiB | read write |", run.Out);
        Assert.Contains("| 0000:06:01.0 | old_card | 0000:05:00.0 |", run.Out);
        Assert.Contains("| dmar0 | 7 | nic_vf1 | 0000:03:10.1 | 0x42 | 3 | fixed | edge |", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Review_sheet_is_sorted_whatever_the_declaration_order()
    {
        const string first = """
            policy T.Order;
            domain b { id 5; map 0x2000 size 4KiB -> 0x20000 read; map 0x1000 size 4KiB -> 0x10000 read; }
            domain a { id 3; map 0x0 size 4KiB -> 0x30000 read; }
            device d2 00:02.0 -> b;
            device d1 00:01.0 -> b;
            device d3 00:03.0 -> a;
            """;
        const string second = """
            policy T.Order;
            device d3 00:03.0 -> a;
            device d1 00:01.0 -> b;
            domain a { id 3; map 0x0 size 4KiB -> 0x30000 read; }
            device d2 00:02.0 -> b;
            domain b { id 5; map 0x1000 size 4KiB -> 0x10000 read; map 0x2000 size 4KiB -> 0x20000 read; }
            """;
        string Sheet(string text)
        {
            var output = new StringWriter { NewLine = "\n" };
            ReviewSheet.Build(VtdCompiler.Compile("t.vtd", text), TablePlanner.Plan).Write(output, DocumentFormat.Markdown);
            return output.ToString();
        }
        string sheet = Sheet(first);
        Assert.Equal(sheet, Sheet(second));
        Assert.True(sheet.IndexOf("### Domain a (id 3)") < sheet.IndexOf("### Domain b (id 5)"));
        Assert.True(sheet.IndexOf("| [0x1000, 0x2000)") < sheet.IndexOf("| [0x2000, 0x3000)"));
        Assert.True(sheet.IndexOf("| 0000:00:01.0 | d1") < sheet.IndexOf("| 0000:00:02.0 | d2"));
    }

    [Fact]
    public void Shared_memory_status_agrees_with_VTD3008()
    {
        // a writes the page through a shared window and also reads it through an unshared one; b
        // reads it through a shared window. Every pair with a writer is shared on both sides: no
        // VTD3008, and the sheet must not say "NOT marked shared" either.
        const string text = """
            policy T.Shared;
            domain a { map 0x0 size 4KiB -> 0x1000 read write shared; map 0x1000 size 4KiB -> 0x1000 read; }
            domain b { map 0x0 size 4KiB -> 0x1000 read shared; }
            device 00:01.0 -> a;
            device 00:02.0 -> b;
            """;
        var result = VtdCompiler.Compile("t.vtd", text);
        var output = new StringWriter { NewLine = "\n" };
        ReviewSheet.Build(result, TablePlanner.Plan).Write(output, DocumentFormat.Markdown);

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "VTD3008");
        Assert.Contains("| [0x1000, 0x2000) | 4 KiB | a (id 1): read write; b (id 2): read, shared | every writing window marked shared (reviewed exception) |", output.ToString());
        Assert.Contains("Host memory written by more than one domain: 1 range, every writing window there marked shared.", output.ToString());
    }

    [Fact]
    public void Text_format_prints_aligned_tables_without_markdown()
    {
        var run = CliRun.Run("review", RepositoryPaths.Full("specs/two-vm.vtd"), "--format", "text");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("| ---", run.Out);
        Assert.DoesNotContain("# ", run.Out);
        Assert.StartsWith("Review: Contoso.Hypervisor.TwoVmHost\n====", run.Out);
        var lines = run.Out.Split('\n');
        var header = lines.First(line => line.TrimStart().StartsWith("DMA range"));
        var rows = lines.SkipWhile(line => line != header).Skip(2).TakeWhile(line => line.Length > 0).ToList();
        Assert.NotEmpty(rows);
        int hostColumn = header.IndexOf("host range");
        Assert.All(rows, row => Assert.Equal('[', row[hostColumn]));
    }

    [Fact]
    public void Shared_memory_lists_every_range_two_domains_reach_with_write_including_pass_through()
    {
        var run = CliRun.Run("review", RepositoryPaths.Full("specs/multi-unit-server.vtd"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("| [0x10_0000_0000, 0x8F_8000_0000) | 510 GiB | host (id 1, pass-through): read write; vm_db (id 10): read write | NOT marked shared (VTD3008) |", run.Out);

        var sriov = CliRun.Run("review", RepositoryPaths.Full("specs/sriov-host.vtd"));
        Assert.Contains("| [0x7_0000_0000, 0x7_0020_0000) | 2 MiB | vm_a (id 2): read write, shared; vm_b (id 3): read write, shared | shared in every window (reviewed exception) |", sriov.Out);
    }

    [Fact]
    public void Table_sizes_come_from_the_runtime_plan()
    {
        var result = SpecLoader("specs/two-vm.vtd");
        var planned = TablePlanner.Plan(result.Layout!);
        Assert.Null(planned.Problem);
        var unit = Assert.Single(planned.Units!);
        var tables = RuntimeTables.From(result.Layout!);
        Assert.Equal(DmarImage.Plan(in tables).TotalBytes, unit.Bytes);
        Assert.Equal(4, unit.ContextTables);
        Assert.Equal(256, unit.InterruptEntries);
    }

    [Fact]
    public void A_spec_with_errors_prints_its_diagnostics_to_stderr_and_exits_1()
    {
        var run = CliRun.Run("review", RepositoryPaths.Full("specs/invalid/VTD3005.vtd"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("error VTD3005:", run.Error);
    }

    [Fact]
    public void A_bad_format_exits_2()
    {
        var format = CliRun.Run("review", RepositoryPaths.Full("specs/two-vm.vtd"), "--format", "pdf");
        Assert.Equal(2, format.ExitCode);
        Assert.Equal("", format.Out);
    }

    [Theory]
    [InlineData(4096UL, "4 KiB")]
    [InlineData(2UL << 30, "2 GiB")]
    [InlineData(3552UL << 20, "3552 MiB")]
    [InlineData(640UL << 10, "640 KiB")]
    [InlineData(1000UL, "1000 B")]
    public void Sizes_are_written_in_the_largest_exact_unit(ulong bytes, string expected) =>
        Assert.Equal(expected, Format.Size(bytes));

    [Fact]
    public void Addresses_are_grouped_like_specs_and_ranges_are_half_open()
    {
        Assert.Equal("0x1_0000_0000", Format.Hex(0x1_0000_0000));
        Assert.Equal("0xFE00_0000", Format.Hex(0xFE00_0000));
        Assert.Equal("[0x0, 0x1000)", Format.Range(0, 0xFFF));
        Assert.Equal("[0x0, 2^64)", Format.Range(0, ulong.MaxValue));
    }

    private static CompilationResult SpecLoader(string relativePath) =>
        VtdCompiler.Compile(relativePath, RepositoryPaths.ReadText(relativePath));
}
