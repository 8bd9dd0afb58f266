using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using VtdDsl.Generator;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Diagnostics;
using CoreSeverity = VtdDsl.Compiler.Diagnostics.DiagnosticSeverity;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>Diagnostics land in the <c>.vtd</c> file with the core's spans, ids and severities.</summary>
public class DiagnosticsTests
{
    private const string Policy = "policy Contoso.Test.Dup;\ndomain guest { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }\ndevice nic 03:00.0 -> guest;\n";

    [Fact]
    public void Same_policy_in_two_files_reports_VTD1004_on_the_second_pointing_at_the_first()
    {
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("a.vtd", Policy), GeneratorHarness.Spec("b.vtd", Policy) });

        Assert.Equal(new[] { "Contoso.Test.Dup.g.cs", "Contoso.Test.Dup.Tables.g.cs" }, run.GeneratedSources.Select(s => s.HintName).ToArray());
        var duplicate = Assert.Single(run.Diagnostics);
        Assert.Equal("VTD1004", duplicate.Id);
        Assert.Equal("b.vtd(1,8): error VTD1004: " + duplicate.GetMessage(), GeneratorHarness.Canonical(duplicate));
        var related = Assert.Single(duplicate.AdditionalLocations);
        Assert.Equal(GeneratorHarness.ProjectDirectory + "a.vtd", related.GetLineSpan().Path);
        Assert.Equal(0, related.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Renaming_the_duplicate_removes_VTD1004_and_generates_both()
    {
        var b = GeneratorHarness.Spec("b.vtd", Policy);
        var compilation = GeneratorHarness.CreateCompilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(new[] { GeneratorHarness.Spec("a.vtd", Policy), b }).RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length); // the API and the tables of the first

        driver = driver.ReplaceAdditionalText(b, GeneratorHarness.Spec("b.vtd", Policy.Replace("Dup;", "Other;")));
        var result = driver.RunGenerators(compilation).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            new[] { "Contoso.Test.Dup.Tables.g.cs", "Contoso.Test.Dup.g.cs", "Contoso.Test.Other.Tables.g.cs", "Contoso.Test.Other.g.cs" },
            result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Spans_are_the_cores_converted_to_zero_based_positions()
    {
        const string spec = "specs/invalid/VTD3005.vtd";
        var text = RepositoryPaths.ReadText(spec);
        var expected = VtdCompiler.Compile(GeneratorHarness.ProjectDirectory + spec, text).Diagnostics;
        var actual = SpecRuns.Run(spec).Diagnostics;

        Assert.Equal(expected.Count, actual.Length);
        foreach (var (core, roslyn) in expected.Zip(actual))
        {
            var span = roslyn.Location.GetLineSpan();
            Assert.Equal(core.Id, roslyn.Id);
            Assert.Equal(core.Message, roslyn.GetMessage());
            Assert.Equal((core.Location.Span.Line - 1, core.Location.Span.Column - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character));
            Assert.Equal((core.Location.Span.EndLine - 1, core.Location.Span.EndColumn - 1), (span.EndLinePosition.Line, span.EndLinePosition.Character));
            Assert.Equal(core.Location.Span.Start, roslyn.Location.SourceSpan.Start);
            Assert.Equal(core.Location.Span.Length, roslyn.Location.SourceSpan.Length);
            Assert.Equal(core.RelatedLocations.Count, roslyn.AdditionalLocations.Count);
        }
    }

    [Fact]
    public void Every_catalogue_id_has_a_Roslyn_descriptor_with_its_category_and_severity()
    {
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), GeneratorDiagnostics.All.Select(d => d.Id));
        foreach (var (core, roslyn) in DiagnosticDescriptors.All.Zip(GeneratorDiagnostics.All))
        {
            Assert.Equal(core.Category, roslyn.Category);
            Assert.Equal(core.Title, roslyn.Title.ToString());
            Assert.Equal(core.DefaultSeverity == CoreSeverity.Error ? RoslynSeverity.Error : RoslynSeverity.Warning, roslyn.DefaultSeverity);
            Assert.Equal(!core.IsConfigurable, roslyn.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable));
            Assert.True(roslyn.IsEnabledByDefault);
        }
    }

    [Fact]
    public void Unshipped_release_notes_list_every_catalogue_id()
    {
        var rows = File.ReadAllLines(RepositoryPaths.Full("generator/AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("VTD", System.StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToArray();
        var expected = DiagnosticDescriptors.All.Select(d => (d.Id, d.Category, d.DefaultSeverity.ToString()));

        Assert.Equal(expected, rows.Select(row => (row[0], row[1], row[2])));
    }
}
