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
    public void Valid_spec_generates_one_compiling_file(string spec)
    {
        var run = SpecRuns.Run(spec);

        Assert.Null(run.Exception);
        var source = Assert.Single(run.GeneratedSources);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Snapshot.Match(Folder, SpecRuns.SnapshotName(spec), "cs", source.SourceText.ToString());
        string diagnostics = SpecRuns.DiagnosticsText(run);
        Assert.Equal(CompilerDiagnostics(spec), diagnostics);
        if (run.Diagnostics.Length > 0)
        {
            Snapshot.Match(Folder, SpecRuns.SnapshotName(spec) + ".diagnostics", "txt", diagnostics);
        }
        var errors = run.Compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(SpecRuns.InvalidSpecs), MemberType = typeof(SpecRuns))]
    public void Invalid_spec_reports_its_diagnostics_in_the_spec(string spec)
    {
        var run = SpecRuns.Run(spec);

        Assert.Null(run.Exception);
        Assert.NotEmpty(run.Diagnostics);
        bool hasErrors = run.Diagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal(hasErrors ? 0 : 1, run.GeneratedSources.Length); // warnings alone still generate
        Assert.All(run.Diagnostics, d => Assert.Equal(GeneratorHarness.ProjectDirectory + spec, d.Location.GetLineSpan().Path));
        Assert.Equal(CompilerDiagnostics(spec), SpecRuns.DiagnosticsText(run));
        Snapshot.Match("Diagnostics", System.IO.Path.GetFileNameWithoutExtension(spec), "txt", SpecRuns.DiagnosticsText(run));
    }

    /// <summary>What <c>vtd check</c> says about the spec, in the canonical form, one line each.</summary>
    private static string CompilerDiagnostics(string spec) =>
        string.Join("\n", VtdDsl.Compiler.VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec)).Diagnostics.Select(d => d.ToString())) + "\n";
}
