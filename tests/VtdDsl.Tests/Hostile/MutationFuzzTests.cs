using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using VtdDsl.Fuzz;
using VtdDsl.Tests.PropertyBased;
using Xunit.Abstractions;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// The in-suite fuzz run: a fixed number of deterministic mutants of the bundled specs (and the
/// fuzz corpus) through the whole pipeline of <see cref="FuzzPipeline"/>. Every input must
/// give diagnostics or a policy, never an exception or VTD9999, and each must complete (a
/// generous per-input cancellation guard turns a hang into a failure naming the input).
/// </summary>
public sealed class MutationFuzzTests
{
    public const int Seed = 20_251_001;

    /// <summary>Per-input guard: an input still running after this is a finding (not a timing assertion on the suite).</summary>
    private static readonly TimeSpan PerInputGuard = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public MutationFuzzTests(ITestOutputHelper output) => _output = output;

    public static int MutantCount => 20_000 * PropertyRun.Scale;

    public static string[] Corpus()
    {
        var files = RepositoryPaths.ValidSpecs().Concat(RepositoryPaths.InvalidSpecFiles()).Select(RepositoryPaths.ReadText);
        string corpus = Path.Combine(RepositoryPaths.Root, "tests", "VtdDsl.Fuzz", "corpus");
        Assert.True(Directory.Exists(corpus), "tests/VtdDsl.Fuzz/corpus is missing: the mutation run seeds from it.");
        var extra = Directory.GetFiles(corpus).Order(StringComparer.Ordinal).Select(File.ReadAllText);
        return files.Concat(extra).Distinct().ToArray();
    }

    [Fact]
    public void Every_mutant_of_the_bundled_specs_gives_diagnostics_or_a_policy()
    {
        var mutator = new SpecMutator(Corpus(), Seed);
        var outcomes = new ConcurrentDictionary<FuzzOutcome, int>();
        var failures = new ConcurrentBag<(int Index, string Description, string Text, Exception Error)>();
        var slowest = new ConcurrentBag<(double Milliseconds, int Index, string Description, int Length)>();
        Parallel.For(0, MutantCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            string text = mutator.Mutant(i, out string description);
            using var guard = new CancellationTokenSource(PerInputGuard);
            try
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                var outcome = FuzzPipeline.RunText(text, guard.Token);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                slowest.Add((System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, i, description, text.Length));
            }
            catch (Exception error)
            {
                failures.Add((i, description, text, error is OperationCanceledException ? new TimeoutException($"did not complete within {PerInputGuard}", error) : error));
            }
        });
        _output.WriteLine($"{MutantCount} mutants: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value} {o.Key}")));
        foreach (var slow in slowest.OrderByDescending(s => s.Milliseconds).Take(5))
        {
            _output.WriteLine($"slowest: mutant {slow.Index} ({slow.Description}, {slow.Length} chars): {slow.Milliseconds:F0} ms");
        }
        if (!failures.IsEmpty)
        {
            var first = failures.OrderBy(f => f.Index).First();
            string path = Path.Combine(Path.GetTempPath(), $"vtd-mutant-{first.Index}.vtd");
            File.WriteAllText(path, first.Text);
            Assert.Fail($"{failures.Count} of {MutantCount} mutants broke the pipeline; the first, mutant {first.Index} ({first.Description}), is saved in {path}:\n"
                + $"{first.Error}\n--- input (first 4000 characters) ---\n{first.Text.Substring(0, Math.Min(4000, first.Text.Length))}");
        }
        Assert.True(outcomes.TryGetValue(FuzzOutcome.Image, out int images) && images > 0, "no mutant reached the image writer: the run exercises too little");
    }

    [Fact]
    public void Mutants_are_reproducible_by_index()
    {
        var a = new SpecMutator(Corpus(), Seed);
        var b = new SpecMutator(Corpus(), Seed);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(a.Mutant(i, out _), b.Mutant(i, out _));
        }
    }

    [Fact]
    public void Corpus_holds_every_bundled_spec()
    {
        string corpus = Path.Combine(RepositoryPaths.Root, "tests", "VtdDsl.Fuzz", "corpus");
        var seeds = Directory.GetFiles(corpus).Select(Path.GetFileName).ToHashSet();
        foreach (var spec in RepositoryPaths.ValidSpecs().Concat(RepositoryPaths.InvalidSpecFiles()))
        {
            // specs/two-vm.vtd -> two-vm.vtd, specs/invalid/VTD3005.vtd -> invalid-VTD3005.vtd
            string name = spec.StartsWith("specs/invalid/", StringComparison.Ordinal) ? "invalid-" + Path.GetFileName(spec) : Path.GetFileName(spec);
            Assert.True(seeds.Contains(name), $"{spec} has no seed in tests/VtdDsl.Fuzz/corpus (copy it there as {name})");
        }
        foreach (var file in Directory.GetFiles(corpus))
        {
            Assert.Equal(FuzzPipeline.Run(File.ReadAllBytes(file)), FuzzPipeline.Run(File.ReadAllBytes(file)));
        }
    }
}
