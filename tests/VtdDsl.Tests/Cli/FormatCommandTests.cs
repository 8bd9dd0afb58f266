using VtdDsl.Compiler.Formatting;

namespace VtdDsl.Tests.Cli;

/// <summary><c>vtd format FILE... [--check] [--write]</c>.</summary>
public sealed class FormatCommandTests
{
    private const string Messy = "policy A.B;\ndomain vm{map 0x0 size 4KiB->0x1000 read;}   // guest\n\n\n\ndevice d 00:01.0 -> vm ;\n";
    private const string Formatted = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }  // guest\n\ndevice d 00:01.0 -> vm;\n";

    [Fact]
    public void Without_flags_it_prints_the_formatted_text_of_one_file_and_changes_nothing()
    {
        using var run = new CliRun();
        string path = run.File("messy.vtd", Messy);

        var result = CliRun.Run("format", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Formatted, result.Out);
        Assert.Equal(Messy, File.ReadAllText(path));
    }

    [Fact]
    public void Check_names_the_files_that_would_change_and_exits_1()
    {
        using var run = new CliRun();
        string messy = run.File("messy.vtd", Messy);
        string tidy = run.File("tidy.vtd", Formatted);

        var result = CliRun.Run("format", "--check", messy, tidy);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{messy}: not formatted\n", result.Out);
        Assert.Equal(Messy, File.ReadAllText(messy));
        Assert.Equal(0, CliRun.Run("format", "--check", tidy).ExitCode);
    }

    [Fact]
    public void Write_rewrites_the_files_that_change()
    {
        using var run = new CliRun();
        string messy = run.File("messy.vtd", Messy);
        string tidy = run.File("tidy.vtd", Formatted);
        var before = File.GetLastWriteTimeUtc(tidy);

        var result = CliRun.Run("format", "--write", messy, tidy);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{messy}: formatted\n", result.Out);
        Assert.Equal(Formatted, File.ReadAllText(messy));
        Assert.Equal(before, File.GetLastWriteTimeUtc(tidy));
    }

    [Fact]
    public void Every_bundled_spec_passes_check()
    {
        foreach (var spec in RepositoryPaths.ValidSpecs())
        {
            Assert.True(PolicyFormatter.IsFormatted(RepositoryPaths.ReadText(spec)), spec);
        }
        var result = CliRun.Run(new[] { "format", "--check" }.Concat(RepositoryPaths.ValidSpecs().Select(RepositoryPaths.Full)).ToArray());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("format")]
    [InlineData("format", "--check", "--write", "x.vtd")]
    [InlineData("format", "a.vtd", "b.vtd")]
    public void Usage_errors_exit_2_with_a_message(params string[] args)
    {
        CliRun.Run(args).AssertRefused("format");
    }

    [Fact]
    public void A_file_whose_tokens_would_run_together_is_reported_and_exits_1()
    {
        using var run = new CliRun();
        string path = run.File("dots.vtd", "policy A. .B;\n");

        var result = CliRun.Run("format", "--check", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be formatted", result.Error);
    }
}
