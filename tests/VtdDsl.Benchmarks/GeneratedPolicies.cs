using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using VtdDsl.Generator;

namespace VtdDsl.Benchmarks;

/// <summary>A generated policy loaded into this process, and runners that call its <c>Translate</c>.</summary>
public sealed record GeneratedPolicy(Type PolicyType, IPolicyRunner Direct, IPolicyRunner Generic);

/// <summary>
/// The generated code of a spec, as a consumer's build would produce it: the generator runs
/// in-process (GeneratorDriver), Roslyn compiles its output in Release (so span data lives in
/// the image) with a direct-call runner beside it, and the assembly is loaded. Assemblies are
/// cached per process and on disk (keyed by the spec text and the generator, runtime and
/// benchmark assemblies), so a benchmark process pays the compile once.
/// two-vm needs none of this: the generator compiled it into this assembly at build time.
/// </summary>
public static class GeneratedPolicies
{
    private static readonly ConcurrentDictionary<string, Lazy<GeneratedPolicy>> Loaded = new(StringComparer.Ordinal);

    public static GeneratedPolicy Get(BenchSpec spec) =>
        Loaded.GetOrAdd(spec.Name, _ => new Lazy<GeneratedPolicy>(() => Load(spec))).Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    public static IReadOnlyList<MetadataReference> References { get; } = Net100.References.All
        .Append(MetadataReference.CreateFromFile(typeof(IVtdPolicy).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(GeneratedPolicies).Assembly.Location))
        .ToArray();

    /// <summary>A consumer compilation (one unrelated C# file), Release.</summary>
    public static CSharpCompilation Consumer(string name, params SyntaxTree[] trees) =>
        CSharpCompilation.Create(name, trees, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver Driver(string path, string text) =>
        CSharpGeneratorDriver.Create(
            new[] { new VtdGenerator().AsSourceGenerator() },
            new AdditionalText[] { new InMemoryAdditionalText(path, text) },
            ParseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static GeneratedPolicy Load(BenchSpec spec)
    {
        if (spec.Name == BenchSpecs.TwoVm)
        {
            var type = typeof(Contoso.Hypervisor.TwoVmHost);
            return new GeneratedPolicy(type, new TwoVmHostRunner(), GenericRunner(type));
        }

        string cacheFile = CachePath(spec);
        byte[] image;
        if (File.Exists(cacheFile))
        {
            image = File.ReadAllBytes(cacheFile);
        }
        else
        {
            image = Compile(spec);
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            string temporary = cacheFile + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, cacheFile, overwrite: true);
        }

        Assembly assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(image));
        Type policyType = assembly.GetType(spec.Policy.FullName, throwOnError: true)!;
        var direct = (IPolicyRunner)Activator.CreateInstance(assembly.GetType(DirectRunnerSource.TypeName, throwOnError: true)!)!;
        return new GeneratedPolicy(policyType, direct, GenericRunner(policyType));
    }

    private static IPolicyRunner GenericRunner(Type policyType) =>
        (IPolicyRunner)Activator.CreateInstance(typeof(Runner<>).MakeGenericType(policyType))!;

    /// <summary>Runs the generator over the spec and compiles its output with a direct runner; the PE image.</summary>
    public static byte[] Compile(BenchSpec spec)
    {
        var runner = CSharpSyntaxTree.ParseText(DirectRunnerSource.For(spec.Policy.FullName), ParseOptions, path: "DirectRunner.cs");
        var compilation = Consumer("VtdDsl.Benchmarks.Generated." + spec.Name, runner);
        Driver("/bench/" + spec.FileName, spec.Text).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        var problems = generatorDiagnostics.Concat(emitted.Diagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (!emitted.Success || problems.Length > 0)
            throw new InvalidOperationException($"The generated code of {spec.FileName} does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
        return stream.ToArray();
    }

    private static string CachePath(BenchSpec spec)
    {
        var key = new StringBuilder()
            .Append(spec.Text).Append('\0')
            .Append(typeof(VtdGenerator).Assembly.ManifestModule.ModuleVersionId).Append('\0')
            .Append(typeof(IVtdPolicy).Assembly.ManifestModule.ModuleVersionId).Append('\0')
            .Append(typeof(GeneratedPolicies).Assembly.ManifestModule.ModuleVersionId);
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16];
        return Path.Combine(Path.GetTempPath(), "vtddsl-benchmarks", $"{spec.Name}-{hash}.dll");
    }
}

/// <summary>An AdditionalFile held in memory.</summary>
public sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
