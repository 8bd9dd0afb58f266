using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using static VtdDsl.Tests.Runtime.Policies;

namespace VtdDsl.Tests.Runtime;

/// <summary>The IOMMU model on its own: hand-corrupted memory, every fault of the walk, registers, allocation.</summary>
public class IommuModelTests
{
    private const ulong Base = 0x7F00_0000;

    // ---- hand-corrupted memory --------------------------------------------------------------------

    /// <summary>One device 00:02.0 → domain 5 (39-bit): a 4 KiB RW page at 0, a 2 MiB leaf at 2 MiB, a 1 GiB leaf at 1 GiB.</summary>
    private static (byte[] Image, IommuModel Model) Corruptible(byte capabilities = PolicyBuilder.AllCapabilities)
    {
        var b = new PolicyBuilder();
        b.Unit(capabilities: PolicyBuilder.AllCapabilities, interrupts: 4);
        int d = b.Domain(5);
        b.Map(d, 0, 4 * KiB, 0x5000_0000, DmaAccess.ReadWrite)
            .Map(d, 2 * MiB, 2 * MiB, 0x20_0000, DmaAccess.ReadWrite)
            .Map(d, GiB, GiB, 0x4000_0000, DmaAccess.ReadWrite);
        b.Device("00:02.0", d).Interrupt("00:02.0", 0, 0x30, 1);
        byte[] image = DmarImage.Create(b.Build(), Base, out var layout);
        // pages: 0 root, 1 context, 2 level 3, 3 level 2, 4 level 1, 5 interrupt table
        return (image, new IommuModel(image, Base, Base, capabilities, Base + 0x5000, 4));
    }

    private static readonly SourceId Device = SourceId.Parse("00:02.0");
    private const int Root = 0x0000, Context = 0x1000 + 0x10 * 16, Level3 = 0x2000, Level2 = 0x3000, Level1 = 0x4000, Irte = 0x5000;

    private static void Or(byte[] image, int offset, ulong bits) =>
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(offset), BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(offset)) | bits);

    private static void Set(byte[] image, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(offset), value);

    private static FaultReason Fault(IommuModel model, ulong address = 0x10, DmaAccess access = DmaAccess.Read) =>
        model.Translate(Device, address, access).Fault;

    [Fact]
    public void Uncorrupted_image_translates()
    {
        var (_, model) = Corruptible();
        Assert.Equal(DmaTranslation.Allowed(0x10, 0x5000_0010, 5), model.Translate(Device, 0x10, DmaAccess.ReadWrite));
        Assert.Equal(0x20_1234UL, model.Translate(Device, 0x20_1234, DmaAccess.Write).HostAddress);
        Assert.Equal(0x4123_4567UL, model.Translate(Device, 0x4123_4567, DmaAccess.Read).HostAddress);
    }

    [Fact]
    public void Reading_outside_memory_faults_per_structure()
    {
        var (image, _) = Corruptible();
        Assert.Equal(FaultReason.RootEntryReadError, Fault(new IommuModel(image, Base, Base + 0x10_0000, PolicyBuilder.AllCapabilities)));
        Assert.Equal(FaultReason.RootEntryReadError, Fault(new IommuModel(image, Base, Base - 0x1000, PolicyBuilder.AllCapabilities)));

        var (i1, m1) = Corruptible();
        Set(i1, Root, 0x1_0000_0001);
        Assert.Equal(FaultReason.ContextEntryReadError, Fault(m1));

        var (i2, m2) = Corruptible();
        Set(i2, Level3, 0xFFFF_F000_0003);
        Assert.Equal(FaultReason.SecondLevelEntryReadError, Fault(m2));
        var (i3, m3) = Corruptible();
        Set(i3, Context, 0x1001);            // SLPTPTR below the memory
        Assert.Equal(FaultReason.SecondLevelEntryReadError, Fault(m3));
    }

    [Theory]
    [InlineData(1UL << 1, 0UL)]
    [InlineData(1UL << 11, 0UL)]
    [InlineData(0UL, 1UL)]
    [InlineData(0UL, 1UL << 63)]
    public void Reserved_root_bits_fault(ulong lo, ulong hi)
    {
        var (image, model) = Corruptible();
        Or(image, Root, lo);
        Or(image, Root + 8, hi);
        Assert.Equal(FaultReason.RootEntryReserved, Fault(model));
    }

    [Theory]
    [InlineData(1UL << 4, 0UL)]
    [InlineData(1UL << 11, 0UL)]
    [InlineData(0UL, 1UL << 7)]
    [InlineData(0UL, 1UL << 24)]
    [InlineData(0UL, 1UL << 63)]
    public void Reserved_context_bits_fault(ulong lo, ulong hi)
    {
        var (image, model) = Corruptible();
        Or(image, Context, lo);
        Or(image, Context + 8, hi);
        Assert.Equal(FaultReason.ContextEntryReserved, Fault(model));
    }

    [Fact]
    public void Not_present_root_and_context_entries()
    {
        var (image, model) = Corruptible();
        Assert.Equal(FaultReason.ContextEntryNotPresent, model.Translate(SourceId.Parse("00:02.1"), 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.RootEntryNotPresent, model.Translate(SourceId.Parse("01:00.0"), 0, DmaAccess.Read).Fault);
        Set(image, Root, 0x1FFE); // not present: the reserved bits do not matter
        Assert.Equal(FaultReason.RootEntryNotPresent, Fault(model));
    }

    [Fact]
    public void Invalid_context_entries_fault_0x03()
    {
        void Expect(ulong clearHi, ulong setHi, ulong setLo, byte capabilities = PolicyBuilder.AllCapabilities)
        {
            var (image, _) = Corruptible();
            var model = new IommuModel(image, Base, Base, capabilities, Base + 0x5000, 4);
            ulong hi = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(Context + 8));
            Set(image, Context + 8, hi & ~clearHi | setHi);
            Or(image, Context, setLo);
            Assert.Equal(FaultReason.ContextEntryInvalid, Fault(model));
        }

        Expect(7, 0, 0);                       // AW 000
        Expect(7, 4, 0);                       // AW 100
        Expect(7, 7, 0);                       // AW 111
        Expect(7, 3, 0, UnitCapabilities.Width39 | UnitCapabilities.Width48); // AW 57 on a unit without 57-bit tables
        Expect(0, 0, 0, UnitCapabilities.Width48);                           // the image's AW 39, unsupported
        Expect(0, 0, 3 << 2);                  // TT 11
        Expect(7, 2, 2 << 2, UnitCapabilities.Width39 | UnitCapabilities.Width48); // TT 10 without pass-through support
    }

    [Fact]
    public void Pass_through_context_allows_every_address()
    {
        var (image, model) = Corruptible();
        Set(image, Context, 0x9);
        Set(image, Context + 8, 0x503);
        Assert.Equal(DmaTranslation.Allowed(ulong.MaxValue, ulong.MaxValue, 5), model.Translate(Device, ulong.MaxValue, DmaAccess.Write));
    }

    [Fact]
    public void Address_beyond_the_context_width_faults_0x04()
    {
        var (_, model) = Corruptible();
        Assert.Equal(DmaTranslation.Faulted(1UL << 39, FaultReason.AddressBeyondWidth, 5), model.Translate(Device, 1UL << 39, DmaAccess.Read));
    }

    [Theory]
    [InlineData(Level3, 1UL << 2)]     // bits 6:2
    [InlineData(Level2 + 8, 1UL << 6)] // in a 2 MiB leaf
    [InlineData(Level1, 1UL << 5)]
    [InlineData(Level1, 1UL << 7)]     // PS at level 1
    [InlineData(Level2 + 8, 1UL << 12)] // address bits 20:12 of a 2 MiB leaf
    [InlineData(Level3 + 8, 1UL << 29)] // address bits 29:12 of a 1 GiB leaf
    public void Reserved_second_level_bits_fault_0x0C(int offset, ulong bits)
    {
        var (image, model) = Corruptible();
        Or(image, offset, bits);
        ulong address = offset switch { Level2 + 8 => 2 * MiB, Level3 + 8 => GiB, _ => 0 };
        Assert.Equal(FaultReason.SecondLevelEntryReserved, Fault(model, address));
    }

    [Fact]
    public void Superpages_the_unit_lacks_fault_0x0C()
    {
        var (_, without2M) = Corruptible(UnitCapabilities.Width39 | UnitCapabilities.Superpage1G);
        Assert.Equal(FaultReason.SecondLevelEntryReserved, Fault(without2M, 2 * MiB));
        Assert.Equal(FaultReason.None, Fault(without2M, GiB));
        var (_, without1G) = Corruptible(UnitCapabilities.Width39 | UnitCapabilities.Superpage2M);
        Assert.Equal(FaultReason.SecondLevelEntryReserved, Fault(without1G, GiB));
        Assert.Equal(FaultReason.None, Fault(without1G, 2 * MiB));

        var (image, model) = Corruptible();
        // PS in a level-4 entry: widen the context to 48 bits and make a level-4 table whose entry 0 has PS
        Set(image, Context + 8, 0x502);
        Set(image, Context, (Base + 0x6000) | 1);
        var grown = new byte[image.Length + 0x1000];
        image.CopyTo(grown, 0);
        Set(grown, 0x6000, 0x83);
        var model48 = new IommuModel(grown, Base, Base, PolicyBuilder.AllCapabilities);
        Assert.Equal(FaultReason.SecondLevelEntryReserved, model48.Translate(Device, 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.SecondLevelEntryReadError, model.Translate(Device, 0, DmaAccess.Read).Fault);
    }

    [Fact]
    public void Rights_are_anded_along_the_walk()
    {
        var (image, model) = Corruptible();
        ulong level3 = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(Level3));
        Set(image, Level3, level3 & ~2UL); // the non-leaf entry loses W; the leaf still grants RW
        Assert.Equal(FaultReason.WriteDenied, Fault(model, 0x10, DmaAccess.Write));
        Assert.Equal(FaultReason.WriteDenied, Fault(model, 0x10, DmaAccess.ReadWrite));
        Assert.Equal(FaultReason.None, Fault(model, 0x10, DmaAccess.Read));
        Set(image, Level3, level3 & ~1UL);
        Assert.Equal(FaultReason.ReadDenied, Fault(model, 0x10, DmaAccess.Read));
        Assert.Equal(FaultReason.None, Fault(model, 0x10, DmaAccess.Write));
        Set(image, Level3, level3);
        Set(image, Level2, 0); // not present
        Assert.Equal(FaultReason.ReadDenied, Fault(model, 0x10, DmaAccess.Read));
        Assert.Equal(FaultReason.WriteDenied, Fault(model, 0x10, DmaAccess.ReadWrite));
    }

    [Fact]
    public void Interrupt_entry_faults()
    {
        var source = Device;
        var (image, model) = Corruptible();
        Assert.Equal(InterruptRemap.Remapped(0x30, 1, DeliveryMode.Fixed, TriggerMode.Edge), model.RemapInterrupt(source, 0));
        Assert.Equal(FaultReason.InterruptEntryNotPresent, model.RemapInterrupt(source, 3).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, model.RemapInterrupt(source, 4).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, model.RemapInterrupt(source, -1).Fault);
        Assert.Equal(FaultReason.SourceMismatch, model.RemapInterrupt(SourceId.Parse("00:02.1"), 0).Fault);
        Assert.Equal(FaultReason.InterruptTableReadError, new IommuModel(image, Base, Base, 0, Base + 0x10_0000, 4).RemapInterrupt(source, 0).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, new IommuModel(image, Base, Base, 0).RemapInterrupt(source, 0).Fault);

        foreach (var (offset, bits) in new[] { (Irte, 1UL << 12), (Irte, 1UL << 15), (Irte, 1UL << 24), (Irte, 2UL << 5), (Irte + 8, 1UL << 20), (Irte + 8, 3UL << 18) })
        {
            var (i, m) = Corruptible();
            Or(i, offset, bits);
            Assert.Equal(FaultReason.InterruptEntryReserved, m.RemapInterrupt(source, 0).Fault);
        }
    }

    [Fact]
    public void Interrupt_source_validation_types()
    {
        var (image, model) = Corruptible();
        ulong hi = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(Irte + 8));
        Set(image, Irte + 8, hi & ~(3UL << 18)); // SVT 00: no verification
        Assert.True(model.RemapInterrupt(SourceId.Parse("12:03.4"), 0).IsAllowed);

        Set(image, Irte + 8, hi | 3UL << 16); // SQ 11: function bits ignored
        Assert.True(model.RemapInterrupt(SourceId.Parse("00:02.7"), 0).IsAllowed);
        Assert.Equal(FaultReason.SourceMismatch, model.RemapInterrupt(SourceId.Parse("00:03.0"), 0).Fault);
        Set(image, Irte + 8, hi | 1UL << 16); // SQ 01: bit 2 ignored
        Assert.True(model.RemapInterrupt(SourceId.Parse("00:02.4"), 0).IsAllowed);
        Assert.Equal(FaultReason.SourceMismatch, model.RemapInterrupt(SourceId.Parse("00:02.2"), 0).Fault);

        Set(image, Irte + 8, 2UL << 18 | 0x0305); // SVT 10: buses 03 to 05
        Assert.True(model.RemapInterrupt(SourceId.Parse("04:1f.7"), 0).IsAllowed);
        Assert.Equal(FaultReason.SourceMismatch, model.RemapInterrupt(SourceId.Parse("06:00.0"), 0).Fault);
    }

    [Fact]
    public void Model_rejects_misaligned_registers()
    {
        Assert.Throws<ArgumentException>(() => new IommuModel(new byte[4096], 0, 0x800, 0));
        Assert.Throws<ArgumentException>(() => new IommuModel(new byte[4096], 0, 0, 0, 0x10, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IommuModel(new byte[4096], 0, 0, 0, 0, 65537));
    }

    [Fact]
    public void Requests_allocate_nothing()
    {
        var tables = TwoVm();
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        var platform = IommuPlatform.FromImage(tables, layout, image);
        var source = SourceId.Parse("03:10.1");
        long bytes = Infrastructure.Allocations.PerRun(() =>
        {
            ulong sink = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                sink += platform.Translate(source, (ulong)i << 16, DmaAccess.Read).HostAddress;
                sink += platform.RemapInterrupt(source, i & 7).Vector;
            }
            return sink;
        });
        Assert.Equal(0, bytes);
    }
}
