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
        Assert.Equal(layout.ScopeFirst.ToArray(), tables.ScopeFirst.ToArray());
        Assert.Equal(layout.ScopeLast.ToArray(), tables.ScopeLast.ToArray());
        Assert.Equal(layout.ScopeUnit.ToArray(), tables.ScopeUnit.ToArray());
        Assert.Equal(layout.UnitSegment.ToArray(), tables.UnitSegment.ToArray());
        Assert.Equal(layout.UnitCapabilities.ToArray(), tables.UnitCapabilities.ToArray());
        Assert.Equal(layout.UnitInterruptEntries.ToArray(), tables.UnitInterruptEntries.ToArray());
        Assert.Equal(layout.UnitInterruptStart.ToArray(), tables.UnitInterruptStart.ToArray());
        Assert.Equal(layout.RootEntries.ToArray(), tables.RootEntries.ToArray());
        Assert.Equal(layout.ContextEntries.ToArray(), tables.ContextEntries.ToArray());
        Assert.Equal(layout.ContextFlags.ToArray(), tables.ContextFlags.ToArray());
        Assert.Equal(RuntimeTables.From(layout).Domains.ToArray(), tables.Domains.ToArray());
        Assert.Equal(RuntimeTables.From(layout).Windows.ToArray(), tables.Windows.ToArray());
        Assert.Equal(RuntimeTables.From(layout).WindowTree.ToArray(), tables.WindowTree.ToArray());
        Assert.Equal(layout.TreeLevels, tables.TreeLevels);
        Assert.Equal(layout.InterruptIndex.ToArray(), tables.InterruptIndex.ToArray());
        Assert.Equal(layout.InterruptSource.ToArray(), tables.InterruptSource.ToArray());
        Assert.Equal(layout.InterruptVector.ToArray(), tables.InterruptVector.ToArray());
        Assert.Equal(layout.InterruptDestination.ToArray(), tables.InterruptDestination.ToArray());
        Assert.Equal(layout.InterruptFlags.ToArray(), tables.InterruptFlags.ToArray());
        if (tables is not IPasidTables pasids)
        {
            Assert.DoesNotContain(layout.UnitPasidBits, bits => bits != 0);
            return;
        }
        Assert.Equal(layout.UnitPasidBits.ToArray(), pasids.UnitPasidBits.ToArray());
        Assert.Equal(layout.PasidOwner.ToArray(), pasids.PasidOwner.ToArray());
        Assert.Equal(layout.PasidOwnerStart.ToArray(), pasids.PasidOwnerStart.ToArray());
        Assert.Equal(layout.PasidValue.ToArray(), pasids.PasidValue.ToArray());
        Assert.Equal(layout.PasidTarget.ToArray(), pasids.PasidTarget.ToArray());
        Assert.Equal(layout.PasidFlags.ToArray(), pasids.PasidFlags.ToArray());
        Assert.Equal(layout.ProcessDomainId.ToArray(), pasids.ProcessDomainId.ToArray());
    }

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
