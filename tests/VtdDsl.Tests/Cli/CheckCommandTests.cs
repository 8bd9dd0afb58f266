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
