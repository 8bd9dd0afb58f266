using VtdDsl.Fuzz;
using Xunit.Abstractions;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// The DMAR fuzz target (<see cref="DmarFuzzTarget"/>) without a fuzzer: its seed corpus is
/// what <see cref="DmarSeeds"/> builds, every seed replays to an import, and deterministic
/// mutants of the seeds and of the nine real machines' tables (<c>../shared/dmar</c>, read
/// from there) are refused with an offset or imported, never an exception.
/// </summary>
public sealed class DmarFuzzTests
{
    private const int Seed = 20_261_127;
    private const int MutantsPerTable = 2_000;

    private static readonly string RealTables = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "dmar"));

    private readonly ITestOutputHelper _output;

    public DmarFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_seed_corpus_is_what_the_builder_writes_and_nothing_else()
    {
        var seeds = DmarSeeds.All();
        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
        {
            Directory.CreateDirectory(DmarSeeds.Folder);
            foreach (var (name, bytes) in seeds) File.WriteAllBytes(Path.Combine(DmarSeeds.Folder, name), bytes);
        }

        var files = Directory.GetFiles(DmarSeeds.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(seeds.Select(s => s.Name).Order(StringComparer.Ordinal), files);
        foreach (var (name, bytes) in seeds)
        {
            Assert.True(bytes.SequenceEqual(File.ReadAllBytes(Path.Combine(DmarSeeds.Folder, name))),
                $"{name} differs from what DmarSeeds builds (run the tests with {Snapshot.AcceptVariable}=1 to rewrite it)");
        }
    }

    [Fact]
    public void Every_seed_of_the_corpus_replays_to_an_import()
    {
        var files = Directory.GetFiles(DmarSeeds.Folder).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.Equal(DmarFuzzOutcome.Imported, DmarFuzzTarget.Run(File.ReadAllBytes(file)));
        }
    }

    [Fact]
    public void Mutants_of_the_seed_corpus_are_refused_with_an_offset_or_imported()
    {
        RunMutants(DmarSeeds.All().Select(s => s.Bytes).ToList(), "seed corpus");
    }

    [SkippableFact]
    public void Mutants_of_the_real_machines_tables_are_refused_with_an_offset_or_imported()
    {
        Skip.IfNot(Directory.Exists(RealTables), $"the real DMAR tables are not at {RealTables} (../shared/dmar from the repository root)");
        var tables = Directory.GetFiles(RealTables, "*.bin").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Skip.If(tables.Count == 0, $"no *.bin table in {RealTables}");
        RunMutants(tables, "real tables");
    }

    private void RunMutants(IReadOnlyList<byte[]> tables, string what)
    {
        var mutator = new DmarMutator(tables, Seed);
        int count = MutantsPerTable * tables.Count;
        var outcomes = new Dictionary<DmarFuzzOutcome, int>();
        for (int i = 0; i < count; i++)
        {
            byte[] mutant = mutator.Mutant(i, out string description);
            DmarFuzzOutcome outcome;
            try
            {
                outcome = DmarFuzzTarget.Run(mutant);
            }
            catch (Exception error)
            {
                Assert.Fail($"mutant {i} of the {what} ({description}, {mutant.Length} bytes) broke the DMAR target:\n{error}\n{Convert.ToHexString(mutant)}");
                return;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        _output.WriteLine($"{count} mutants of the {what}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value} {o.Key}")));
        // The run must reach both the structure checks and the importer, not stop at the header.
        Assert.True(outcomes.GetValueOrDefault(DmarFuzzOutcome.StructureRefused) > 0, "no mutant reached the structure checks");
        Assert.True(outcomes.GetValueOrDefault(DmarFuzzOutcome.Imported) > 0, "no mutant was imported");
    }
}
