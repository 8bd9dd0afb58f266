using System.Collections.Immutable;
using System.Xml.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VtdDsl.TableColumns;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.TableColumns;

/// <summary>
/// Runs <see cref="TableColumnsGenerator"/> in-process as the build does: the schema as an
/// AdditionalFile, <c>TableColumnsOutput</c> as a build property, over the real sources of the project
/// that gets the output (the compiler core, the runtime, the generator), compiled by Roslyn.
/// </summary>
internal static class SchemaHarness
{
    public const string SchemaPath = "compiler/Layout/TableColumns.txt";

    /// <summary>Where the tests pretend the schema is (diagnostics carry this path).</summary>
    public const string SchemaFullPath = "/repo/" + SchemaPath;

    public static string RepositorySchema => RepositoryPaths.RequiredText(SchemaPath);

    /// <summary>The repository's schema with <paramref name="lines"/> inserted after the line that starts with <paramref name="after"/>.</summary>
    public static string SchemaWith(string after, params string[] lines)
    {
        var schema = RepositorySchema.Split('\n').ToList();
        int at = schema.FindIndex(line => line.StartsWith(after + " ", StringComparison.Ordinal));
        Assert.True(at >= 0, $"The schema has no column {after}.");
        schema.InsertRange(at + 1, lines);
        return string.Join('\n', schema);
    }

    public static Schema Parse(string text, out List<SchemaProblem> problems)
    {
        problems = new List<SchemaProblem>();
        return SchemaParser.Parse(text, problems);
    }

    /// <summary>Runs the generator for <paramref name="output"/> over <paramref name="compilation"/>; the schema is absent when null.</summary>
    public static SchemaRun Run(string? schema, string output, Compilation compilation)
    {
        var texts = schema is null ? Array.Empty<AdditionalText>() : new AdditionalText[] { new InMemoryAdditionalText(SchemaFullPath, schema) };
        var options = new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { [TableColumnsGenerator.OutputProperty] = output });
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new TableColumnsGenerator().AsSourceGenerator() }, texts, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return new SchemaRun(updated, diagnostics, result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }

    /// <summary>A compilation holding nothing: enough to see the schema's diagnostics.</summary>
    public static CSharpCompilation Empty() =>
        CSharpCompilation.Create("Empty", new[] { CSharpSyntaxTree.ParseText("", ParseOptions()) }, Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The compiler core's sources (and the parser), as its project compiles them, without the generated columns.</summary>
    public static CSharpCompilation Compiler() => Project(
        "VtdDsl.Compiler", "compiler/VtdDsl.Compiler.csproj", ParseOptions(), Sources("compiler").Concat(Sources("grammar/Generated")),
        Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Antlr4.Runtime.Parser).Assembly.Location)));

    /// <summary>The runtime's sources (and the linked TableSchema.cs), as its project compiles them.</summary>
    public static CSharpCompilation Runtime() => Project(
        "VtdDsl.Runtime", "runtime/VtdDsl.Runtime.csproj", ParseOptions("VTDDSL_RUNTIME"), Sources("runtime").Append("compiler/Layout/TableSchema.cs"),
        Net100.References.All, allowUnsafe: true);

    /// <summary>The generator's sources (and the linked packed-table format) over the given compiler core.</summary>
    public static CSharpCompilation Generator(Compilation compiler) => Project(
        "VtdDsl.Generator", "generator/VtdDsl.Generator.csproj", ParseOptions(), Sources("generator").Append("runtime/Tables/PackedTableFormat.cs"),
        Net100.References.All.Concat(new MetadataReference[]
        {
            MetadataReference.CreateFromFile(typeof(Compilation).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(CSharpCompilation).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Scriban.Template).Assembly.Location),
            compiler.ToMetadataReference(),
        }));

    public static IEnumerable<Diagnostic> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    private static CSharpParseOptions ParseOptions(params string[] symbols) =>
        new(LanguageVersion.Preview, preprocessorSymbols: symbols);

    private static IEnumerable<string> Sources(string folder) =>
        Directory.GetFiles(RepositoryPaths.Full(folder), "*.cs", SearchOption.AllDirectories)
            .Select(RepositoryPaths.Relative)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal);

    private static CSharpCompilation Project(
        string assemblyName, string projectFile, CSharpParseOptions options, IEnumerable<string> files, IEnumerable<MetadataReference> references, bool allowUnsafe = false)
    {
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(RepositoryPaths.ReadText(file), options, path: RepositoryPaths.Full(file))).ToList();
        // The project's <Using Include="..."/> items, as the SDK turns them into global usings.
        var usings = XDocument.Parse(RepositoryPaths.ReadText(projectFile)).Descendants("Using")
            .Select(u => "global using global::" + u.Attribute("Include")!.Value + ";");
        trees.Add(CSharpSyntaxTree.ParseText(string.Join('\n', usings), options, path: assemblyName + ".GlobalUsings.g.cs"));
        return CSharpCompilation.Create(assemblyName, trees, references, new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: allowUnsafe));
    }
}

internal sealed record SchemaRun(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, Dictionary<string, string> Sources)
{
    /// <summary>The schema diagnostics as <c>line,column: ID</c> (1-based).</summary>
    public string[] Problems => Diagnostics.Select(d =>
    {
        var span = d.Location.GetLineSpan();
        return $"{span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}: {d.Id}";
    }).ToArray();
}
