using VtdDsl.Compiler.Configuration;
using VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Tests.Language;

/// <summary>The .globalconfig rules the build applies to VTD diagnostics, read the same way for vtd check and the editor.</summary>
public sealed class SeverityConfigurationTests : IDisposable
{
    // VTD3008 (shared writable memory) is a warning; VTD2007 (domain without devices) too.
    private const string TwoWarnings = """
        policy Test.Policy;
        domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; }
        domain b { map 0x0 size 4KiB -> 0x1000_0000 read write; }
        domain empty { map 0x0 size 4KiB -> 0x2000_0000 read; }
        device x 00:01.0 -> a;
        device y 00:02.0 -> b;
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("vtd-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Without_config_files_every_diagnostic_keeps_its_default_severity()
    {
        string spec = Write("project/policy.vtd", TwoWarnings);
        var configuration = SeverityConfiguration.ForFile(spec);

        var diagnostics = Compile.Source(TwoWarnings, spec).Diagnostics;
        Assert.Empty(configuration.Files);
        Assert.Equal(diagnostics.ToArray(), configuration.Apply(diagnostics));
        Assert.Contains(diagnostics, d => d.Id == "VTD3008" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void A_globalconfig_above_the_file_raises_lowers_and_silences()
    {
        Write(".globalconfig", """
            is_global = true
            # raise one warning, silence another
            dotnet_diagnostic.VTD3008.severity = error
            dotnet_diagnostic.VTD2007.severity = none
            """);
        string spec = Write("project/src/policy.vtd", TwoWarnings);

        var applied = SeverityConfiguration.ForFile(spec).Apply(Compile.Source(TwoWarnings, spec).Diagnostics);

        Assert.Contains(applied, d => d.Id == "VTD3008" && d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(applied, d => d.Id == "VTD2007");
    }

    [Fact]
    public void Suggestion_is_info_and_silent_is_not_reported()
    {
        var configuration = SeverityConfiguration.FromFiles(new[]
        {
            GlobalConfigFile.Parse("dotnet_diagnostic.VTD3008.severity = suggestion\ndotnet_diagnostic.VTD2007.severity = silent", ".globalconfig"),
        });

        var applied = configuration.Apply(Compile.Source(TwoWarnings).Diagnostics);

        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(applied, d => d.Id == "VTD3008").Severity);
        Assert.DoesNotContain(applied, d => d.Id == "VTD2007");
        Assert.StartsWith("test.vtd(", applied.Single(d => d.Id == "VTD3008").ToString());
        Assert.Contains(": info VTD3008: ", applied.Single(d => d.Id == "VTD3008").ToString());
    }

    [Fact]
    public void The_higher_global_level_wins_whichever_file_is_nearer()
    {
        Write(".globalconfig", "global_level = 200\ndotnet_diagnostic.VTD3008.severity = error");
        Write("project/.globalconfig", "dotnet_diagnostic.VTD3008.severity = none");
        string spec = Write("project/policy.vtd", TwoWarnings);

        var configuration = SeverityConfiguration.ForFile(spec);

        Assert.Equal(2, configuration.Files.Count);
        Assert.Equal(Path.Combine(_root, "project", ".globalconfig"), configuration.Files[0]);
        Assert.Contains(configuration.Apply(Compile.Source(TwoWarnings, spec).Diagnostics), d => d.Id == "VTD3008" && d.IsError);
    }

    [Fact]
    public void Conflicting_values_at_the_same_level_cancel_each_other_as_in_Roslyn()
    {
        Write(".globalconfig", "dotnet_diagnostic.VTD3008.severity = error");
        Write("project/.globalconfig", "dotnet_diagnostic.VTD3008.severity = none");
        string spec = Write("project/policy.vtd", TwoWarnings);

        var configuration = SeverityConfiguration.ForFile(spec);

        Assert.Contains(configuration.Apply(Compile.Source(TwoWarnings, spec).Diagnostics), d => d.Id == "VTD3008" && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(configuration.Problems, problem => problem.Contains("same global_level", StringComparison.Ordinal));
    }

    [Fact]
    public void Syntax_errors_are_not_configurable()
    {
        var configuration = SeverityConfiguration.FromFiles(new[]
        {
            GlobalConfigFile.Parse("dotnet_diagnostic.VTD0001.severity = none", ".globalconfig"),
        });

        var applied = configuration.Apply(Compile.Source("policy Test.Policy; domain d { } @").Diagnostics);

        Assert.Contains(applied, d => d.Id == "VTD0001" && d.IsError);
    }

    [Fact]
    public void Keys_in_sections_comments_and_unknown_severities_are_handled_like_the_build()
    {
        var file = GlobalConfigFile.Parse("""
            ; a comment
            DOTNET_DIAGNOSTIC.VTD3008.SEVERITY = Error # trailing comment
            dotnet_diagnostic.VTD2007.severity = loud
            not a key value line
            [*.vtd]
            dotnet_diagnostic.VTD3001.severity = none
            """, "ci.globalconfig");
        var configuration = SeverityConfiguration.FromFiles(new[] { file });

        Assert.Equal(0, file.Level);
        Assert.Equal("Error", file.Entries["dotnet_diagnostic.vtd3008.severity"]);
        Assert.False(file.Entries.ContainsKey("dotnet_diagnostic.vtd3001.severity"));
        Assert.Contains(file.Problems, problem => problem == "ci.globalconfig(4): expected 'key = value'");
        Assert.Contains(configuration.Problems, problem => problem.Contains("'loud' is not a severity", StringComparison.Ordinal));
        Assert.Contains(configuration.Apply(Compile.Source(TwoWarnings).Diagnostics), d => d.Id == "VTD3008" && d.IsError);
    }

    private string Write(string relativePath, string text)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
