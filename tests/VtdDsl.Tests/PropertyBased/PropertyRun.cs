using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Tasks;
using CsCheck;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// Runs a property over a fixed, reproducible sequence of generated values: value i comes from
/// CsCheck's PCG with stream i and a fixed seed, so every run of the suite tries the same
/// policies. On a failure, CsCheck's <c>Sample</c> is started from the failing value's seed to
/// shrink it, and the (shrunk) spec is printed in the message. <c>VTD_PROPERTY_SCALE</c> (an
/// integer factor, default 1) multiplies the counts for a longer soak run.
/// </summary>
public static class PropertyRun
{
    public const ulong FixedSeed = 0x5EED_7D0D_15A7_1001UL;

    public static int Scale => int.TryParse(Environment.GetEnvironmentVariable("VTD_PROPERTY_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out int scale) && scale > 0 ? scale : 1;

    /// <summary>The i-th value of the fixed sequence.</summary>
    public static T Nth<T>(Gen<T> gen, int index, out string seed)
    {
        var pcg = new PCG((uint)index, FixedSeed);
        ulong state = pcg.State;
        var value = gen.Generate(pcg, null, out _);
        seed = pcg.ToString(state);
        return value;
    }

    /// <summary>Checks <paramref name="assert"/> on <paramref name="count"/> values, in parallel; the lowest failing one is shrunk and reported.</summary>
    public static void ForEach<T>(Gen<T> gen, int count, Action<T> assert, Func<T, string> print, int shrinkIterations = 20_000)
    {
        var failures = new ConcurrentDictionary<int, (string Seed, T Value, Exception Error)>();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var value = Nth(gen, i, out string seed);
            try
            {
                assert(value);
            }
            catch (Exception error)
            {
                failures[i] = (seed, value, error);
            }
        });
        if (failures.IsEmpty)
        {
            return;
        }
        int first = int.MaxValue;
        foreach (int key in failures.Keys) first = Math.Min(first, key);
        var (failingSeed, failingValue, failure) = failures[first];
        try
        {
            gen.Sample(assert, seed: failingSeed, iter: shrinkIterations, print: print);
        }
        catch (CsCheckException shrunk)
        {
            throw new Xunit.Sdk.XunitException(
                $"Property failed for value {first} of {count} ({failures.Count} failing). Shrunk counterexample:\n{shrunk.Message}\n--- shrunk failure ---\n{shrunk.InnerException}\n--- original value ---\n{print(failingValue)}\n--- original failure ---\n{failure}");
        }
        throw new Xunit.Sdk.XunitException($"Property failed for value {first} of {count} (seed {failingSeed}); it did not fail again when replayed:\n{print(failingValue)}\n{failure}");
    }
}
