using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VtdDsl.Generator;

namespace VtdDsl.Tests.Generator;

/// <summary>
/// Runs <see cref="VtdGenerator"/> in-process over C# sources and <c>.vtd</c> AdditionalFiles, as
/// the compiler does in a build: .NET 10 reference assemblies plus VtdDsl.Runtime.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The project directory the tests pretend to build in: spec paths are shown relative to it.</summary>
    public const string ProjectDirectory = "/repo/";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static IEnumerable<MetadataReference> References { get; } =
        Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(IVtdPolicy).Assembly.Location)).ToArray();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(OptimizationLevel.Debug, sources);

    public static CSharpCompilation CreateCompilation(OptimizationLevel optimization, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer" + Guid.NewGuid().ToString("N"),
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true, optimizationLevel: optimization));

    /// <param name="optimize">The build's <c>Optimize</c> property as build/VtdDsl.props makes it visible; null: not visible.</param>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalTexts, IIncrementalGenerator? generator = null, bool? optimize = null)
    {
        var properties = new Dictionary<string, string> { ["build_property.projectdir"] = ProjectDirectory };
        if (optimize is { } value) properties["build_property.optimize"] = value ? "true" : "false";
        return CSharpGeneratorDriver.Create(
            new[] { (generator ?? new VtdGenerator()).AsSourceGenerator() },
            additionalTexts,
            ParseOptions,
            new TestAnalyzerConfigOptionsProvider(properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>A spec as the build would see it: <c>/repo/specs/two-vm.vtd</c> for <c>specs/two-vm.vtd</c>.</summary>
    public static AdditionalText Spec(string relativePath, string text) => new InMemoryAdditionalText(ProjectDirectory + relativePath, text);

    /// <summary>Runs the generator once; returns the compilation with the generated sources and the generator's diagnostics.</summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> specs, IIncrementalGenerator? generator = null, params string[] sources) =>
        Run(OptimizationLevel.Debug, specs, generator, sources);

    public static GeneratorRun Run(OptimizationLevel optimization, IEnumerable<AdditionalText> specs, IIncrementalGenerator? generator = null, params string[] sources) =>
        Run(optimization, optimizeVisible: false, specs, generator, sources);

    /// <param name="optimizeVisible">Whether the generator sees the build's Optimize property, as a package consumer's build shows it.</param>
    public static GeneratorRun Run(OptimizationLevel optimization, bool optimizeVisible, IEnumerable<AdditionalText> specs, IIncrementalGenerator? generator = null, params string[] sources)
    {
        var compilation = CreateCompilation(optimization, sources);
        bool? optimize = optimizeVisible ? optimization == OptimizationLevel.Release : null;
        var driver = CreateDriver(specs, generator, optimize).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, output, diagnostics, driver.GetRunResult());
    }

    /// <summary>The canonical form <c>file(line,col): severity ID: message</c> with paths relative to the project.</summary>
    public static string Canonical(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        string path = span.Path.StartsWith(ProjectDirectory, StringComparison.Ordinal) ? span.Path.Substring(ProjectDirectory.Length) : span.Path;
        string severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result)
{
    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.Results.Single().GeneratedSources;

    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Results.Single().Diagnostics;

    public Exception? Exception => Result.Results.Single().Exception;
}
