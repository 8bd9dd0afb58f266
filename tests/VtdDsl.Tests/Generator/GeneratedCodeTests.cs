using System;
using System.Linq;
using VtdDsl.Compiler;
using VtdDsl.Tool.Input;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>
/// The generated code, compiled and loaded: its tables, its answers to the language
/// reference's examples, its named constants. (Its agreement with the engine on every probe is
/// in Differential/GeneratedAgainstEngineTests.)
/// </summary>
public class GeneratedCodeTests
{
    [Theory]
    [MemberData(nameof(SpecRuns.ValidSpecs), MemberType = typeof(SpecRuns))]
    public void Generated_tables_equal_the_layout_member_for_member(string spec)
    {
        var compiled = VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec));
        var run = SpecRuns.Run(spec);
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var tables = assembly.Policy(compiled.Policy!.FullName).Tables;
        var layout = compiled.Layout!;

        Assert.Equal(layout.PolicyName, tables.PolicyName);
        if (tables is not IPasidTables) Assert.DoesNotContain(layout.UnitPasidBits, bits => bits != 0);
        // Column by column, by name: the columns are the layout's (TableColumnsTests keeps every side in step).
        var expected = RuntimeTables.Arrays(layout, withPasids: tables is IPasidTables);
        var generated = (PolicyTableArrays)Generic(typeof(PolicyTableArrays), nameof(PolicyTableArrays.CopyFrom), tables).Invoke(null, [tables])!;
        if (tables is IPasidTables) generated = (PolicyTableArrays)Generic(typeof(PolicyTableArrays), nameof(PolicyTableArrays.WithPasidsOf), tables).Invoke(generated, [tables])!;
        foreach (var column in RuntimeTables.Columns)
        {
            var want = Items(column.GetValue(expected)!);
            var got = Items(column.GetValue(generated)!);
            Assert.True(want.SequenceEqual(got), $"{column.Name}: the layout has [{string.Join(", ", want)}], the generated tables [{string.Join(", ", got)}].");
        }
    }

    /// <summary>A column's value as a list of its items (a number is a one-item list).</summary>
    private static System.Collections.Generic.List<object> Items(object value) =>
        value is System.Array array ? array.Cast<object>().ToList() : [value];

    /// <summary>A generic copy method made for the generated table struct (its constraint needs the struct type, known only at run time).</summary>
    private static System.Reflection.MethodInfo Generic(System.Type type, string name, IPolicyTables tables) =>
        type.GetMethod(name)!.MakeGenericMethod(tables.GetType());

    [Fact]
    public void Two_vm_answers_as_the_language_reference_says()
    {
        var run = SpecRuns.Run("specs/two-vm.vtd");
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var policy = assembly.Policy("Contoso.Hypervisor.TwoVmHost");
        var nic = new SourceId(0, 0x03, 0, 0);

        var guestRam = policy.Translate(nic, 0x1000, DmaAccess.ReadWrite);
        Assert.True(guestRam.IsAllowed);
        Assert.Equal(0x1_0000_1000UL, guestRam.HostAddress);
        Assert.Equal(2, guestRam.DomainId);
        Assert.Equal(FaultReason.WriteDenied, policy.Translate(nic, 0xFE00_0000, DmaAccess.Write).Fault);
        Assert.Equal(0xE000_0000UL, policy.Translate(nic, 0xFE00_0000, DmaAccess.Read).HostAddress);
        Assert.Equal(FaultReason.ContextEntryNotPresent, policy.Translate(new SourceId(0, 0x03, 0, 1), 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.RootEntryNotPresent, policy.Translate(new SourceId(0, 0x42, 0, 0), 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.AddressBeyondWidth, policy.Translate(nic, 1UL << 39, DmaAccess.Read).Fault);

        var remap = policy.RemapInterrupt(nic, 0);
        Assert.Equal("remapped vector 0x41 cpu 2 fixed edge", remap.ToString());
        Assert.Equal(FaultReason.SourceMismatch, policy.RemapInterrupt(nic, 7).Fault);
        Assert.Equal(FaultReason.InterruptEntryNotPresent, policy.RemapInterrupt(nic, 1).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, policy.RemapInterrupt(nic, 256).Fault);
    }

    [Fact]
    public void Named_constants_carry_ids_and_source_ids()
    {
        var run = SpecRuns.Run("specs/two-vm.vtd");
        using var assembly = GeneratedAssembly.Load(run.Compilation);
        var type = assembly.Assembly.GetType("Contoso.Hypervisor.TwoVmHost")!;
        var domains = type.GetNestedType("Domains")!;
        var devices = type.GetNestedType("Devices")!;

        Assert.Equal((ushort)2, domains.GetField("Vm1")!.GetRawConstantValue());
        Assert.Equal((ushort)1, domains.GetField("Host")!.GetRawConstantValue());
        Assert.Equal(SourceId.Parse("03:00.0"), devices.GetProperty("NicPf")!.GetValue(null));
        Assert.Equal(SourceId.Parse("0000:03:10.1"), devices.GetProperty("NicVf1")!.GetValue(null));
        Assert.Equal(SourceId.Parse("06:01.0"), devices.GetProperty("OldCard")!.GetValue(null));
        Assert.True(type.IsSealed);
        Assert.Empty(type.GetConstructors());
        Assert.Contains(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IVtdPolicy<>));
    }
}
