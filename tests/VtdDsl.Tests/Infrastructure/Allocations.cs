namespace VtdDsl.Tests.Infrastructure;

/// <summary>Counts the managed bytes a piece of code allocates on the current thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="calls"/> once to warm up, then up to <paramref name="attempts"/> more times,
    /// and returns the fewest bytes one run allocated. The runtime itself may allocate on the calling
    /// thread now and then while the code is being tiered up (type loads, on-stack replacement); that
    /// shows in one run, while an allocation the calls make shows in every run.
    /// </summary>
    public static long PerRun(Func<ulong> calls, int attempts = 3)
    {
        ulong sink = calls();
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < attempts && fewest > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            sink += calls();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        GC.KeepAlive(sink);
        return fewest;
    }
}
