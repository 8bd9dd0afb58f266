using VtdDsl.Hardware;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Layout;
using VtdDsl.Tool.Input;

namespace VtdDsl.Tests.Platform;

/// <summary>The platform checks with valid and invalid specs, and what the runtime makes of the interrupt range, x2APIC and MGAW.</summary>
public sealed class PlatformCheckTests
{
    private static string[] Ids(string body) =>
        VtdCompiler.Compile("p.vtd", "policy T.P;\n" + body).Diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id).ToArray();

    [Theory]
    // reserved: pass-through, identity read write over all of it, unbound device, device by source id
    [InlineData("reserved r 0x7B80_0000 size 1MiB for x; domain h passthrough; device x 00:14.0 -> h;", new string[0])]
    [InlineData("reserved r 0x7B80_0000 size 1MiB for x; domain h { identity 0x7B00_0000 size 16MiB read write; } device x 00:14.0 -> h;", new string[0])]
    [InlineData("reserved r 0x7B80_0000 size 1MiB for 00:14.0; domain h { identity 0x0 size 1GiB read write; } device x 03:00.0 -> h;", new string[0])]
    [InlineData("reserved r 0x7B80_0000 size 1MiB for 00:14.0; domain h { identity 0x7B80_0000 size 512KiB read write; } device 00:14.0 -> h;", new[] { "VTD7001" })]
    [InlineData("reserved r 0x7B80_0000 size 1MiB for x; domain h { identity 0x7B80_0000 size 1MiB read; } device x 00:14.0 -> h;", new[] { "VTD7001" })]
    [InlineData("reserved r 0x7B80_0000 size 1MiB for nobody; domain h { map 0x0 size 4KiB -> 0x1000_0000 read write; } device x 00:14.0 -> h;", new[] { "VTD1003" })]
    [InlineData("reserved r 0x7B80_0000 size 1MiB for 00:14.0; domain h passthrough; device x 03:00.0 -> h;", new[] { "VTD7003" })]
    // groups
    [InlineData("group g 04:00.0, 04:00.1, 04:00.2; domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } device 04:00.0 -> a; device 04:00.1 -> a;", new string[0])]
    [InlineData("group g p, 04:00.1; domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } domain b { map 0x0 size 4KiB -> 0x2000_0000 read write; } device p 04:00.0 -> a; device 04:00.1 -> b;", new[] { "VTD7004" })]
    // memory
    [InlineData("memory a 0x0 size 1GiB; memory b 0x4000_0000 size 1GiB;", new string[0])]
    [InlineData("memory a 0x0 size 1GiB; memory b 0x3FFF_F000 size 1GiB;", new[] { "VTD7005" })]
    // interrupt range
    [InlineData("domain a { map 0xFED0_0000 size 1MiB -> 0x1000_0000 read write; map 0xFF00_0000 size 1MiB -> 0x2000_0000 read write; } device 03:00.0 -> a;", new string[0])]
    [InlineData("domain a { map 0xFE00_0000 size 32MiB -> 0x1000_0000 read write; } device 03:00.0 -> a;", new[] { "VTD3011" })]
    [InlineData("domain a { identity 0xFEE0_0000 size 4KiB read write; } device 03:00.0 -> a;", new[] { "VTD3011" })]
    [InlineData("domain a { map 0xFEE0_0000 size 1MiB -> 0x1000_0000 read write; } device 03:00.0 -> a;", new[] { "VTD3012" })]
    // x2APIC
    [InlineData("iommu u { x2apic; } domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } device n 03:00.0 -> a; interrupt n vector 0x40 -> cpu 0xFFFF_FFFE;", new string[0])]
    [InlineData("iommu u { x2apic; } domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } device n 03:00.0 -> a; interrupt n vector 0x40 -> cpu 0xFFFF_FFFF;", new[] { "VTD5010" })]
    [InlineData("domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } device n 03:00.0 -> a; interrupt n vector 0x40 -> cpu 254;", new string[0])]
    [InlineData("domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } device n 03:00.0 -> a; interrupt n vector 0x40 -> cpu 256;", new[] { "VTD5009" })]
    // MGAW
    [InlineData("iommu u { address-width 48; guest-address-width 39; } domain a { map 0x7F_FFFF_F000 size 4KiB -> 0x1000_0000 read write; } device 03:00.0 -> a;", new string[0])]
    [InlineData("iommu u { address-width 48; guest-address-width 39; } domain a { map 0x80_0000_0000 size 4KiB -> 0x1000_0000 read write; } device 03:00.0 -> a;", new[] { "VTD3013" })]
    [InlineData("iommu u { guest-address-width 20; }", new[] { "VTD2005" })]
    public void Check(string body, string[] expected) => Assert.Equal(expected, Ids(body));

    [Fact]
    public void The_engine_answers_the_interrupt_range_and_MGAW_as_the_hardware()
    {
        var compiled = VtdCompiler.Compile("p.vtd",
            "policy T.P; iommu u { address-width 48; guest-address-width 39; } domain a { identity 0x0 size 4GiB read write; } device 03:00.0 -> a;");
        var tables = RuntimeTables.From(compiled.Layout!);
        var nic = SourceId.Parse("03:00.0");

        Assert.Equal("interrupt-request", PolicyEngine.Translate(tables, nic, 0xFEE0_1000, DmaAccess.Write).ToString());
        Assert.Equal("fault 0x0e InterruptAddressRange", PolicyEngine.Translate(tables, nic, 0xFEEF_FFFF, DmaAccess.Read).ToString());
        Assert.Equal("interrupt-request", PolicyEngine.Translate(tables, SourceId.Parse("09:00.0"), 0xFEE0_0000, DmaAccess.Write).ToString());
        Assert.Equal("allowed 0xfedfffff domain 1", PolicyEngine.Translate(tables, nic, 0xFEDF_FFFF, DmaAccess.ReadWrite).ToString());
        Assert.Equal("fault 0x04 AddressBeyondWidth", PolicyEngine.Translate(tables, nic, 1UL << 39, DmaAccess.Read).ToString());
        var crossing = PolicyEngine.CheckTransfer(tables, nic, 0xFEDF_F000, 0x2000, DmaAccess.Write);
        Assert.Equal((FaultReason.InterruptAddressRange, 0xFEE0_0000UL), (crossing.Fault, crossing.FaultAddress));

        byte[] image = DmarImage.Create(tables, 0x7F00_0000, out var layout);
        var model = IommuPlatform.FromImage(tables, layout, image);
        Assert.Equal(39, layout.Units[0].GuestAddressWidth);
        Assert.Equal("fault 0x04 AddressBeyondWidth", model.Translate(nic, 1UL << 39, DmaAccess.Read).ToString());
        Assert.Equal("fault 0x0e InterruptAddressRange", model.Translate(nic, 0xFEE0_0000, DmaAccess.ReadWrite).ToString());
        Assert.Equal("interrupt-request", model.Translate(nic, 0xFEE0_0000, DmaAccess.Write).ToString());
    }

    [Fact]
    public void Interrupt_entries_carry_the_destination_where_the_unit_mode_says()
    {
        var xapic = InterruptRemapEntry.Create(0x40, 0x12, DeliveryMode.Fixed, TriggerMode.Edge, 0x0300, extendedInterruptMode: false);
        var x2apic = InterruptRemapEntry.Create(0x40, 0x1234_5678, DeliveryMode.Fixed, TriggerMode.Edge, 0x0300);

        Assert.Equal(0x12UL << 40, xapic.Lo & 0xFFFF_FFFF_0000_0000UL);
        Assert.Equal(0x1234_5678UL << 32, x2apic.Lo & 0xFFFF_FFFF_0000_0000UL);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => InterruptRemapEntry.Create(0x40, 0x100, DeliveryMode.Fixed, TriggerMode.Edge, 0, extendedInterruptMode: false));
        Assert.Equal(TableSchema.Capability.XApicInterrupts, UnitCapabilities.XApicInterrupts);
    }

    [Fact]
    public void The_model_decodes_xapic_entries_and_refuses_reserved_destination_bits()
    {
        var compiled = VtdCompiler.Compile("p.vtd",
            "policy T.P; domain a { map 0x0 size 4KiB -> 0x1000_0000 read write; } device n 03:00.0 -> a; interrupt n vector 0x40 -> cpu 0x12;");
        var tables = RuntimeTables.From(compiled.Layout!);
        byte[] image = DmarImage.Create(tables, 0x7F00_0000, out var layout);
        var unit = layout.Units[0];
        var nic = SourceId.Parse("03:00.0");
        var platform = IommuPlatform.FromImage(tables, layout, image);

        Assert.Equal("remapped vector 0x40 cpu 18 fixed edge", platform.RemapInterrupt(nic, 0).ToString());
        int entry = (int)(unit.InterruptTableAddress - 0x7F00_0000);
        Assert.Equal(0x12, image[entry + 5]);            // lo bits 47:40
        image[entry + 4] = 0x01;                           // lo bit 32: reserved in xAPIC mode
        Assert.Equal("fault 0x24 InterruptEntryReserved", IommuPlatform.FromImage(tables, layout, image).RemapInterrupt(nic, 0).ToString());
    }
}

