using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Cli;

public sealed class CheckCommandTests
{
    [Fact]
    public void Valid_specs_exit_0_with_the_summary()
    {
        var run = CliRun.Run("check", RepositoryPaths.Full("specs/two-vm.vtd"), RepositoryPaths.Full("specs/real-platform.vtd"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2 files checked: 0 errors, 0 warnings\n", run.Out);
    }

    [Fact]
    public void Warnings_alone_exit_0_and_are_printed_in_canonical_form()
    {
        string path = RepositoryPaths.Full("specs/storage-appliance.vtd");
        var run = CliRun.Run("check", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{path}(38,5): warning VTD3009: Window of domain 'nvme_pool' grants write but not read\n", run.Out);
        Assert.Contains($"{path}(31,5): warning VTD3011: DMA addresses [0xFEE00000, 0xFEF00000) of a window of domain 'nvme_pool' are in the interrupt address range", run.Out);
        Assert.EndsWith("1 file checked: 0 errors, 2 warnings\n", run.Out);
    }

    [Fact]
    public void A_spec_with_errors_exits_1()
    {
        string path = RepositoryPaths.Full("specs/invalid/VTD2001.vtd");
        var run = CliRun.Run("check", RepositoryPaths.Full("specs/two-vm.vtd"), path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(", run.Out);
        Assert.Contains("error VTD2001:", run.Out);
        Assert.Matches(@"2 files checked: [1-9]\d* errors?, \d+ warnings?\n$", run.Out);
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        using var files = new CliRun();
        var run = CliRun.Run("check", files.Missing("absent.vtd"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.vtd: no such file", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_binary_file_exits_2()
    {
        using var files = new CliRun();
        var nul = CliRun.Run("check", files.Bytes("nul.vtd", new byte[] { 0x70, 0x6F, 0x00, 0x6C }));
        Assert.Equal(2, nul.ExitCode);
        Assert.Contains("not a text file", nul.Error);

        var latin1 = CliRun.Run("check", files.Bytes("latin1.vtd", new byte[] { 0x70, 0xE9, 0xE9, 0x0A }));
        Assert.Equal(2, latin1.ExitCode);
        Assert.Contains("not UTF-8", latin1.Error);
    }

    [Fact]
    public void A_directory_exits_2()
    {
        var run = CliRun.Run("check", RepositoryPaths.Specs);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a directory", run.Error);
    }

    [Theory]
    [InlineData("check", "--format", "xml", "specs/two-vm.vtd")]
    [InlineData("check", "--no-such-option", "specs/two-vm.vtd")]
    [InlineData("check")]
    [InlineData("no-such-command")]
    public void Bad_usage_exits_2(params string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].EndsWith(".vtd")) args[i] = RepositoryPaths.Full(args[i]);
        }
        var run = CliRun.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Error);
    }
}
