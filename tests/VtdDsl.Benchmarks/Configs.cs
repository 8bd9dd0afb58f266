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
