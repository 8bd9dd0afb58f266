using System;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VtdDsl.Compiler;

namespace VtdDsl.Benchmarks;

/// <summary>
/// The compiler core (<c>VtdCompiler.Compile</c>, what <c>vtd check</c> runs) and the generator
/// in a build: a full run over a spec (parse, bind, check, layout, emit the C# and parse it), and
/// a re-run after an unrelated C# edit, which the incremental pipeline answers from its cache.
/// </summary>
[Config(typeof(SlowConfig))]
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private const string Unrelated = "namespace App { public static class Code { public static int Value() => 1; } }";

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "Small";

    /// <summary>Short mode stops at 10,000 windows; the full run (and docs/benchmarks.md) goes to 100,000.</summary>
    public static string[] Sizes => BenchmarkSettings.Short ? new[] { "Small", "Medium" } : new[] { "Small", "Medium", "Large" };

    private string _path = "";
    private string _text = "";
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _driver = null!;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string, string, CSharpCompilation, CSharpCompilation, GeneratorDriver)> Setups = new();

    [GlobalSetup]
    public void Setup() => (_path, _text, _compilation, _edited, _driver) = Setups.GetOrAdd(Size, Build);

    /// <summary>Built once per size and process (short mode runs every case in one process).</summary>
    private static (string, string, CSharpCompilation, CSharpCompilation, GeneratorDriver) Build(string size)
    {
        var (fileName, text) = BenchSpecs.Source(size);
        string path = "/bench/" + fileName;
        var tree = CSharpSyntaxTree.ParseText(Unrelated, GeneratedPolicies.ParseOptions, path: "Code.cs");
        var compilation = GeneratedPolicies.Consumer("Consumer", tree);
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Unrelated.Replace("=> 1", "=> 2"), GeneratedPolicies.ParseOptions, path: "Code.cs"));
        var driver = GeneratedPolicies.Driver(path, text).RunGenerators(compilation);
        var result = driver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length != 1)
            throw new InvalidOperationException($"The generator did not produce one clean file for {fileName}: {string.Join("; ", result.Diagnostics)}");
        return (path, text, compilation, edited, driver);
    }

    [Benchmark(Description = "VtdCompiler.Compile")]
    public CompilationResult Compile() => VtdCompiler.Compile(_path, _text);

    [Benchmark(Description = "Generator full run")]
    public GeneratorDriver GeneratorFullRun() => GeneratedPolicies.Driver(_path, _text).RunGenerators(_compilation);

    [Benchmark(Description = "Generator re-run, unrelated C# edit")]
    public GeneratorDriver GeneratorRerun() => _driver.RunGenerators(_edited);
}
