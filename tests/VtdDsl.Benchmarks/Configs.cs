using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace VtdDsl.Benchmarks;

/// <summary>Set by <c>--short</c> before BenchmarkDotNet reads the configs.</summary>
public static class BenchmarkSettings
{
    public static bool Short { get; set; }

    /// <summary>Short mode runs in-process: one process, setups (generated assemblies, images) shared between cases.</summary>
    internal static Job InProcessIfShort(Job job) => Short ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;

    /// <summary>BenchmarkDotNet's default job, or in short mode <paramref name="iterations"/> measured iterations of <paramref name="milliseconds"/> ms after <paramref name="warmups"/> warm-up ones.</summary>
    internal static Job ShortOrDefault(string name, int warmups, int iterations, int milliseconds) => InProcessIfShort(Short
        ? new Job(name).WithLaunchCount(1).WithWarmupCount(warmups).WithIterationCount(iterations).WithIterationTime(TimeInterval.FromMilliseconds(milliseconds))
        : Job.Default);
}

/// <summary>Many fast operations (translations): BenchmarkDotNet's default job, or a short one.</summary>
public sealed class FastConfig : ManualConfig
{
    public FastConfig()
    {
        AddJob(BenchmarkSettings.ShortOrDefault("Short", warmups: 1, iterations: 4, milliseconds: 50));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// #16's long random streams: in short mode ten measured iterations of 100 ms instead of four of 50,
/// and the median beside the mean.
/// </summary>
/// <remarks>
/// The benchmark machine is a VM whose host runs other work: on a stream that misses the caches a
/// burst of it moved a four-iteration mean by a third (Random256's single calls 22 ns in one run, 39
/// with a standard deviation of 7.6 in the next). Ten iterations give BenchmarkDotNet's outlier removal
/// something to remove, and the median shows what the mean hides.
/// </remarks>
public sealed class RandomStreamConfig : ManualConfig
{
    public RandomStreamConfig()
    {
        AddJob(BenchmarkSettings.ShortOrDefault("Short10", warmups: 2, iterations: 10, milliseconds: 100));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
    }
}

/// <summary>Operations of 1 ms to seconds (compiling, generating, writing images): one invocation per iteration.</summary>
public sealed class SlowConfig : ManualConfig
{
    public SlowConfig()
    {
        Job job = new Job(BenchmarkSettings.Short ? "ShortMonitoring" : "Monitoring")
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(BenchmarkSettings.Short ? 1 : 2)
            .WithIterationCount(BenchmarkSettings.Short ? 3 : 10);
        AddJob(BenchmarkSettings.InProcessIfShort(job));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
