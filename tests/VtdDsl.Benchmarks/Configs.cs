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
}

/// <summary>Many fast operations (translations): BenchmarkDotNet's default job, or a short one.</summary>
public sealed class FastConfig : ManualConfig
{
    public FastConfig()
    {
        Job job = BenchmarkSettings.Short
            ? new Job("Short").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(4).WithIterationTime(TimeInterval.FromMilliseconds(50))
            : Job.Default;
        AddJob(BenchmarkSettings.InProcessIfShort(job));
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
        Job job = BenchmarkSettings.Short
            ? new Job("Short10").WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithIterationTime(TimeInterval.FromMilliseconds(100))
            : Job.Default;
        AddJob(BenchmarkSettings.InProcessIfShort(job));
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
