using System.Collections.Generic;
using System.Linq;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>The bundled specs as theory data, and the generator run over one of them.</summary>
public static class SpecRuns
{
    public static IEnumerable<object[]> ValidSpecs() => RepositoryPaths.ValidSpecs().Select(path => new object[] { path });

    public static IEnumerable<object[]> InvalidSpecs() => RepositoryPaths.InvalidSpecFiles().Select(path => new object[] { path });

    internal static GeneratorRun Run(string relativePath) =>
        GeneratorHarness.Run(new[] { GeneratorHarness.Spec(relativePath, RepositoryPaths.ReadText(relativePath)) });

    /// <summary>The snapshot name of a spec: <c>specs/two-vm.vtd</c> → <c>two-vm</c>.</summary>
    public static string SnapshotName(string relativePath) => System.IO.Path.GetFileNameWithoutExtension(relativePath);

    internal static string DiagnosticsText(GeneratorRun run) =>
        string.Join("\n", run.Diagnostics.Select(GeneratorHarness.Canonical)) + "\n";
}
