using System.Linq;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>
/// What the generator emits for every bundled spec, as approval snapshots under
/// tests/VtdDsl.Tests/Snapshots/Generator/ (accept changes with VTD_ACCEPT=1).
/// </summary>
public class GeneratorSnapshotTests
{
    private const string Folder = "Generator";

    [Theory]
    [MemberData(nameof(SpecRuns.ValidSpecs), MemberType = typeof(SpecRuns))]
    public void Valid_spec_generates_an_api_file_and_a_tables_file_that_compile(string spec)
    {
        var run = SpecRuns.Run(spec);

        Assert.Null(run.Exception);
        Assert.Equal(2, run.GeneratedSources.Length);
        var api = Assert.Single(run.GeneratedSources, s => !s.HintName.EndsWith(".Tables.g.cs", System.StringComparison.Ordinal));
        var tables = Assert.Single(run.GeneratedSources, s => s.HintName == api.HintName.Replace(".g.cs", ".Tables.g.cs"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Snapshot.Match(Folder, SpecRuns.SnapshotName(spec), "cs", api.SourceText.ToString());
        Snapshot.Match(Folder, SpecRuns.SnapshotName(spec) + ".Tables", "cs", tables.SourceText.ToString());
        Snapshot.Match(Folder, SpecRuns.SnapshotName(spec) + ".diagnostics", "txt", SpecRuns.DiagnosticsText(run));
        var errors = run.Compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        Assert.Empty(errors);
    }

    /// <summary>A Debug build keeps multi-byte tables in static arrays (created once): its tables file has a snapshot too.</summary>
    [Fact]
    public void Debug_build_tables_snapshot()
    {
        var run = GeneratorHarness.Run(
            Microsoft.CodeAnalysis.OptimizationLevel.Debug,
            optimizeVisible: true,
            new[] { GeneratorHarness.Spec("specs/two-vm.vtd", RepositoryPaths.ReadText("specs/two-vm.vtd")) });

        var tables = Assert.Single(run.GeneratedSources, s => s.HintName.EndsWith(".Tables.g.cs", System.StringComparison.Ordinal));
        Snapshot.Match(Folder, "two-vm.Debug.Tables", "cs", tables.SourceText.ToString());
        Assert.Empty(run.Compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    [Theory]
    [MemberData(nameof(SpecRuns.InvalidSpecs), MemberType = typeof(SpecRuns))]
    public void Invalid_spec_reports_its_diagnostics_in_the_spec(string spec)
    {
        var run = SpecRuns.Run(spec);

        Assert.Null(run.Exception);
        Assert.NotEmpty(run.Diagnostics);
        bool hasErrors = run.Diagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal(hasErrors ? 0 : 2, run.GeneratedSources.Length); // warnings alone still generate
        Assert.All(run.Diagnostics, d => Assert.Equal(GeneratorHarness.ProjectDirectory + spec, d.Location.GetLineSpan().Path));
        Snapshot.Match(Folder + "/invalid", System.IO.Path.GetFileNameWithoutExtension(spec) + ".diagnostics", "txt", SpecRuns.DiagnosticsText(run));
    }
}
