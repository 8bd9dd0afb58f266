using System;
using BenchmarkDotNet.Attributes;

namespace VtdDsl.Benchmarks.Experiments;

/// <summary>
/// The engine as it is against a frozen copy of the engine before the lookup rework
/// (<see cref="EngineBefore"/>, the baseline), the earlier <see cref="BranchFreeLookup"/> candidate and
/// the rejected <see cref="EngineAllBranchFree"/>,
/// all specialised for the generated table struct of the spec (what the generated <c>Translate</c>
/// compiles to), same probes, same run: <c>--short --filter '*EngineVariant*'</c>.
/// </summary>
[Config(typeof(FastConfig))]
[MemoryDiagnoser]
public class EngineVariantBenchmarks
{
    [Params(BenchSpecs.TwoVm, "Medium", "Large")]
    public string Spec { get; set; } = BenchSpecs.TwoVm;

    [Params(Scenario.Hits, Scenario.Misses, Scenario.Unbound, Scenario.Mixed)]
    public Scenario Scenario { get; set; }

    private Probe[] _probes = Array.Empty<Probe>();
    private IPolicyRunner _engine = null!;
    private IPolicyRunner _before = null!;
    private IPolicyRunner _candidate = null!;
    private IPolicyRunner _allBranchFree = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = TranslationSetup.Get(Spec);
        _probes = setup.Probes(Scenario);
        Type tables = setup.Generated.PolicyType.GetNestedType("PolicyTables")!;
        Type runner = typeof(EngineRunner<>).MakeGenericType(tables);
        _engine = (IPolicyRunner)Activator.CreateInstance(runner, new object[] { EngineVariant.Engine })!;
        _before = (IPolicyRunner)Activator.CreateInstance(runner, new object[] { EngineVariant.Before })!;
        _candidate = (IPolicyRunner)Activator.CreateInstance(runner, new object[] { EngineVariant.BranchFree })!;
        _allBranchFree = (IPolicyRunner)Activator.CreateInstance(runner, new object[] { EngineVariant.AllBranchFree })!;
        foreach (var probe in _probes)
        {
            var expected = _before.TranslateOne(probe);
            if (_engine.TranslateOne(probe) != expected || _candidate.TranslateOne(probe) != expected || _allBranchFree.TranslateOne(probe) != expected)
                throw new InvalidOperationException($"A variant answers {probe} differently from the engine before the rework.");
        }
        foreach (var variant in new[] { _before, _engine, _candidate, _allBranchFree }) RunnerWarmup.Run(variant, _probes);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ProbeSets.Count)]
    public ulong Before() => _before.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count)]
    public ulong Engine() => _engine.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count)]
    public ulong BranchFree() => _candidate.Translate(_probes);

    [Benchmark(OperationsPerInvoke = ProbeSets.Count)]
    public ulong AllBranchFree() => _allBranchFree.Translate(_probes);
}
