using VtdDsl.Tool;

namespace VtdDsl.Tests.Cli;

/// <summary>Every usage error names what is wrong, shows that command's usage once, and exits 2.</summary>
public sealed class UsageErrorTests
{
    private static readonly string TwoVm = RepositoryPaths.Full("specs/two-vm.vtd");

    [Theory]
    [InlineData(new[] { "interrupt", "@spec" }, "vtd interrupt: missing SID and INDEX", "Usage: vtd interrupt FILE SID INDEX [options]")]
    [InlineData(new[] { "interrupt" }, "vtd interrupt: missing FILE, SID and INDEX", "Usage: vtd interrupt FILE SID INDEX [options]")]
    [InlineData(new[] { "translate", "@spec", "03:00.0" }, "vtd translate: missing ADDRESS and ACCESS (or --queries QFILE)", "Usage: vtd translate FILE QUERY... [options]")]
    [InlineData(new[] { "image", "@spec" }, "vtd image: missing --base and --output", "Usage: vtd image FILE [options]")]
    [InlineData(new[] { "check" }, "vtd check: missing FILE", "Usage: vtd check FILE... [options]")]
    [InlineData(new[] { "diff", "@spec" }, "vtd diff: missing NEW", "Usage: vtd diff OLD NEW [options]")]
    [InlineData(new[] { "chek", "@spec" }, "vtd: unknown command 'chek'; did you mean 'check'?", "Usage: vtd COMMAND [options]")]
    [InlineData(new[] { "review", "--foo" }, "vtd: unknown option '--foo'", "Usage: vtd review FILE [options]")]
    [InlineData(new[] { "check", "--warnaserrors", "@spec" }, "vtd: unknown option '--warnaserrors'", "Usage: vtd check FILE... [options]")]
    [InlineData(new string[0], "vtd: missing a command (check, translate, interrupt, image, review, diff, import, map, format, lsp)", "Usage: vtd COMMAND [options]")]
    public void A_usage_error_names_what_is_wrong_and_shows_the_usage_once(string[] args, string message, string usage)
    {
        var run = CliRun.Run(args.Select(a => a == "@spec" ? TwoVm : a).ToArray());

        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Split('\n');
        Assert.Equal(message, lines[0]);
        Assert.Equal(usage, lines[1]);
        Assert.Single(lines, line => line.StartsWith("Usage:", System.StringComparison.Ordinal));
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void An_unknown_option_is_not_taken_for_a_file()
    {
        var run = CliRun.Run("review", "--foo");

        Assert.DoesNotContain("no such file", run.Error);
    }

    [Theory]
    [InlineData("0x0")]
    [InlineData("0")]
    [InlineData("0x00")]
    public void Interrupt_index_accepts_hex(string index)
    {
        var run = CliRun.Run("interrupt", TwoVm, "03:00.0", index);

        Assert.Equal((0, "remapped vector 0x41 cpu 2 fixed edge\n"), (run.ExitCode, run.Out));
    }

    [Fact]
    public void Dash_reads_the_spec_from_standard_input_for_every_command()
    {
        string spec = File.ReadAllText(TwoVm);

        Assert.Equal("1 file checked: 0 errors, 0 warnings\n", WithInput(spec, "check", "-").Out);
        Assert.Equal("remapped vector 0x41 cpu 2 fixed edge\n", WithInput(spec, "interrupt", "-", "03:00.0", "0").Out);
        Assert.StartsWith("allowed", WithInput(spec, "translate", "-", "03:00.0", "0x1000", "read").Out);
        Assert.Contains("Contoso.Hypervisor.TwoVmHost", WithInput(spec, "review", "-").Out);
        Assert.Equal(0, WithInput(spec, "diff", "-", TwoVm).ExitCode);
        Assert.Contains("<svg", WithInput(spec, "map", "-").Out);
        Assert.Contains("<html", WithInput(spec, "review", "-", "--format", "html").Out);
    }

    [Fact]
    public void Writing_the_image_to_a_directory_says_so()
    {
        using var files = new CliRun();
        string directory = Path.GetDirectoryName(files.File("x.txt", ""))!;

        var run = CliRun.Run("image", TwoVm, "--base", "0x7f000000", "-o", directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"vtd image: {directory}: is a directory; give the image a file name, e.g. {Path.Combine(directory, "dmar.bin")}\n", run.Error);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var run = CliRun.Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^0\.1\.0(\+[0-9a-f]+)?\n$", run.Out);
    }

    private static CliRun.Result WithInput(string input, params string[] args) => CliRun.WithInput(input, args);
}
