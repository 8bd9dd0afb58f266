using System;
using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using VtdDsl.Benchmarks.Baselines;

namespace VtdDsl.Benchmarks;

/// <summary>
/// One DMA translation, three ways, on the same deterministic probe stream: the generated
/// <c>Translate</c> (baseline), a hand-written dictionary-and-list interpreter, and the IOMMU
/// model walking the written hardware tables. Results are per probe (OperationsPerInvoke).
/// </summary>
[Config(typeof(FastConfig))]
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    [ParamsSource(nameof(Specs))]
    public string Spec { get; set; } = BenchSpecs.TwoVm;

    /// <summary>Short mode measures the smallest and the largest policy; the full run the middle one too.</summary>
    public static string[] Specs => BenchmarkSettings.Short
        ? new[] { BenchSpecs.TwoVm, "Large" }
        : new[] { BenchSpecs.TwoVm, "Medium", "Large" };

    [Params(Scenario.Hits, Scenario.Misses, Scenario.Unbound, Scenario.Mixed)]
    public Scenario Scenario { get; set; }

    private Probe[] _probes = Array.Empty<Probe>();
    private IPolicyRunner _generated = null!;
    private IPolicyRunner _interpreter = null!;
    private IPolicyRunner _iommu = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = TranslationSetup.Get(Spec);
        _probes = setup.Probes(Scenario);
        _generated = setup.Generated.Direct;
        _interpreter = setup.Interpreter;
        _iommu = setup.Iommu;
        RunnerWarmup.Run(_generated, _probes);
        RunnerWarmup.Run(_interpreter, _probes);
        RunnerWarmup.Run(_iommu, _probes);
        SetupSettling.Wait();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ProbeSets.Count, Description = "Generated")]
    public ulong Generated() => _generated.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count, Description = "Interpreter")]
    public ulong Interpreter() => _interpreter.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count, Description = "IommuModel")]
    public ulong IommuModel() => _iommu.Translate(_probes);
}

/// <summary>
/// What the generic <c>Runner&lt;TPolicy&gt;</c> (MakeGenericType over the generated class) costs
/// against the direct call a consumer writes: generated policy types are classes, so the generic
/// code is shared and each <c>TPolicy.Translate</c> is an indirect, non-inlined call.
/// </summary>
[Config(typeof(FastConfig))]
[MemoryDiagnoser]
public class RunnerOverheadBenchmarks
{
    [Params(BenchSpecs.TwoVm, "Large")]
    public string Spec { get; set; } = BenchSpecs.TwoVm;

    private Probe[] _probes = Array.Empty<Probe>();
    private GeneratedPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = TranslationSetup.Get(Spec);
        _probes = setup.Probes(Scenario.Mixed);
        _policy = setup.Generated;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ProbeSets.Count)]
    public ulong DirectCall() => _policy.Direct.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count)]
    public ulong GenericRunner() => _policy.Generic.Translate(_probes);
}

/// <summary>Everything a spec's translation benchmarks need, built once per process and checked: the three translators agree on every probe.</summary>
public sealed class TranslationSetup
{
    /// <summary>Where the benchmarks' hardware image lives in host memory.</summary>
    public const ulong ImageBase = 0x40_0000_0000;

    private static readonly ConcurrentDictionary<string, Lazy<TranslationSetup>> Cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Scenario, Probe[]> _probes = new();

    private TranslationSetup(string name)
    {
        Spec = BenchSpecs.Get(name);
        Generated = GeneratedPolicies.Get(Spec);
        Interpreter = InterpretedPolicy.From(Spec.Policy);
        var tables = Spec.Tables;
        Image = DmarImage.Create(in tables, ImageBase, out var layout);
        Iommu = new IommuRunner(IommuPlatform.FromImage(in tables, layout, Image));
    }

    public BenchSpec Spec { get; }
    public GeneratedPolicy Generated { get; }
    public InterpretedPolicy Interpreter { get; }
    public IPolicyRunner Iommu { get; }
    public byte[] Image { get; }

    public static TranslationSetup Get(string name) => Cache.GetOrAdd(name, n => new Lazy<TranslationSetup>(() => new TranslationSetup(n))).Value;

    public Probe[] Probes(Scenario scenario) => _probes.GetOrAdd(scenario, s =>
    {
        var probes = ProbeSets.Create(Spec, s);
        Verify(s, probes);
        return probes;
    });

    private void Verify(Scenario scenario, Probe[] probes)
    {
        foreach (var probe in probes)
        {
            var generated = Generated.Direct.TranslateOne(probe);
            var generic = Generated.Generic.TranslateOne(probe);
            var interpreted = ((IPolicyRunner)Interpreter).TranslateOne(probe);
            var walked = Iommu.TranslateOne(probe);
            if (generated != interpreted || generated != walked || generated != generic)
                throw new InvalidOperationException($"{Spec.Name} {scenario}: {probe} answered differently: generated {generated}, generic runner {generic}, interpreter {interpreted}, IOMMU model {walked}.");
            bool expected = scenario switch
            {
                Scenario.Hits => generated.IsAllowed,
                Scenario.Misses => generated.Fault is FaultReason.ReadDenied or FaultReason.WriteDenied,
                Scenario.Unbound => generated.Fault is FaultReason.RootEntryNotPresent or FaultReason.ContextEntryNotPresent,
                _ => true,
            };
            if (!expected) throw new InvalidOperationException($"{Spec.Name} {scenario}: {probe} gave {generated}.");
        }
    }
}
