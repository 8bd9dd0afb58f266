using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using VtdDsl.Benchmarks.Baselines;

namespace VtdDsl.Benchmarks;

/// <summary>Which probe stream a <see cref="RandomStreamBenchmarks"/> case runs.</summary>
public enum ProbeStream
{
    /// <summary>4,096 mixed probes, repeated 16 times per invocation: short enough to stay in cache and be learnt.</summary>
    Warm,

    /// <summary>65,536 mixed probes over all devices and windows: too long for the caches and the branch predictor to learn.</summary>
    Random,
}

/// <summary>
/// #16's comparison, side by side in one run: the generated <c>Translate</c> (baseline), the generated
/// <c>TranslateMany</c> on the same stream (as one batch, and as scatter-gather lists of 256 folded one by one), today's engine over arrays (the CLI), the engine before #16
/// over the columns of that time (<see cref="EngineBefore16"/>), and the hand-written interpreter.
/// Mixed probes (70 % hits with every right the window grants, 20 % misses, 10 % unbound); results
/// per probe (65,536 per invocation).
/// </summary>
[Config(typeof(RandomStreamConfig))]
[MemoryDiagnoser]
public class RandomStreamBenchmarks
{
    public const int PerInvoke = 65_536;

    /// <summary>Requests a scatter-gather list of <see cref="GeneratedBatchInLists"/> holds.</summary>
    public const int ListLength = 256;
    private const int WarmCount = 4_096;

    [Params(BenchSpecs.Random256, "Large", BenchSpecs.TwoVm)]
    public string Spec { get; set; } = BenchSpecs.Random256;

    [Params(ProbeStream.Warm, ProbeStream.Random)]
    public ProbeStream Stream { get; set; }

    private Probe[] _probes = Array.Empty<Probe>();
    private DmaRequest[] _requests = Array.Empty<DmaRequest>();
    private DmaTranslation[] _answers = Array.Empty<DmaTranslation>();
    private readonly DmaTranslation[] _list = new DmaTranslation[ListLength];
    private int _repeat;
    private IPolicyRunner _generated = null!;
    private IBatchRunner _generatedBatch = null!;
    private IPolicyRunner _engine = null!;
    private IPolicyRunner _before = null!;
    private IPolicyRunner _interpreter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = TranslationSetup.Get(Spec);
        int count = Stream == ProbeStream.Warm ? WarmCount : PerInvoke;
        _repeat = PerInvoke / count;
        _probes = ProbeSets.Create(setup.Spec, Scenario.Mixed, count);
        _requests = _probes.Select(p => new DmaRequest(p.Source, p.Address, p.Access)).ToArray();
        _answers = new DmaTranslation[_requests.Length];
        _generated = setup.Generated.Direct;
        _generatedBatch = (IBatchRunner)setup.Generated.Direct;
        var tables = setup.Spec.Tables;
        _engine = new EngineRunner(in tables);
        _before = new EngineBefore16Runner(in tables);
        _interpreter = setup.Interpreter;
        Verify(setup.Spec.Name);
        foreach (var runner in new[] { _generated, _engine, _before, _interpreter }) RunnerWarmup.Run(runner, _probes);
        for (int i = 0; i < 100; i++)
        {
            _generatedBatch.TranslateMany(_requests, _answers);
            _generatedBatch.TranslateInLists(_requests, _list);
        }
        SetupSettling.Wait();
    }

    private void Verify(string spec)
    {
        ulong batchSum = _generatedBatch.TranslateMany(_requests, _answers);
        if (_generatedBatch.TranslateInLists(_requests, _list) != batchSum)
            throw new InvalidOperationException($"{spec}: the batch in lists of {ListLength} answered differently from one batch.");
        for (int i = 0; i < _probes.Length; i++)
        {
            var expected = _generated.TranslateOne(_probes[i]);
            if (_answers[i] != expected || _engine.TranslateOne(_probes[i]) != expected || _before.TranslateOne(_probes[i]) != expected
                || _interpreter.TranslateOne(_probes[i]) != expected)
                throw new InvalidOperationException($"{spec}: {_probes[i]} answered differently (generated {expected}, batch {_answers[i]}, engine {_engine.TranslateOne(_probes[i])}, before #16 {_before.TranslateOne(_probes[i])}, interpreter {_interpreter.TranslateOne(_probes[i])}).");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke, Description = "Generated")]
    public ulong Generated() => Repeat(_generated);

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "GeneratedBatch")]
    public ulong GeneratedBatch()
    {
        ulong sum = 0;
        for (int r = 0; r < _repeat; r++) sum += _generatedBatch.TranslateMany(_requests, _answers);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "GeneratedBatch256")]
    public ulong GeneratedBatchInLists()
    {
        ulong sum = 0;
        for (int r = 0; r < _repeat; r++) sum += _generatedBatch.TranslateInLists(_requests, _list);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "EngineArrays")]
    public ulong EngineArrays() => Repeat(_engine);

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "EngineBefore16")]
    public ulong Before16() => Repeat(_before);

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "Interpreter")]
    public ulong Interpreter() => Repeat(_interpreter);

    private ulong Repeat(IPolicyRunner runner)
    {
        ulong sum = 0;
        for (int r = 0; r < _repeat; r++) sum += runner.Translate(_probes);
        return sum;
    }
}
