namespace VtdDsl.Tests.Cli;

/// <summary>`vtd check` agrees with the build: .globalconfig severities, --config, --warnaserror; an unreadable file does not stop the others.</summary>
public sealed class CheckSeverityTests
{
    private static readonly string Unused = RepositoryPaths.ReadText("specs/invalid/VTD2007.vtd");

    [Fact]
    public void A_globalconfig_beside_the_spec_sets_the_severity()
    {
        using var files = new CliRun();
        string spec = files.File("unused.vtd", Unused);
        files.File(".globalconfig", "is_global = true\ndotnet_diagnostic.VTD2007.severity = error\n");

        var run = CliRun.Run("check", spec);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{spec}(9,8): error VTD2007: Domain 'vm2' has no devices\n1 file checked: 1 error, 0 warnings\n", run.Out);
    }

    [Fact]
    public void Config_option_replaces_the_discovered_files()
    {
        using var files = new CliRun();
        string spec = files.File("unused.vtd", Unused);
        files.File(".globalconfig", "is_global = true\ndotnet_diagnostic.VTD2007.severity = error\n");
        string config = files.File("quiet.globalconfig", "is_global = true\ndotnet_diagnostic.VTD2007.severity = none\n");

        var run = CliRun.Run("check", "--config", config, spec);

        Assert.Equal((0, "1 file checked: 0 errors, 0 warnings\n"), (run.ExitCode, run.Out));
    }

    [Fact]
    public void A_missing_config_file_is_a_usage_error()
    {
        using var files = new CliRun();
        string spec = files.File("unused.vtd", Unused);

        var run = CliRun.Run("check", "--config", files.Missing("absent.globalconfig"), spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.globalconfig: no such file", run.Error);
    }

    [Fact]
    public void Warnaserror_makes_warnings_errors()
    {
        using var files = new CliRun();
        string spec = files.File("unused.vtd", Unused);

        var run = CliRun.Run("check", "--warnaserror", spec);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{spec}(9,8): error VTD2007: Domain 'vm2' has no devices\n1 file checked: 1 error, 0 warnings\n", run.Out);
    }

    [Fact]
    public void An_unreadable_file_is_reported_and_the_others_are_checked()
    {
        using var files = new CliRun();
        string unused = files.File("unused.vtd", Unused);
        string absent = files.Missing("absent.vtd");
        string valid = RepositoryPaths.Full("specs/two-vm.vtd");

        var run = CliRun.Run("check", valid, absent, unused);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"vtd: {absent}: no such file\n", run.Error);
        Assert.Equal($"{unused}(9,8): warning VTD2007: Domain 'vm2' has no devices\n2 files checked (1 file unreadable): 0 errors, 1 warning\n", run.Out);
    }
}
