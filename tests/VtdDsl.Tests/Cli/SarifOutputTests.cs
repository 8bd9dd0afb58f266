using System.Text.Json;
using VtdDsl.Tool.Output;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Tests.Cli;

/// <summary>The required shape of <c>vtd check --format sarif</c> (SARIF 2.1.0), checked by parsing it.</summary>
public sealed class SarifOutputTests
{
    private static JsonElement Sarif(out CliRun.Result run, params string[] files)
    {
        run = CliRun.Run(new[] { "check", "--format", "sarif" }.Concat(files).ToArray());
        using var document = JsonDocument.Parse(run.Out);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Log_has_version_schema_and_one_run_of_the_vtd_driver()
    {
        var sarif = Sarif(out var run, RepositoryPaths.Full("specs/two-vm.vtd"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        Assert.Contains("sarif", sarif.GetProperty("$schema").GetString());
        Assert.True(Uri.IsWellFormedUriString(sarif.GetProperty("$schema").GetString(), UriKind.Absolute));
        var runs = sarif.GetProperty("runs");
        Assert.Equal(1, runs.GetArrayLength());
        var driver = runs[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal("vtd", driver.GetProperty("name").GetString());
        Assert.Equal(0, runs[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Rules_are_one_per_diagnostic_id_with_descriptions_and_help()
    {
        var sarif = Sarif(out _, RepositoryPaths.Full("specs/two-vm.vtd"));
        var rules = sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var (rule, descriptor) in rules.Zip(DiagnosticDescriptors.All))
        {
            Assert.Equal(descriptor.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(descriptor.HelpText, rule.GetProperty("help").GetProperty("text").GetString());
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            string expectedLevel = descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning";
            Assert.Equal(expectedLevel, rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            if (rule.TryGetProperty("helpUri", out var helpUri))
            {
                // SARIF requires helpUri to be an absolute URI.
                Assert.True(Uri.IsWellFormedUriString(helpUri.GetString(), UriKind.Absolute), helpUri.GetString());
            }
        }
    }

    [Fact]
    public void Results_carry_rule_level_message_and_location_of_each_diagnostic()
    {
        string[] relative = { "specs/invalid/VTD2001.vtd", "specs/invalid/VTD3005.vtd", "specs/storage-appliance.vtd" };
        var sarif = Sarif(out var run, relative.Select(RepositoryPaths.Full).ToArray());
        Assert.Equal(1, run.ExitCode);
        var rules = sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var expected = VtdCompiler.CompileAll(relative.Select(path => (RepositoryPaths.Full(path), RepositoryPaths.ReadText(path))))
            .SelectMany(result => result.Diagnostics).ToList();
        Assert.Equal(expected.Count, results.Count);
        Assert.Contains(results, r => r.GetProperty("level").GetString() == "warning");
        foreach (var (result, diagnostic) in results.Zip(expected))
        {
            Assert.Equal(diagnostic.Id, result.GetProperty("ruleId").GetString());
            Assert.Equal(diagnostic.IsError ? "error" : "warning", result.GetProperty("level").GetString());
            Assert.Equal(diagnostic.Message, result.GetProperty("message").GetProperty("text").GetString());
            if (result.TryGetProperty("ruleIndex", out var ruleIndex))
            {
                Assert.Equal(diagnostic.Id, rules[ruleIndex.GetInt32()].GetProperty("id").GetString());
            }
            AssertLocation(result.GetProperty("locations")[0], diagnostic.Location);
            if (diagnostic.RelatedLocations.IsEmpty)
            {
                Assert.False(result.TryGetProperty("relatedLocations", out _));
            }
            else
            {
                var related = result.GetProperty("relatedLocations").EnumerateArray().ToList();
                Assert.Equal(diagnostic.RelatedLocations.Count, related.Count);
                foreach (var (element, location) in related.Zip(diagnostic.RelatedLocations)) AssertLocation(element, location);
            }
        }
        Assert.Contains(results, r => r.TryGetProperty("relatedLocations", out _));
    }

    private static void AssertLocation(JsonElement element, VtdDsl.Compiler.Text.SourceLocation location)
    {
        var physical = element.GetProperty("physicalLocation");
        string uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.True(Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out var parsed), uri);
        Assert.EndsWith(System.IO.Path.GetFileName(location.FilePath), uri);
        if (parsed.IsAbsoluteUri) Assert.Equal(location.FilePath, parsed.LocalPath);
        var region = physical.GetProperty("region");
        Assert.Equal(location.Span.Line, region.GetProperty("startLine").GetInt32());
        Assert.Equal(location.Span.Column, region.GetProperty("startColumn").GetInt32());
        Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
        Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("specs/two-vm.vtd", "specs/two-vm.vtd")]
    [InlineData("specs/my policy#1.vtd", "specs/my%20policy%231.vtd")]
    [InlineData("specs\\win.vtd", "specs/win.vtd")]
    public void Relative_artifact_paths_become_relative_uri_references(string path, string expected) =>
        Assert.Equal(expected, SarifWriter.ArtifactUri(path));

    [Fact]
    public void Rooted_artifact_paths_become_file_uris()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "a b.vtd");
        string uri = SarifWriter.ArtifactUri(path);
        Assert.StartsWith("file:///", uri);
        Assert.Equal(path, new Uri(uri).LocalPath);
    }

    [Fact]
    public void Every_diagnostic_id_has_a_rule_index()
    {
        var ids = new HashSet<string>(DiagnosticDescriptors.All.Select(d => d.Id));
        Assert.Equal(DiagnosticDescriptors.All.Count, ids.Count);
    }
}
