using VtdDsl.Compiler;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Platform;

namespace VtdDsl.Tests.Platform;

/// <summary>The importer on DMAR tables built byte by byte: every structure and scope type, multi-hop paths, segments, corrupt tables.</summary>
public sealed class DmarImportTests
{
    private const string Lspci =
        "-+-[0000:00]-+-00.0\n"
        + " |           +-02.0\n"
        + " |           +-1c.0-[01-03]----00.0-[02-03]--+-00.0-[03]----00.0\n"
        + " |           |                               \\-01.0\n"
        + " |           \\-1f.0\n"
        + " \\-[0001:40]-+-00.0-[41]----00.0\n"
        + "             \\-01.0\n";

    /// <summary>A table with one of every structure and every scope type, two segments and a three-hop path.</summary>
    private static byte[] Everything() => new DmarBuilder()
        .Drhd(0, 0, 0xFED9_0000, DmarBuilder.Scope(1, 0, (0x02, 0)))
        .Drhd(0, 0, 0xFED8_4000, DmarBuilder.Scope(2, 0, (0x1c, 0)), DmarBuilder.Scope(1, 0, (0x1c, 0), (0x00, 0), (0x00, 0)))
        .Drhd(1, 0, 0xFED9_1000, DmarBuilder.Scope(3, 2, 0, (0x1e, 7)), DmarBuilder.Scope(4, 0, 0, (0x1e, 6)), DmarBuilder.Scope(5, 1, 0, (0x15, 0)))
        .Drhd(0, 1, 0xC000_0000, DmarBuilder.Scope(2, 0x40, (0x00, 0)))
        .Rmrr(0, 0x6C00_0000, 0x707F_FFFF, DmarBuilder.Scope(1, 0, (0x02, 0)))
        .Rmrr(0, 0x7B80_0000, 0x7B8F_FFFF, DmarBuilder.Scope(1, 0, (0x1c, 0), (0x00, 0), (0x00, 0)))
        .Atsr(0, 0, DmarBuilder.Scope(2, 0, (0x1c, 0)))
        .Rhsa(0xFED9_0000, 3)
        .Andd(1, "\\_SB.PCI0.I2C0")
        .Satc(1, 0, DmarBuilder.Scope(1, 0, (0x02, 0)))
        .Other(6, 12)
        .Build();

    [Fact]
    public void Every_structure_and_scope_type_with_the_PCI_tree_resolves_and_checks_clean()
    {
        var result = StarterSpecWriter.Import(new PlatformImportInput(Everything()) { Lspci = Lspci });

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Notes);
        string spec = result.Spec!;
        var compiled = VtdCompiler.Compile("everything.vtd", spec);
        Assert.DoesNotContain(compiled.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var policy = compiled.Policy!;
        Assert.Equal(new[] { "dmar0", "dmar1", "dmar2", "dmar3" }, policy.Units.Select(u => u.Name));
        Assert.Equal("0000:00:02.0", policy.Units[0].Scope.Single().First.ToString());
        // dmar1: the bridge, the buses behind it, and the three-hop endpoint 00:1c.0 (-> bus 01) / 00.0 (-> bus 02) / 00.0
        Assert.Equal(new[] { "0000:00:1c.0", "0000:01:00.0", "0000:02:00.0" }, policy.Units[1].Scope.Select(r => r.First.ToString()));
        Assert.Equal("0000:03:1f.7", policy.Units[1].Scope[1].Last.ToString());
        Assert.True(policy.Units[2].ScopeAll);
        Assert.Equal(1, policy.Units[3].Segment);
        Assert.Equal(new[] { "0001:40:00.0", "0001:41:00.0" }, policy.Units[3].Scope.Select(r => r.First.ToString()));
        Assert.Equal(new[] { "rmrr0", "rmrr1" }, policy.Reserved.Select(r => r.Name));
        Assert.Equal(72UL << 20, policy.Reserved[0].Size);
        Assert.Equal("0000:02:00.0", policy.Reserved[1].Devices.Single().Text);
        Assert.Contains("IOAPIC id 2 0000:00:1e.7", spec);
        Assert.Contains("HPET number 0 0000:00:1e.6", spec);
        Assert.Contains("ACPI namespace device 1 (\\_SB.PCI0.I2C0) 0000:00:15.0", spec);
        Assert.Contains("// ATSR at offset", spec);
        Assert.Contains("register base 0xfed90000 (dmar0) is in proximity domain 3", spec);
        Assert.Contains("ACPI device number 1 is \\_SB.PCI0.I2C0", spec);
        Assert.Contains("ATC_REQUIRED", spec);
        Assert.Contains("SIDP (type 6)", spec);
        Assert.Equal(spec, StarterSpecWriter.Import(new PlatformImportInput(Everything()) { Lspci = Lspci }).Spec); // deterministic
    }

    [Fact]
    public void Without_the_PCI_tree_multi_hop_and_sub_hierarchy_entries_are_named_unresolved()
    {
        var result = StarterSpecWriter.Import(new PlatformImportInput(Everything()));

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(result.Notes, n => n.Contains("dmar1: device scope at offset") && n.Contains("path of 3 hops") && n.Contains("--lspci"));
        Assert.Contains(result.Notes, n => n.Contains("rmrr1") && n.Contains("unresolved"));
        Assert.Contains("// UNRESOLVED: PCI endpoint at offset", result.Spec);
        Assert.Contains("// reserved rmrr1 0x7B800000 size 1MiB for (unresolved);", result.Spec);
        var compiled = VtdCompiler.Compile("partial.vtd", result.Spec!);
        Assert.DoesNotContain(compiled.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Single(compiled.Policy!.Reserved);
        Assert.Equal(4, compiled.Policy.Units.Count); // the bridges themselves still resolve
    }

    [Fact]
    public void A_unit_with_an_empty_device_scope_serves_no_device()
    {
        var table = new DmarBuilder().Drhd(0, 0, 0xD0FF_C000).Drhd(1, 0, 0xFED9_1000).Build();

        var result = StarterSpecWriter.Import(new PlatformImportInput(table));

        Assert.Contains("scope none;    // the DRHD lists no device", result.Spec);
        var compiled = VtdCompiler.Compile("none.vtd", result.Spec! + "domain d { map 0x0 size 4KiB -> 0x1000_0000 read write; } device 03:00.0 -> d;");
        Assert.DoesNotContain(compiled.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(1, compiled.Policy!.Devices[0].UnitIndex); // the INCLUDE_PCI_ALL unit, not the empty one
        Assert.Empty(compiled.Policy.Units[0].Scope);
    }

    [Fact]
    public void Capabilities_become_unit_statements()
    {
        var input = new PlatformImportInput(Everything()) { Lspci = Lspci };
        // Ice Lake-SP registers (README of ../shared/dmar): SAGAW 0x4 (48-bit only), MGAW 0x38 + 1, ND 6, SLLPS 0x3,
        // ECAP IR, EIM and PT set, PASID clear
        input.Cap["dmar0"] = 0x8ed008c40780466;
        input.Ecap["dmar0"] = 0x60000f050df;

        var result = StarterSpecWriter.Import(input);

        var unit = VtdCompiler.Compile("caps.vtd", result.Spec!).Policy!.Units[0];
        Assert.Equal(Compiler.Model.AddressWidths.Bits48, unit.Widths);
        Assert.Equal(57, unit.GuestAddressWidth);
        Assert.Equal(20, unit.PasidBits); // no ECAP.PASID: the language default stays
        Assert.Equal(65536, unit.DomainCount);
        Assert.Equal(Compiler.Model.Superpages.TwoMiB | Compiler.Model.Superpages.OneGiB, unit.Superpages);
        Assert.True(unit.X2Apic);
        Assert.True(unit.SupportsPassthrough);
    }

    [Fact]
    public void A_bad_signature_is_refused_at_offset_0()
    {
        var table = Everything();
        table[0] = (byte)'X';

        Assert.Equal("DMAR table: offset 0x0: signature 'XMAR', expected 'DMAR'", StarterSpecWriter.Import(new PlatformImportInput(table)).Error);
    }

    [Fact]
    public void A_wrong_checksum_is_refused_at_offset_9()
    {
        var table = Everything();
        table[9]++;

        Assert.StartsWith("DMAR table: offset 0x9: checksum byte", StarterSpecWriter.Import(new PlatformImportInput(table)).Error);
    }

    [Theory]
    [InlineData(+1, "is truncated")]
    [InlineData(-1, "bytes follow the table's length")]
    [InlineData(-1000, "is shorter than the 48-byte DMAR header")]
    public void A_header_length_that_disagrees_with_the_bytes_is_refused(int delta, string message)
    {
        var table = Everything();
        int length = Math.Max(0, table.Length + delta);
        BitConverter.GetBytes((uint)length).CopyTo(table, 4);
        table[9] = DmarBuilder.Checksum(table);

        Assert.Contains(message, StarterSpecWriter.Import(new PlatformImportInput(table)).Error);
    }

    [Theory]
    [InlineData(0, 3, "offset 0x30: DRHD structure length 3 is below its 16-byte minimum")]   // DRHD shorter than its fields
    [InlineData(0, 0x4000, "offset 0x30: DRHD structure length 16384 runs past the table's end")]
    [InlineData(16, 5, "offset 0x40: device scope length 5 is not 6 plus a path")]           // scope length too small
    [InlineData(16, 9, "offset 0x40: device scope length 9 is not 6 plus a path")]           // odd path
    [InlineData(16, 10, "offset 0x40: device scope length 10 runs past the end of its DRHD structure")]
    public void Each_length_error_names_its_offset(int scopeOffset, int length, string message)
    {
        var table = Everything();
        if (scopeOffset == 0) BitConverter.GetBytes((ushort)length).CopyTo(table, 48 + 2);
        else table[48 + scopeOffset + 1] = (byte)length;
        table[9] = DmarBuilder.Checksum(table);

        string? error = StarterSpecWriter.Import(new PlatformImportInput(table)).Error;

        Assert.NotNull(error);
        Assert.Contains(message, error); // the first DRHD starts at 0x30, its first scope at 0x40
    }

    [Fact]
    public void Truncation_at_every_offset_gives_a_clear_error_and_never_throws()
    {
        var table = new DmarBuilder()
            .Drhd(1, 0, 0xFED9_0000, DmarBuilder.Scope(3, 2, 0, (0x1e, 7)))
            .Rmrr(0, 0x7B80_0000, 0x7B8F_FFFF, DmarBuilder.Scope(1, 0, (0x14, 0)))
            .Build();
        Assert.True(StarterSpecWriter.Import(new PlatformImportInput(table)).Succeeded);
        for (int length = 0; length < table.Length; length++)
        {
            var truncated = table.Take(length).ToArray();
            var result = StarterSpecWriter.Import(new PlatformImportInput(truncated));
            Assert.False(result.Succeeded, $"truncated to {length} bytes");
            Assert.Matches(@"offset 0x[0-9a-f]+", result.Error);
            // The same truncation with the header's length and checksum made consistent: a structure error.
            if (length >= DmarReader.HeaderLength)
            {
                BitConverter.GetBytes((uint)length).CopyTo(truncated, 4);
                truncated[9] = DmarBuilder.Checksum(truncated);
                var fixedUp = StarterSpecWriter.Import(new PlatformImportInput(truncated));
                if (!fixedUp.Succeeded) Assert.Matches(@"offset 0x[0-9a-f]+", fixedUp.Error);
                else Assert.DoesNotContain(VtdCompiler.Compile("t.vtd", fixedUp.Spec!).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            }
        }
    }

    [Fact]
    public void Random_byte_flips_never_throw()
    {
        var table = Everything();
        var random = new Random(12);
        for (int i = 0; i < 2000; i++)
        {
            var mutated = (byte[])table.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            mutated[9] = DmarBuilder.Checksum(mutated);
            var result = StarterSpecWriter.Import(new PlatformImportInput(mutated) { Lspci = Lspci });
            if (result.Succeeded) Assert.NotNull(VtdCompiler.Compile("m.vtd", result.Spec!).Policy);
            else Assert.Matches(@"offset 0x[0-9a-f]+", result.Error);
        }
    }

    [Fact]
    public void Memory_and_groups_come_from_iomem_and_the_group_listing()
    {
        var input = new PlatformImportInput(Everything())
        {
            Lspci = Lspci,
            Iomem = "00000000-00000fff : Reserved\n00001000-0009ffff : System RAM\n00100000-7fffffff : System RAM\n  01000000-01ffffff : Kernel code\nfee00000-fee00fff : Local APIC\n",
            Groups = "/sys/kernel/iommu_groups/7/devices/0000:00:1f.0\n/sys/kernel/iommu_groups/3/devices/0000:00:02.0\n/sys/kernel/iommu_groups/7/devices/0000:00:1f.3\n",
        };

        var result = StarterSpecWriter.Import(input);

        var policy = VtdCompiler.Compile("full.vtd", result.Spec!).Policy!;
        Assert.Equal(new[] { (0x1000UL, 0x9F000UL), (0x10_0000UL, 0x7FF0_0000UL) }, policy.Memory.Select(m => (m.Base, m.Size)));
        var group = Assert.Single(policy.Groups);
        Assert.Equal("iommu_group7", group.Name);
        Assert.Equal(new[] { "0000:00:1f.0", "0000:00:1f.3" }, group.Devices.Select(d => d.Text));
    }

    [Theory]
    [InlineData("nonsense line\n", null, "iommu groups: line 1")]
    [InlineData(null, "00000000-00000000 : System RAM\n", "read /proc/iomem as root")]
    public void Bad_side_files_are_refused_with_the_line(string? groups, string? iomem, string message)
    {
        var result = StarterSpecWriter.Import(new PlatformImportInput(Everything()) { Groups = groups, Iomem = iomem });

        Assert.Contains(message, result.Error);
    }
}
