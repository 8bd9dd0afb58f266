using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using static VtdDsl.Tests.Runtime.Policies;

namespace VtdDsl.Tests.Runtime;

public class DmarImageTests
{
    private const ulong Base = 0x7F00_0000;

    /// <summary>
    /// One unit; 00:02.0 (untranslated) and 00:02.1 (ATS) share domain 5 (39-bit) with one read-only
    /// page at 0 → 0x50000000; 00:03.0 is pass-through (domain 6); one interrupt at index 1.
    /// </summary>
    private static ArrayPolicyTables Small()
    {
        var b = new PolicyBuilder();
        b.Unit(capabilities: UnitCapabilities.Width39 | UnitCapabilities.Width48 | UnitCapabilities.Superpage2M
            | UnitCapabilities.Superpage1G | UnitCapabilities.PassThrough, interrupts: 2);
        int d = b.Domain(5);
        int pt = b.Domain(6, width: 48, passThrough: true);
        b.Map(d, 0, 4 * KiB, 0x5000_0000, DmaAccess.Read);
        b.Device("00:02.0", d).Device("00:02.1", d, ats: true).Device("00:03.0", pt);
        b.Interrupt("00:02.0", 1, 0x30, 1);
        return b.Build();
    }

    private static ulong Word(byte[] image, ulong offset) => BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan((int)offset));

    [Fact]
    public void Small_policy_exact_bytes()
    {
        byte[] image = DmarImage.Create(Small(), Base, out var layout);
        // pages: 0 root, 1 context table of bus 0, 2-4 the domain's levels 3, 2, 1, 5 the interrupt table
        var expected = new Dictionary<ulong, ulong>
        {
            [0x0000] = 0x7F00_1001,        // root[bus 0]: context table at page 1 | P
            [0x1100] = 0x7F00_2001,        // context[devfn 0x10 = 00:02.0]: SLPTPTR page 2 | TT 00 | P
            [0x1108] = 0x501,              // AW 001 | domain 5 << 8
            [0x1110] = 0x7F00_2005,        // context[0x11 = 00:02.1]: same tables | TT 01 << 2 | P
            [0x1118] = 0x501,
            [0x1180] = 0x9,                // context[0x18 = 00:03.0]: TT 10 << 2 | P, no pointer
            [0x1188] = 0x602,              // AW 010 (the unit's largest, 48) | domain 6 << 8
            [0x2000] = 0x7F00_3003,        // level 3[0] → page 3, R|W (non-leaf entries grant both; leaves restrict)
            [0x3000] = 0x7F00_4003,        // level 2[0] → page 4, R|W
            [0x4000] = 0x5000_0001,        // level 1[0]: 4 KiB page 0x50000000, R
            [0x5010] = 0x0000_0001_0030_0001, // IRTE[1] lo: P | vector 0x30 << 16 | cpu 1 << 32
            [0x5018] = 0x4_0010,           // IRTE[1] hi: SID 0x0010 | SVT 01 << 18
        };
        Assert.Equal(6 * 4096, image.Length);
        for (ulong offset = 0; offset < (ulong)image.Length; offset += 8)
            Assert.True(Word(image, offset) == expected.GetValueOrDefault(offset), $"word at 0x{offset:x}: 0x{Word(image, offset):x}");

        var unit = Assert.Single(layout.Units);
        Assert.Equal(Base, unit.RootTableAddress);
        Assert.Equal(Base + 0x5000, unit.InterruptTableAddress);
        Assert.Equal(2, unit.InterruptEntries);
        Assert.Equal(24576UL, unit.Bytes);
        Assert.Equal(1, unit.ContextTables);
        Assert.Equal(new PageTableCounts(1, 1, 1, 0, 0), unit.PageTables);
        Assert.Equal(1, unit.InterruptTablePages);
        Assert.Equal("root 0x7f000000 interrupts 0x7f005000 entries 2 bytes 24576", unit.ToString());
    }

    [Theory]
    [InlineData(UnitCapabilities.Superpage1G | UnitCapabilities.Superpage2M, 0, 0, 1, 1)]
    [InlineData(UnitCapabilities.Superpage2M, 0, 64, 1, 1)]
    [InlineData(0, 64 * 512, 64, 1, 1)]
    public void Identity_64_GiB_uses_the_largest_supported_pages(byte superpages, int level1, int level2, int level3, int level4)
    {
        var b = new PolicyBuilder();
        b.Unit(capabilities: (byte)(UnitCapabilities.Width48 | superpages), interrupts: 0);
        int d = b.Domain(1, width: 48);
        b.Identity(d, 0, 64 * GiB, DmaAccess.ReadWrite).Device("00:01.0", d);
        var tables = b.Build();

        var unit = Assert.Single(DmarImage.Plan(tables).Units);
        Assert.Equal(new PageTableCounts(level1, level2, level3, level4, 0), unit.PageTables);
        Assert.Equal((ulong)(2 + unit.PageTables.Total) * 4096, unit.Bytes); // root + one context table + page tables

        if (superpages != (UnitCapabilities.Superpage1G | UnitCapabilities.Superpage2M)) return;
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        Assert.False(layout.Units[0].HasInterruptTable);
        Assert.Equal(0UL, layout.Units[0].InterruptTableAddress);
        Assert.Equal(Base + 0x3003, Word(image, 0x2000)); // level 4[0] → level 3 at page 3, R|W
        for (ulong i = 0; i < 512; i++)
            Assert.Equal(i < 64 ? (i << 30) | 0x83 : 0, Word(image, 0x3000 + i * 8)); // 1 GiB leaf | PS | R|W
    }

    [Fact]
    public void Superpages_need_aligned_host_addresses()
    {
        var b = new PolicyBuilder();
        b.Unit(interrupts: 0);
        int d = b.Domain(1);
        b.Map(d, 0x20_0000, 4 * MiB + 4 * KiB, 0x40_0000, DmaAccess.ReadWrite);   // two 2 MiB leaves, then a 4 KiB page
        b.Map(d, 0x4000_0000, 2 * MiB, 0x1000, DmaAccess.Write);                 // host misaligned: 512 pages of 4 KiB
        b.Device("00:01.0", d);
        byte[] image = DmarImage.Create(b.Build(), 0, out var layout);
        // pages: 0 root, 1 context, 2 level 3, 3 level 2 of [0, 1 GiB), 4 level 1 of [6 MiB, 8 MiB), 5 level 2 of [1 GiB, 2 GiB), 6 level 1
        Assert.Equal(new PageTableCounts(2, 2, 1, 0, 0), layout.Units[0].PageTables);
        Assert.Equal(0x3003UL, Word(image, 0x2000));
        Assert.Equal(0x5003UL, Word(image, 0x2008));
        Assert.Equal(0x40_0083UL, Word(image, 0x3008));
        Assert.Equal(0x60_0083UL, Word(image, 0x3010));
        Assert.Equal(0x4003UL, Word(image, 0x3018));
        Assert.Equal(0x80_0003UL, Word(image, 0x4000));
        Assert.Equal(0UL, Word(image, 0x4008));
        Assert.Equal(0x6003UL, Word(image, 0x5000));
        for (ulong i = 0; i < 512; i++) Assert.Equal(0x1000 + (i << 12) | 2, Word(image, 0x6000 + i * 8));
    }

    [Fact]
    public void A_domain_gets_its_tables_once_per_unit()
    {
        PageTableCounts OneDevice()
        {
            var b = new PolicyBuilder();
            b.Unit();
            int d = b.Domain(7);
            b.Map(d, 0x1000, 8 * KiB, 0x9000_0000, DmaAccess.ReadWrite).Device("00:01.0", d);
            return DmarImage.Plan(b.Build()).Units[0].PageTables;
        }

        var shared = new PolicyBuilder();
        shared.Unit(0, scope: ("00:00.0", "7f:1f.7"));
        shared.Unit(0, scope: ("80:00.0", "ff:1f.7"));
        int domain = shared.Domain(7);
        shared.Map(domain, 0x1000, 8 * KiB, 0x9000_0000, DmaAccess.ReadWrite)
            .Device("00:01.0", domain).Device("00:01.1", domain).Device("10:00.0", domain).Device("80:00.0", domain);
        var tables = shared.Build();
        byte[] image = DmarImage.Create(tables, Base, out var layout);

        Assert.Equal(OneDevice(), layout.Units[0].PageTables);
        Assert.Equal(OneDevice(), layout.Units[1].PageTables);
        Assert.Equal(2, layout.Units[0].ContextTables);
        // the three context entries of unit 0 point at the same top table (page 3: after root and two context tables)
        ulong top = Base + 3 * 4096;
        Assert.Equal(top | 1, Word(image, 0x1000 + 0x08 * 16));
        Assert.Equal(top | 1, Word(image, 0x1000 + 0x09 * 16));
        Assert.Equal(top | 1, Word(image, 0x2000));
        // unit 1 has its own copy after unit 0's pages
        ulong unit1 = layout.Units[1].Address;
        Assert.Equal(layout.Units[0].Address + layout.Units[0].Bytes, unit1);
        Assert.Equal((unit1 + 2 * 4096) | 1, Word(image, unit1 - Base + 0x1000));
    }

    [Fact]
    public void Same_tables_and_base_give_the_same_bytes_and_clear_the_memory()
    {
        var tables = TwoUnits();
        ulong total = DmarImage.Plan(tables).TotalBytes;
        var first = new byte[total + 4096];
        var second = new byte[total + 4096];
        first.AsSpan().Fill(0xCC);
        second.AsSpan().Fill(0x5A);
        DmarImage.Write(tables, first, Base);
        DmarImage.Write(tables, second, Base);
        Assert.True(first.AsSpan(0, (int)total).SequenceEqual(second.AsSpan(0, (int)total)));
        Assert.All(first[(int)total..], b => Assert.Equal(0xCC, b)); // nothing written past the image
        Assert.Equal(DmarImage.Create(tables, Base, out _), first[..(int)total]);
    }

    [Fact]
    public void Units_are_packed_in_order()
    {
        var tables = TwoUnits();
        var plan = DmarImage.Plan(tables);
        ulong offset = 0;
        foreach (var unit in plan.Units)
        {
            Assert.Equal(offset, unit.Offset);
            Assert.Equal((ulong)(1 + unit.ContextTables + unit.PageTables.Total + unit.InterruptTablePages) * 4096, unit.Bytes);
            offset += unit.Bytes;
        }
        Assert.Equal(offset, plan.TotalBytes);
        Assert.False(plan.Units[1].HasInterruptTable);
        Assert.Equal(1, plan.Units[2].InterruptTablePages); // 2 entries still take a page
        Assert.Equal(1, plan.Units[0].InterruptTablePages); // 64 entries × 16 bytes = 4 KiB
    }

    [Fact]
    public void No_page_table_is_empty()
    {
        foreach (var tables in new[] { TwoVm(), TwoUnits() })
        {
            byte[] image = DmarImage.Create(tables, Base, out var layout);
            foreach (var unit in layout.Units)
            {
                ulong first = unit.Address - Base + (ulong)(1 + unit.ContextTables) * 4096;
                for (int page = 0; page < unit.PageTables.Total; page++)
                {
                    var table = image.AsSpan((int)first + page * 4096, 4096);
                    Assert.True(table.IndexOfAnyExcept((byte)0) >= 0, $"unit {unit.Unit} page table {page} is empty");
                }
            }
        }
    }

    [Fact]
    public void Base_must_be_4_KiB_aligned()
    {
        var memory = new byte[1 << 20];
        var error = Assert.Throws<ArgumentException>(() => DmarImage.Write(Small(), memory, 0x7F00_0800));
        Assert.Contains("4 KiB aligned", error.Message);
        Assert.Equal("baseAddress", error.ParamName);
    }

    [Fact]
    public void Image_must_fit_below_two_to_the_52()
    {
        var memory = new byte[1 << 20];
        Assert.Throws<ArgumentException>(() => DmarImage.Write(Small(), memory, 0xFFFF_FFFF_FFFF_F000));
        var error = Assert.Throws<ArgumentException>(() => DmarImage.Write(Small(), memory, (1UL << 52) - 0x1000));
        Assert.Contains("2^52", error.Message);
        DmarImage.Write(Small(), memory, (1UL << 52) - 6 * 0x1000); // ends exactly at 2^52
    }

    [Fact]
    public void Memory_must_hold_the_image()
    {
        var error = Assert.Throws<ArgumentException>(() => DmarImage.Write(Small(), new byte[6 * 4096 - 1], Base));
        Assert.Contains("24576", error.Message);
        Assert.Equal("memory", error.ParamName);
    }

    [Fact]
    public void Tables_the_hardware_cannot_express_are_rejected()
    {
        var misaligned = new PolicyBuilder();
        misaligned.Unit();
        int d = misaligned.Domain(1);
        misaligned.Map(d, 0x1800, 4 * KiB, 0x2000, DmaAccess.Read).Device("00:01.0", d);
        Assert.Contains("4 KiB aligned", Assert.Throws<ArgumentException>(() => DmarImage.Plan(misaligned.Build())).Message);

        var width = new PolicyBuilder();
        width.Unit(capabilities: UnitCapabilities.Width39);
        int wide = width.Domain(1, width: 48);
        width.Map(wide, 0, 4 * KiB, 0, DmaAccess.Read).Device("00:01.0", wide);
        Assert.Contains("width 48", Assert.Throws<ArgumentException>(() => DmarImage.Plan(width.Build())).Message);

        var passThrough = new PolicyBuilder();
        passThrough.Unit(capabilities: UnitCapabilities.Width48);
        passThrough.Device("00:01.0", passThrough.Domain(1, width: 48, passThrough: true));
        Assert.Contains("pass-through", Assert.Throws<ArgumentException>(() => DmarImage.Plan(passThrough.Build())).Message);

        var beyond = new PolicyBuilder();
        beyond.Unit();
        int d2 = beyond.Domain(1);
        beyond.Map(d2, 1UL << 39, 4 * KiB, 0, DmaAccess.Read).Device("00:01.0", d2);
        Assert.Contains("39-bit", Assert.Throws<ArgumentException>(() => DmarImage.Plan(beyond.Build())).Message);
    }

    [Fact]
    public void Unused_domains_get_no_tables()
    {
        var b = new PolicyBuilder();
        b.Unit(interrupts: 0);
        int used = b.Domain(1);
        int unused = b.Domain(2);
        b.Map(used, 0, 4 * KiB, 0, DmaAccess.Read).Map(unused, 0, 4 * KiB, 0, DmaAccess.Read).Device("00:01.0", used);
        Assert.Equal(3, DmarImage.Plan(b.Build()).Units[0].PageTables.Total);
    }
}
