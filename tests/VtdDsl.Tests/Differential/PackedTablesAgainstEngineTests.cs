using System.Reflection;
using Microsoft.CodeAnalysis;
using VtdDsl.Compiler;
using VtdDsl.Testing;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// A policy big enough that its big tables are packed (more than <c>TableWriter.ReadableRowLimit</c>
/// rows: domains, windows, context tables), compiled in Release and Debug, answers exactly as the
/// runtime's PolicyEngine does over the compiler core's layout, without allocating; its packed tables are
/// decoded to cache lines.
/// </summary>
public sealed class PackedTablesAgainstEngineTests
{
    private static readonly ScaleSpec Spec = ScaleSpecGenerator.Generate(new ScaleSpecOptions
    {
        PolicyName = "VtdDsl.Scale.Packed", Seed = 7, Devices = 3_000, Domains = 1_100, Windows = 3_000, Interrupts = 300,
    });

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void Packed_tables_answer_like_the_engine_over_the_layout(OptimizationLevel optimization)
    {
        var compiled = VtdCompiler.Compile(Spec.FileName, Spec.Text);
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        var policy = compiled.Policy!;
        var expected = VtdDsl.Tool.Input.RuntimeTables.From(compiled.Layout!);
        // A consumer reads a device as Devices.Name, as with few devices (the first named device's field).
        string api = GeneratorHarness.Run(new[] { GeneratorHarness.Spec(Spec.FileName, Spec.Text) }).GeneratedSources[0].SourceText.ToString();
        string first = System.Text.RegularExpressions.Regex.Match(api, @"\npublic readonly __SourceId (\w+); // ").Groups[1].Value;
        string consumer = $"public static class DeviceReader {{ public static global::VtdDsl.SourceId First() => global::{policy.FullName}.Devices.{first}; }}";
        var run = GeneratorHarness.Run(optimization, optimizeVisible: true, new[] { GeneratorHarness.Spec(Spec.FileName, Spec.Text) }, null, consumer);
        Assert.Null(run.Exception);
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var generated = assembly.Policy(policy.FullName);

        // Every named device's field holds its source id, in declaration order.
        var named = policy.Devices.Where(d => d.Name is not null).Select(d => PolicyProbes.ToSourceId(d.Source)).ToArray();
        Assert.True(named.Length > 1024, $"{named.Length} named devices: not the packed form");
        var policyType = assembly.Assembly.GetType(policy.FullName, throwOnError: true)!;
        Assert.Equal(named, DeviceFields(policyType));
        Assert.Equal(named[0], assembly.Assembly.GetType("DeviceReader")!.GetMethod("First")!.Invoke(null, null));

        var packed = PackedTables(policyType);
        // Record tables are decoded straight into records (no reinterpreting cast per access).
        Assert.Contains("Windows", packed.Keys);
        Assert.Contains("Domains", packed.Keys);
        Assert.Contains("WindowTree", packed.Keys);
        Assert.Contains("ContextEntries", packed.Keys);
        Assert.All(packed, table => Assert.Equal(0u, table.Value % PackedTable.Alignment));
        Assert.True(generated.Tables.Windows.SequenceEqual(expected.Windows));
        Assert.True(generated.Tables.Domains.SequenceEqual(expected.Domains));
        Assert.True(generated.Tables.WindowTree.SequenceEqual(expected.WindowTree));
        Assert.True(generated.Tables.ContextEntries.SequenceEqual(expected.ContextEntries));
        Assert.True(generated.Tables.ContextFlags.SequenceEqual(expected.ContextFlags));

        var probes = PolicyProbes.Dma(policy).Where((_, i) => i % 3 == 0).ToArray();
        Assert.True(probes.Length > 10_000, $"{probes.Length} probes");
        EngineAgreement.Dma(in expected, generated, probes);
        EngineAgreement.Interrupts(in expected, generated, PolicyProbes.Interrupts(policy));
        // Decoded once, at type initialisation: translating allocates nothing.
        var hit = probes.First(p => generated.Translate(p.Source, p.Address, p.Access).Fault == FaultReason.None);
        Assert.Equal(0, Allocations.PerRun(() => generated.Hammer(hit.Source, hit.Address, 0, 100_000)));

        EngineAgreement.Batch(in expected, generated, probes);
    }

    /// <summary>The values of the fields of <c>Devices</c> (a <c>DeviceTable</c> over a packed table), in declaration order.</summary>
    private static SourceId[] DeviceFields(Type policyType)
    {
        object devices = policyType.GetProperty("Devices")!.GetValue(null)!;
        return devices.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public)
            .OrderBy(f => System.Runtime.InteropServices.Marshal.OffsetOf(devices.GetType(), f.Name).ToInt64())
            .Select(f => (SourceId)f.GetValue(devices)!).ToArray();
    }

    /// <summary>The packed tables of a generated policy type: the <c>AlignedTable</c> fields of its <c>TableData</c>, by name, with their addresses.</summary>
    private static Dictionary<string, nuint> PackedTables(Type policyType)
    {
        var data = policyType.GetNestedType("PolicyTables")!.GetNestedType("TableData", BindingFlags.NonPublic)!;
        return data.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(AlignedTable<>))
            .ToDictionary(f => f.Name, f => (nuint)f.FieldType.GetProperty(nameof(AlignedTable<byte>.Address))!.GetValue(f.GetValue(null))!);
    }
}
