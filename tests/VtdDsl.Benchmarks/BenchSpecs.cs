using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Model;
using VtdDsl.Testing;

namespace VtdDsl.Benchmarks;

/// <summary>A spec the benchmarks use, compiled once per process.</summary>
public sealed class BenchSpec
{
    private readonly Lazy<ArrayPolicyTables> _tables;

    private BenchSpec(string name, string fileName, string text)
    {
        Name = name;
        FileName = fileName;
        Text = text;
        Result = VtdCompiler.Compile(fileName, text);
        if (Result.HasErrors || Result.Layout is null)
            throw new InvalidOperationException($"{fileName} does not compile:\n" + string.Join("\n", Result.Diagnostics.Select(d => d.ToString())));
        _tables = new Lazy<ArrayPolicyTables>(() => BenchSpecs.ToTables(Result.Layout!));
    }

    public string Name { get; }
    public string FileName { get; }
    public string Text { get; }
    public CompilationResult Result { get; }
    public Policy Policy => Result.Policy!;
    public PolicyLayout Layout => Result.Layout!;

    /// <summary>The layout as runtime tables (what the CLI hands to the engine).</summary>
    public ArrayPolicyTables Tables => _tables.Value;

    public int WindowCount => Layout.WindowCount;

    internal static BenchSpec Create(string name, string fileName, string text) => new(name, fileName, text);
}

/// <summary>The specs by name: <c>two-vm</c> (specs/two-vm.vtd), the presets <c>Small</c>, <c>Medium</c>, <c>Large</c>, and the identity windows of the image benchmarks.</summary>
public static class BenchSpecs
{
    public const string TwoVm = "two-vm";

    /// <summary>#16's workload: 256 domains × 64 windows (on average), 16 devices per domain.</summary>
    public const string Random256 = "Random256";
    public const string Identity1TiB = "Identity1TiB";
    public const string Identity1TiB2MiB = "Identity1TiB-2MiBPages";

    private static readonly ConcurrentDictionary<string, Lazy<BenchSpec>> Cache = new(StringComparer.Ordinal);

    public static BenchSpec Get(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<BenchSpec>(() => Load(n))).Value;

    /// <summary>The text of a spec without compiling it.</summary>
    public static (string FileName, string Text) Source(string name) => name switch
    {
        TwoVm => ("two-vm.vtd", TwoVmText()),
        Identity1TiB => ("identity-1tib.vtd", IdentityText("Bench.Image.Identity1TiB", "2MiB, 1GiB")),
        Identity1TiB2MiB => ("identity-1tib-2mib.vtd", IdentityText("Bench.Image.Identity1TiB2MiB", "2MiB")),
        Random256 => ScaleText(new ScaleSpecOptions
        {
            PolicyName = "VtdDsl.Scale.Random256", Devices = 4096, Domains = 256, Windows = 256 * 64, Interrupts = 256,
        }),
        _ => ScaleSource(name),
    };

    private static (string, string) ScaleText(ScaleSpecOptions options)
    {
        var spec = ScaleSpecGenerator.Generate(options);
        return (spec.FileName, spec.Text);
    }

    private static (string, string) ScaleSource(string name)
    {
        var spec = ScaleSpecGenerator.Generate(ScaleSpecOptions.Preset(name));
        return (spec.FileName, spec.Text);
    }

    private static BenchSpec Load(string name)
    {
        var (fileName, text) = Source(name);
        return BenchSpec.Create(name, fileName, text);
    }

    private static string TwoVmText()
    {
        using var stream = typeof(BenchSpecs).Assembly.GetManifestResourceStream("two-vm.vtd")
            ?? throw new InvalidOperationException("two-vm.vtd is not embedded in the benchmarks.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One domain identity-mapping 1 TiB (48-bit tables), with the given superpages.</summary>
    private static string IdentityText(string policy, string superpages) => $$"""
        policy {{policy}};
        iommu dmar0 {
            address-width 39, 48;
            superpages {{superpages}};
        }
        memory ram 0x0 size 1TiB;
        domain flat { identity 0x0 size 1TiB read write; }
        device nic 00:01.0 -> flat;
        """;

    /// <summary>The compiler core's layout as runtime tables: the CLI's conversion, so every path reads the same arrays.</summary>
    public static ArrayPolicyTables ToTables(PolicyLayout layout) => VtdDsl.Tool.Input.RuntimeTables.From(layout);
}
