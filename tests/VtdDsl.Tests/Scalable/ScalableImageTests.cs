using System.Buffers.Binary;
using System.Security.Cryptography;
using VtdDsl.Tool.Input;
using static VtdDsl.Tests.Scalable.ScalableSpecs;

namespace VtdDsl.Tests.Scalable;

/// <summary>
/// The scalable-mode image of specs/svm-gpu.vtd at 0x7F000000, checked entry by entry against
/// addresses and bit patterns worked out by hand.
/// </summary>
/// <remarks>
/// Pages of unit dmar0 (from the image base):
/// 0 root table; 1–2 context tables of bus 00 (devfn 0–127, 128–255), 3–4 of bus 03, 5–6 of bus 6a;
/// second-stage tables by domain: 7–8 host (39-bit: its top table, then the level-2 table of its
/// first GiB; [1 GiB, 2 GiB) is one 1 GiB leaf), 9 vm_a, 10 vm_b (39-bit, four 1 GiB leaves each);
/// PASID structures by bus and devfn: gpu 00:02.0 (devfn 0x10) directory 11–42 (20 PASID bits:
/// PDTS 7, 2^14 entries × 8 bytes = 32 pages) and PASID tables 43 (group 0: RID_PASID, 1, 2) and 44
/// (group 4: 0x100, 0x101); vm_a_nic 03:10.0 (devfn 0x80) directory 45, table 46; vm_b_nic 03:10.1
/// directory 47, table 48; dsa 6a:01.0 (devfn 0x08) directory 49–80, tables 81 (group 0) and 82
/// (group 4); interrupt-remapping table 83. 84 pages = 344064 bytes.
/// </remarks>
public sealed class ScalableImageTests
{
    private static ulong Page(int page) => Base + (ulong)page * 0x1000;

    private static (byte[] Image, DmarImageLayout Layout) Image()
    {
        byte[] image = DmarImage.Create(SvmGpu.Tables, Base, out var layout);
        return (image, layout);
    }

    private static ulong Q(byte[] image, ulong address, int word = 0) =>
        BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan((int)(address - Base) + 8 * word));

    [Fact]
    public void Unit_sizes_and_addresses()
    {
        var (image, layout) = Image();
        var unit = Assert.Single(layout.Units);
        Assert.Equal(344064, image.Length);
        Assert.Equal(344064UL, unit.Bytes);
        Assert.True(unit.IsScalableMode);
        Assert.Equal(6, unit.ContextTables);
        Assert.Equal(4, unit.PageTables.Total);
        Assert.Equal(66, unit.PasidDirectoryPages);
        Assert.Equal(6, unit.PasidTablePages); // gpu 2, vm_a_nic 1, vm_b_nic 1, dsa 2
        Assert.Equal(Page(83), unit.InterruptTableAddress);
        Assert.Equal("root 0x7f000000 interrupts 0x7f053000 entries 256 bytes 344064", unit.ToString());
        Assert.Equal(DmarImage.Plan(SvmGpu.Tables).TotalBytes, layout.TotalBytes);
    }

    [Fact]
    public void Root_entries_point_at_both_context_tables_of_each_bus()
    {
        var (image, _) = Image();
        Assert.Equal((0x7F00_1001UL, 0x7F00_2001UL), (Q(image, Base + 0x00 * 16), Q(image, Base + 0x00 * 16, 1)));
        Assert.Equal((0x7F00_3001UL, 0x7F00_4001UL), (Q(image, Base + 0x03 * 16), Q(image, Base + 0x03 * 16, 1)));
        Assert.Equal((0x7F00_5001UL, 0x7F00_6001UL), (Q(image, Base + 0x6A * 16), Q(image, Base + 0x6A * 16, 1)));
        Assert.Equal((0UL, 0UL), (Q(image, Base + 0x05 * 16), Q(image, Base + 0x05 * 16, 1)));
    }

    [Fact]
    public void Context_entries_carry_the_PASID_directory_and_the_device_s_capabilities()
    {
        var (image, _) = Image();
        // gpu, devfn 0x10, lower table (page 1) entry 0x10: directory page 11 = 0x7F00B000,
        // PDTS 7 (0xE00), PRE 0x10, PASIDE 0x8, DTE 0x4, P 0x1 -> 0x7F00BE1D
        Assert.Equal(0x7F00_BE1DUL, Q(image, Page(1) + 0x10 * 32));
        Assert.Equal(0UL, Q(image, Page(1) + 0x10 * 32, 1)); // RID_PASID 0
        // vm_a_nic, devfn 0x80: upper table (page 4) entry 0: directory page 45 (0x2D000), PDTS 0, only P
        Assert.Equal(0x7F02_D001UL, Q(image, Page(4)));
        // vm_b_nic, devfn 0x81: upper table entry 1: directory page 47 (0x2F000)
        Assert.Equal(0x7F02_F001UL, Q(image, Page(4) + 32));
        // dsa, devfn 0x08, lower table of bus 6a (page 5) entry 8: directory page 49 (0x31000) | 0xE1D
        Assert.Equal(0x7F03_1E1DUL, Q(image, Page(5) + 8 * 32));
        // unbound devfns stay zero
        Assert.Equal(0UL, Q(image, Page(1) + 0x11 * 32));
    }

    [Fact]
    public void Directory_entries_exist_for_the_groups_of_64_in_use()
    {
        var (image, _) = Image();
        // gpu directory (page 11): entry 0 -> PASID table page 43 (0x2B000), entry 4 -> page 44 (0x2C000)
        Assert.Equal(0x7F02_B001UL, Q(image, Page(11)));
        Assert.Equal(0x7F02_C001UL, Q(image, Page(11) + 4 * 8));
        for (int i = 1; i < 1 << 14; i++)
        {
            if (i != 4) Assert.Equal(0UL, Q(image, Page(11) + (ulong)i * 8));
        }
        // vm_a_nic directory (page 45): entry 0 -> table page 46
        Assert.Equal(0x7F02_E001UL, Q(image, Page(45)));
    }

    [Fact]
    public void PASID_table_entries_select_domains_and_processes()
    {
        var (image, _) = Image();
        // gpu table of group 0 (page 43):
        // RID_PASID: host, top table page 7 (0x7F007000), PGTT 010 (0x80), AW 001 (0x4), P -> 0x7F007085, DID 1
        Assert.Equal((0x7F00_7085UL, 1UL, 0UL), (Q(image, Page(43)), Q(image, Page(43), 1), Q(image, Page(43), 2)));
        // PASID 1 (render) and 2 (compute): not present until bound: PGTT 001 (0x40), DID 2 and 3, FSPTPTR 0
        Assert.Equal((0x40UL, 2UL, 0UL), (Q(image, Page(43) + 64), Q(image, Page(43) + 64, 1), Q(image, Page(43) + 64, 2)));
        Assert.Equal((0x40UL, 3UL, 0UL), (Q(image, Page(43) + 128), Q(image, Page(43) + 128, 1), Q(image, Page(43) + 128, 2)));
        Assert.Equal(0UL, Q(image, Page(43) + 3 * 64));
        // gpu table of group 4 (page 44): 0x100 -> vm_a (page 9, DID 10), 0x101 -> vm_b (page 10, DID 11)
        Assert.Equal((0x7F00_9085UL, 10UL), (Q(image, Page(44)), Q(image, Page(44), 1)));
        Assert.Equal((0x7F00_A085UL, 11UL), (Q(image, Page(44) + 64), Q(image, Page(44) + 64, 1)));
        // vm_a_nic's only entry: RID_PASID -> vm_a
        Assert.Equal((0x7F00_9085UL, 10UL), (Q(image, Page(46)), Q(image, Page(46), 1)));
        // the second-stage tables are those of legacy mode: vm_a's top entry 0 is a 1 GiB leaf at 4 GiB, RW, PS
        Assert.Equal(0x1_0000_0083UL, Q(image, Page(9)));
    }

    [Fact]
    public void The_layout_records_each_process_s_PASID_entries()
    {
        var (_, layout) = Image();
        Assert.Equal(2, layout.ProcessCount);
        int render = SvmGpu.Process("render");
        int compute = SvmGpu.Process("compute");
        Assert.Equal(new[] { Page(43) + 64 }, layout.ProcessEntryAddresses(render).ToArray());
        // gpu PASID 2 (page 43 entry 2), dsa PASID 2 (page 81 entry 2)
        Assert.Equal(new[] { Page(43) + 128, Page(81) + 128 }, layout.ProcessEntryAddresses(compute).ToArray());
        Assert.Equal((ushort)2, layout.ProcessDomainId(render));
        Assert.Equal((ushort)3, layout.ProcessDomainId(compute));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.ProcessEntryAddresses(2).ToArray());
    }

    [Fact]
    public void Plan_and_write_agree_on_every_offset()
    {
        var plan = DmarImage.Plan(SvmGpu.Tables);
        var (_, layout) = Image();
        Assert.Equal(plan.Units[0].Bytes, layout.Units[0].Bytes);
        Assert.Equal(plan.Units[0].InterruptTableOffset + Base, layout.Units[0].InterruptTableAddress);
        Assert.Equal((plan.Units[0].PasidDirectoryPages, plan.Units[0].PasidTablePages), (layout.Units[0].PasidDirectoryPages, layout.Units[0].PasidTablePages));
    }

    [Fact]
    public void Tables_without_PASID_data_write_a_scalable_unit_exactly_as_before()
    {
        // The SHA-256 of svm-gpu's image as written before scalable mode existed (legacy format).
        var legacy = RuntimeTables.Legacy(LegacyImageTests.X2ApicEntries(SvmGpu.Layout));
        byte[] image = DmarImage.Create(legacy, Base, out var layout);
        Assert.Equal("a9ae41c90accede79b12d7fef583e573741ab224308f0265475718590681cc8f", Convert.ToHexStringLower(SHA256.HashData(image)));
        Assert.False(layout.Units[0].IsScalableMode);
        Assert.Equal(0, layout.ProcessCount);
    }

    [Fact]
    public void A_PASID_domain_whose_width_the_unit_lacks_is_refused()
    {
        var policy = CompiledPolicy.Source("""
            policy Test.Wide;
            iommu dmar0 { mode scalable; address-width 39, 48; interrupts 0; }
            domain host { identity 0x0 size 1GiB read write; }
            domain big { address-width 48; map 0x0 size 4KiB -> 0x1000 read; }
            device a 00:01.0 -> host { pasid 5 -> big; }
            """);
        var tables = policy.Tables;
        // A sound policy writes; corrupting big's width to 57 must be refused by the image writer.
        var domains = tables.Domains.ToArray();
        var big = domains[policy.Domain("big")];
        domains[policy.Domain("big")] = new DomainRecord(
            big.Id, 57, big.Flags, big.WindowStart, big.WindowCount, big.RootChild, [big.RootKey(1), big.RootKey(2), big.RootKey(3), big.RootKey(4), big.RootKey(5), big.RootKey(6)]);
        var corrupted = new ArrayPolicyTables(ArrayPolicyTables.CopyWithPasidsFrom(tables).Arrays with { Domains = domains });
        DmarImage.Create(tables, Base, out _);
        var error = Assert.Throws<ArgumentException>(() => DmarImage.Plan(corrupted));
        Assert.Contains("57", error.Message);
    }
}
