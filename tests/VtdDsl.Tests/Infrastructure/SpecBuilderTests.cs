using VtdDsl.Compiler;
using VtdDsl.Compiler.Model;
using VtdDsl.Testing;

namespace VtdDsl.Tests.Infrastructure;

/// <summary>The spec builder writes what the language reference spells, and the compiler reads it back as built.</summary>
public sealed class SpecBuilderTests
{
    [Fact]
    public void A_built_spec_compiles_to_the_declarations_it_was_given()
    {
        string text = new SpecBuilder("Test.Built")
            .Iommu("dmar0", "address-width 39, 48", "interrupts 16")
            .Memory("ram", 0, 16 * SpecBuilder.GiB)
            .Protect("hypervisor", 0x100_0000, 16 * SpecBuilder.MiB)
            .Domain("vm1", d => d.Id(2).Map(0, 2 * SpecBuilder.GiB, 0x1_0000_0000, "read write").Map(0xFE00_0000, 4 * SpecBuilder.KiB, 0xE000_0000, "read"))
            .Domain("vm2", d => d.AddressWidth(48).Identity(0x2_0000_0000, 2 * SpecBuilder.MiB, "read write", shared: true))
            .Device("03:00.0", "vm1", name: "nic")
            .Device("06:01.0", "vm2", via: "05:00.0", options: "ats")
            .Interrupt("nic", 0x41, cpu: 2, "index 7", "trigger level")
            .Build();

        var result = VtdCompiler.Compile("built.vtd", text);

        Assert.Empty(result.Diagnostics);
        var policy = result.Policy!;
        Assert.Equal("Test.Built", policy.FullName);
        Assert.Equal(new ushort[] { 2, 1 }, policy.Domains.Select(d => d.Id).ToArray());
        Assert.Equal(0x1_0000_0000UL, policy.Domains[0].Windows[0].HostAddress);
        Assert.Equal(Rights.Read, policy.Domains[0].Windows[1].Rights);
        Assert.True(policy.Domains[1].Windows[0].Shared);
        Assert.Equal(48, policy.Domains[1].AddressWidth);
        Assert.True(policy.Devices[1].Ats);
        Assert.Equal((7, InterruptTrigger.Level), (policy.Interrupts[0].Index, policy.Interrupts[0].Trigger));
        Assert.Equal(16 * SpecBuilder.MiB, policy.Protected[0].Size);
    }

    [Fact]
    public void Each_declaration_is_one_line_and_a_domain_statement_one_line_inside_its_block()
    {
        string text = new SpecBuilder("Test.Lines")
            .Iommu("u0", "segment 1")
            .Domain("d", body => body.Map(0x1000, 12 * SpecBuilder.KiB, 0x2000, "write"))
            .Domain("empty")
            .PassthroughDomain("pt")
            .Device("0001:00:01.0", "d")
            .Build();

        Assert.Equal(
            "policy Test.Lines;\niommu u0 { segment 1; }\ndomain d {\n    map 0x1000 size 12KiB -> 0x2000 write;\n}\ndomain empty { }\ndomain pt passthrough;\ndevice 0001:00:01.0 -> d;\n",
            text);
    }

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(4096UL, "4KiB")]
    [InlineData(3UL << 20, "3MiB")]
    [InlineData(2UL << 30, "2GiB")]
    [InlineData(1000UL, "1000")]
    public void Sizes_are_written_in_the_largest_exact_unit(ulong bytes, string expected) => Assert.Equal(expected, SpecBuilder.Size(bytes));
}
