using System;
using BenchmarkDotNet.Attributes;

namespace VtdDsl.Benchmarks.Experiments;

/// <summary>
/// The engine as it is against <see cref="BranchFreeLookup"/>, both specialised for the generated
/// table struct of the spec (what the generated <c>Translate</c> compiles to), same probes.
/// </summary>
[Config(typeof(FastConfig))]
[MemoryDiagnoser]
public class EngineVariantBenchmarks
{
    [Params(BenchSpecs.TwoVm, "Medium", "Large")]
    public string Spec { get; set; } = BenchSpecs.TwoVm;

    [Params(Scenario.Hits, Scenario.Misses, Scenario.Mixed)]
    public Scenario Scenario { get; set; }

    private Probe[] _probes = Array.Empty<Probe>();
    private IPolicyRunner _engine = null!;
    private IPolicyRunner _candidate = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = TranslationSetup.Get(Spec);
        _probes = setup.Probes(Scenario);
        Type tables = setup.Generated.PolicyType.GetNestedType("PolicyTables")!;
        Type runner = typeof(EngineRunner<>).MakeGenericType(tables);
        _engine = (IPolicyRunner)Activator.CreateInstance(runner, new object[] { false })!;
        _candidate = (IPolicyRunner)Activator.CreateInstance(runner, new object[] { true })!;
        foreach (var probe in _probes)
        {
            if (_engine.TranslateOne(probe) != _candidate.TranslateOne(probe))
                throw new InvalidOperationException($"The candidate answers {probe} differently.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ProbeSets.Count)]
    public ulong Engine() => _engine.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count)]
    public ulong BranchFree() => _candidate.Translate(_probes);
}
