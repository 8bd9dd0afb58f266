using BenchmarkDotNet.Attributes;

namespace VtdDsl.Benchmarks;

/// <summary>
/// Writing the hardware tables (<c>DmarImage.Create</c>: plan, allocate, write root, context,
/// second-level and interrupt-remapping tables) of the Large spec and of one 1 TiB identity
/// window (with 1 GiB superpages, and with 2 MiB pages only).
/// </summary>
[Config(typeof(SlowConfig))]
[MemoryDiagnoser]
public class ImageBenchmarks
{
    [Params("Large", BenchSpecs.Identity1TiB, BenchSpecs.Identity1TiB2MiB)]
    public string Spec { get; set; } = "Large";

    private ArrayPolicyTables _tables;

    [GlobalSetup]
    public void Setup() => _tables = BenchSpecs.Get(Spec).Tables;

    [Benchmark(Description = "DmarImage.Create")]
    public byte[] Create() => DmarImage.Create(in _tables, TranslationSetup.ImageBase, out _);
}
