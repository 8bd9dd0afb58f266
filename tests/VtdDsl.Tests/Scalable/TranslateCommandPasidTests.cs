using VtdDsl.Tests.Cli;

namespace VtdDsl.Tests.Scalable;

/// <summary><c>vtd translate FILE SID:PASID ADDRESS ACCESS</c>, single and in a query file.</summary>
public sealed class TranslateCommandPasidTests
{
    private static readonly string SvmGpu = RepositoryPaths.Full("specs/svm-gpu.vtd");

    [Theory]
    [InlineData("00:02.0", "0x1000", "read", "allowed 0x1000 domain 1")]                       // no PASID: unchanged
    [InlineData("00:02.0:0", "0x3000000", "read", "allowed 0x3000000 domain 1")]               // RID_PASID
    [InlineData("00:02.0:1", "0x7fff00001000", "write", "process render domain 2 first-stage")]
    [InlineData("0000:00:02.0:2", "0x1000", "rw", "process compute domain 3 first-stage")]
    [InlineData("6a:01.0:2", "0x1000", "read", "process compute domain 3 first-stage")]
    [InlineData("00:02.0:0x100", "0x1000", "rw", "allowed 0x100001000 domain 10")]
    [InlineData("00:02.0:256", "0x1000", "rw", "allowed 0x100001000 domain 10")]               // decimal PASID
    [InlineData("00:02.0:0x101", "0x1_0000_0000", "read", "fault 0x06 ReadDenied")]
    [InlineData("00:02.0:0x101", "0x80_0000_0000", "read", "fault 0x04 AddressBeyondWidth")]
    [InlineData("00:02.0:3", "0x0", "read", "fault 0x59 PasidEntryNotPresent")]
    [InlineData("00:02.0:0x1000", "0x0", "read", "fault 0x51 PasidDirectoryEntryNotPresent")]
    [InlineData("03:10.0:1", "0x0", "read", "fault 0x45 PasidDisabled")]
    [InlineData("00:03.0:1", "0x0", "read", "fault 0x41 ScalableContextEntryNotPresent")]
    [InlineData("05:00.0:1", "0x0", "read", "fault 0x39 ScalableRootEntryNotPresent")]
    public void Translate_answers_requests_with_a_PASID(string sid, string address, string access, string expected)
    {
        CliRun.Run("translate", SvmGpu, sid, address, access).AssertPrinted(expected + "\n");
    }

    [Fact]
    public void A_PASID_to_a_legacy_mode_unit_faults_0x31()
    {
        var result = CliRun.Run("translate", RepositoryPaths.Full("specs/two-vm.vtd"), "03:00.0:1", "0x1000", "read");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("fault 0x31 PasidRequestInLegacyMode\n", result.Out);
    }

    [Fact]
    public void Query_files_mix_requests_with_and_without_a_PASID()
    {
        using var run = new CliRun();
        string queries = run.File("q.txt", "00:02.0 0x1000 read\n00:02.0:1 0x1000 read\n# guest B\n6a:01.0:0x101 0x0 write\n6a:01.0:0x100 0x0 write\n");

        var result = CliRun.Run("translate", SvmGpu, "--queries", queries);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[]
        {
            "allowed 0x1000 domain 1",
            "process render domain 2 first-stage",
            "allowed 0x200000000 domain 11",
            "fault 0x59 PasidEntryNotPresent",
        }, result.OutLines);
    }

    [Theory]
    [InlineData("00:02.0:0x100000", "not a PASID")]
    [InlineData("00:02.0:", "not a valid PASID")]
    [InlineData("00:02.0:zz", "not a valid PASID")]
    [InlineData("00:02.9:1", "not a PCI source id")]
    public void A_bad_PASID_exits_2_with_a_message(string sid, string message)
    {
        CliRun.Run("translate", SvmGpu, sid, "0x0", "read").AssertRefused(message);
    }
}
