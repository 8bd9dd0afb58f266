using System.Linq;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>
/// What the generator emits for every bundled spec, as approval snapshots under
/// tests/VtdDsl.Tests/Snapshots/Generator/ (accept changes with VTD_ACCEPT=1). The build reports
/// the compiler's diagnostics word for word, so its diagnostics share the compiler's snapshots
/// (Snapshots/Diagnostics/) instead of keeping byte-identical copies.
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
        string diagnostics = SpecRuns.DiagnosticsText(run);
        Assert.Equal(CompilerDiagnostics(spec), diagnostics);
        if (run.Diagnostics.Length > 0)
        {
            Snapshot.Match(Folder, SpecRuns.SnapshotName(spec) + ".diagnostics", "txt", diagnostics);
        }
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
        Assert.Equal(CompilerDiagnostics(spec), SpecRuns.DiagnosticsText(run));
        Snapshot.Match("Diagnostics", System.IO.Path.GetFileNameWithoutExtension(spec), "txt", SpecRuns.DiagnosticsText(run));
    }

    /// <summary>What <c>vtd check</c> says about the spec, in the canonical form, one line each.</summary>
    private static string CompilerDiagnostics(string spec) =>
        string.Join("\n", VtdDsl.Compiler.VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec)).Diagnostics.Select(d => d.ToString())) + "\n";
}
