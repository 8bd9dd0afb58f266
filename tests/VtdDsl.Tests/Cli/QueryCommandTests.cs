namespace VtdDsl.Tests.Cli;

/// <summary><c>vtd translate</c>, <c>vtd interrupt</c> and <c>vtd image</c>: output exactly as ARCHITECTURE.md says.</summary>
public sealed class QueryCommandTests
{
    private static readonly string TwoVm = RepositoryPaths.Full("specs/two-vm.vtd");

    [Theory]
    [InlineData("03:00.0", "0x1000", "rw", "allowed 0x100001000 domain 2")]
    [InlineData("0000:03:00.0", "0x7FFF_FFFF", "read", "allowed 0x17fffffff domain 2")]
    [InlineData("03:00.0", "0x8000_0000", "read", "fault 0x06 ReadDenied")]
    [InlineData("03:00.0", "0xFE000000", "write", "fault 0x05 WriteDenied")]
    [InlineData("03:00.0", "0xFE000FFF", "read", "allowed 0xe0000fff domain 2")]
    [InlineData("03:00.0", "0x8000000000", "read", "fault 0x04 AddressBeyondWidth")]
    [InlineData("03:00.1", "0x0", "read", "fault 0x02 ContextEntryNotPresent")]
    [InlineData("04:00.0", "0x0", "read", "fault 0x01 RootEntryNotPresent")]
    [InlineData("0001:03:00.0", "0x0", "read", "fault 0x01 RootEntryNotPresent")]
    [InlineData("05:00.0", "4096", "w", "allowed 0x100001000 domain 2")]
    [InlineData("00:14.0", "0x1000000", "read", "fault 0x06 ReadDenied")]
    [InlineData("00:14.0", "0x2000000", "read", "allowed 0x2000000 domain 1")]
    public void Translate_prints_one_line(string sid, string address, string access, string expected)
    {
        CliRun.Run("translate", TwoVm, sid, address, access).AssertPrinted(expected + "\n");
    }

    [Fact]
    public void Translate_answers_a_query_file_line_by_line_in_order()
    {
        using var run = new CliRun();
        string queries = run.File("q.txt", "# probes\n03:00.0 0x1000 read\n\n06:01.0 0x0 write\n03:10.1 0x8000_0000 rw\n");

        var result = CliRun.Run("translate", TwoVm, "--queries", queries);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "allowed 0x100001000 domain 2", "allowed 0x100000000 domain 2", "allowed 0x200000000 domain 3" }, result.OutLines);
    }

    [Theory]
    [InlineData("zz:00.0", "0x0", "read", "not a PCI source id")]
    [InlineData("03:00.0", "0xZZ", "read", "not a valid address")]
    [InlineData("03:00.0", "0x1_0000_0000_0000_0000", "read", "not a valid address")]
    [InlineData("03:00.0", "0x0", "execute", "not an access kind")]
    public void Translate_with_a_bad_argument_exits_2_with_a_message(string sid, string address, string access, string message)
    {
        CliRun.Run("translate", TwoVm, sid, address, access).AssertRefused(message);
    }

    [Fact]
    public void A_bad_query_line_names_the_file_and_line()
    {
        using var run = new CliRun();
        string queries = run.File("q.txt", "03:00.0 0x1000 read\n03:00.0 0x1000\n");

        var result = CliRun.Run("translate", TwoVm, "--queries", queries);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("q.txt(2): expected 'SID ADDRESS ACCESS'", result.Error);
    }

    [Fact]
    public void Translate_on_an_invalid_spec_prints_its_diagnostics_and_exits_1()
    {
        var result = CliRun.Run("translate", RepositoryPaths.Full("specs/invalid/VTD3005.vtd"), "00:00.0", "0x0", "read");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error VTD3005", result.Error);
    }

    [Theory]
    [InlineData("03:00.0", "0", "remapped vector 0x41 cpu 2 fixed edge")]
    [InlineData("0000:03:10.1", "7", "remapped vector 0x42 cpu 3 fixed edge")]
    [InlineData("03:00.0", "7", "fault 0x26 SourceMismatch")]
    [InlineData("03:00.0", "1", "fault 0x22 InterruptEntryNotPresent")]
    [InlineData("03:00.0", "256", "fault 0x21 InterruptIndexBeyondTable")]
    public void Interrupt_prints_one_line(string sid, string index, string expected)
    {
        CliRun.Run("interrupt", TwoVm, sid, index).AssertPrinted(expected + "\n");
    }

    [Fact]
    public void Image_writes_the_tables_and_prints_one_line_per_unit()
    {
        using var run = new CliRun();
        string output = run.Missing("tables.bin");

        var result = CliRun.Run("image", TwoVm, "--base", "0x7f000000", "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^dmar0 root 0x7f000000 interrupts 0x7f0[0-9a-f]{2}000 entries 256 bytes \d+\n$", result.Out);
        long bytes = long.Parse(result.Out.Trim().Split(' ')[^1]);
        Assert.Equal(bytes, new FileInfo(output).Length);
        Assert.Equal(0, bytes % 4096);
    }

    [Theory]
    [InlineData("0x7f000001", "not 4 KiB aligned")]
    [InlineData("0xFFFF_FFFF_FFFF_F000", "beyond the 52-bit host address space")]
    [InlineData("lots", "not a valid base address")]
    public void Image_with_a_bad_base_exits_2_with_a_clear_message(string baseAddress, string message)
    {
        using var run = new CliRun();

        CliRun.Run("image", TwoVm, "--base", baseAddress, "-o", run.Missing("x.bin")).AssertRefused(message);
    }

    [Fact]
    public void Image_without_its_required_options_is_a_usage_error()
    {
        var result = CliRun.Run("image", TwoVm);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--base", result.Error);
    }
}
