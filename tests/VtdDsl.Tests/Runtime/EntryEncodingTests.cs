using System;
using VtdDsl.Hardware;

namespace VtdDsl.Tests.Runtime;

// Expected values are computed by hand from VTD-FORMATS.md; the computation is beside each one.
public class EntryEncodingTests
{
    [Fact]
    public void Root_entry_is_present_bit_and_context_pointer()
    {
        var entry = RootEntry.Create(0x7F00_1000);
        // lo = 0x7F001000 (bits 63:12) | 1 (present); hi reserved = 0
        Assert.Equal(0x0000_0000_7F00_1001UL, entry.Lo);
        Assert.Equal(0UL, entry.Hi);

        Span<byte> bytes = stackalloc byte[16];
        entry.WriteTo(bytes);
        Assert.Equal(new byte[] { 0x01, 0x10, 0x00, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, bytes.ToArray());
        Assert.Equal(entry, RootEntry.ReadFrom(bytes));
        Assert.True(entry.IsPresent);
        Assert.False(entry.HasReservedBits);
    }

    [Fact]
    public void Root_entry_rejects_misaligned_context_table() =>
        Assert.Throws<ArgumentException>(() => RootEntry.Create(0x7F00_1800));

    [Fact]
    public void Context_entry_untranslated_39_bit()
    {
        var entry = ContextEntry.Create(TranslationType.Untranslated, 0x7F00_5000, 39, 2);
        // lo = 0x7F005000 | TT 00 << 2 | FPD 0 | P 1 = 0x7F005001
        // hi = AW 001 | domain 2 << 8 = 0x201
        Assert.Equal(0x0000_0000_7F00_5001UL, entry.Lo);
        Assert.Equal(0x0000_0000_0000_0201UL, entry.Hi);
    }

    [Fact]
    public void Context_entry_device_tlb_48_bit()
    {
        var entry = ContextEntry.Create(TranslationType.DeviceTlb, 0x12_3456_7000, 48, 0x1234);
        // lo = 0x1234567000 | TT 01 << 2 (0x4) | P 1 = 0x1234567005
        // hi = AW 010 | 0x1234 << 8 = 0x123402
        Assert.Equal(0x0000_0012_3456_7005UL, entry.Lo);
        Assert.Equal(0x0000_0000_0012_3402UL, entry.Hi);
        Assert.Equal(TranslationType.DeviceTlb, entry.TranslationType);
        Assert.Equal(48, entry.AddressWidth);
        Assert.Equal((ushort)0x1234, entry.DomainId);
    }

    [Fact]
    public void Context_entry_pass_through_57_bit()
    {
        var entry = ContextEntry.Create(TranslationType.PassThrough, 0, 57, 0xFFFF);
        // lo = TT 10 << 2 (0x8) | P 1 = 0x9; hi = AW 011 | 0xFFFF << 8 = 0xFFFF03
        Assert.Equal(0x9UL, entry.Lo);
        Assert.Equal(0xFF_FF03UL, entry.Hi);
        Assert.False(entry.HasReservedBits);
    }

    [Fact]
    public void Context_entry_rejects_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => ContextEntry.Create(TranslationType.Reserved, 0, 39, 1));
        Assert.Throws<ArgumentException>(() => ContextEntry.Create(TranslationType.Untranslated, 0x1001, 39, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContextEntry.Create(TranslationType.Untranslated, 0x1000, 40, 1));
    }

    [Fact]
    public void Context_entry_reserved_masks_match_the_format()
    {
        // lo bits 11:4 = 0xFF0; hi bit 7 = 0x80, hi bits 63:24 = 0xFFFFFFFFFF000000
        Assert.Equal(0xFF0UL, ContextEntry.ReservedLoMask);
        Assert.Equal(0xFFFF_FFFF_FF00_0080UL, ContextEntry.ReservedHiMask);
        Assert.True(new ContextEntry(0x11, 0).HasReservedBits);
        Assert.True(new ContextEntry(0x1, 1UL << 24).HasReservedBits);
        Assert.False(new ContextEntry(0x3, 0x78).HasReservedBits); // FPD and the software bits 6:3 are not reserved
    }

    [Fact]
    public void Second_level_entries()
    {
        // non-leaf: 0x7F006000 | R 1 | W 2 = 0x7F006003
        Assert.Equal(0x7F00_6003UL, SecondLevelEntry.Table(0x7F00_6000, DmaAccess.ReadWrite).Value);
        // 4 KiB leaf: 0x100001000 | R = 0x100001001 (no PS at level 1)
        Assert.Equal(0x1_0000_1001UL, SecondLevelEntry.Leaf(0x1_0000_1000, DmaAccess.Read, 1).Value);
        // 2 MiB leaf: 0x200000 | PS 0x80 | R|W 3 = 0x200083
        Assert.Equal(0x20_0083UL, SecondLevelEntry.Leaf(0x20_0000, DmaAccess.ReadWrite, 2).Value);
        // 1 GiB leaf: 0x140000000 | PS 0x80 | W 2 = 0x140000082
        Assert.Equal(0x1_4000_0082UL, SecondLevelEntry.Leaf(0x1_4000_0000, DmaAccess.Write, 3).Value);
        // highest address bits 51:12: 0xFFFFFFFFFF000 | R = 0xFFFFFFFFFF001
        Assert.Equal(0xF_FFFF_FFFF_F001UL, SecondLevelEntry.Leaf(0xF_FFFF_FFFF_F000, DmaAccess.Read, 1).Value);
    }

    [Fact]
    public void Second_level_entry_rejects_misaligned_or_too_high_addresses()
    {
        Assert.Throws<ArgumentException>(() => SecondLevelEntry.Leaf(0x20_1000, DmaAccess.Read, 2));
        Assert.Throws<ArgumentException>(() => SecondLevelEntry.Leaf(0x4020_0000, DmaAccess.Read, 3));
        Assert.Throws<ArgumentException>(() => SecondLevelEntry.Leaf(1UL << 52, DmaAccess.Read, 1));
        Assert.Throws<ArgumentException>(() => SecondLevelEntry.Table(0x1800, DmaAccess.Read));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecondLevelEntry.Leaf(0, DmaAccess.Read, 4));
    }

    [Fact]
    public void Interrupt_entry_fixed_edge()
    {
        var entry = InterruptRemapEntry.Create(0x41, 2, DeliveryMode.Fixed, TriggerMode.Edge, 0x0300);
        // lo = P 1 | TM 0 | DLM 000 | vector 0x41 << 16 (0x410000) | destination 2 << 32 = 0x0000000200410001
        // hi = SID 0x0300 | SQ 00 << 16 | SVT 01 << 18 (0x40000) = 0x40300
        Assert.Equal(0x0000_0002_0041_0001UL, entry.Lo);
        Assert.Equal(0x0000_0000_0004_0300UL, entry.Hi);
    }

    [Fact]
    public void Interrupt_entry_lowest_priority_level()
    {
        var entry = InterruptRemapEntry.Create(0x42, 0xFFFF_FFFF, DeliveryMode.LowestPriority, TriggerMode.Level, 0x0381);
        // lo = P 1 | TM 1 << 4 (0x10) | DLM 001 << 5 (0x20) | 0x42 << 16 | 0xFFFFFFFF << 32 = 0xFFFFFFFF00420031
        // hi = 0x0381 | 0x40000 = 0x40381
        Assert.Equal(0xFFFF_FFFF_0042_0031UL, entry.Lo);
        Assert.Equal(0x0000_0000_0004_0381UL, entry.Hi);
        Assert.Equal(TriggerMode.Level, entry.Trigger);
        Assert.Equal(1, entry.DeliveryModeField);
        Assert.Equal(1, entry.SourceValidationType);
        Assert.False(entry.HasReservedBits);
    }

    [Fact]
    public void Fault_recording_register_for_a_dma_read()
    {
        var record = FaultRecord.ForDma(SourceId.Parse("03:00.0"), 0x1234_5678, DmaAccess.Read, FaultReason.ReadDenied);
        // lo = page 0x12345000; hi = SID 0x0300 | FR 0x06 << 32 | T 1 << 62 | F 1 << 63 = 0xC000000600000300
        Assert.Equal((0x0000_0000_1234_5000UL, 0xC000_0006_0000_0300UL), record.ToRegister());
    }

    [Fact]
    public void Fault_recording_register_for_a_dma_write_and_an_atomic()
    {
        var write = FaultRecord.ForDma(SourceId.Parse("03:10.1"), 0xFE00_0FFF, DmaAccess.Write, FaultReason.WriteDenied);
        // SID 03:10.1 = 3 << 8 | 0x10 << 3 | 1 = 0x381; hi = 0x381 | 0x05 << 32 | F = 0x8000000500000381
        Assert.Equal((0xFE00_0000UL, 0x8000_0005_0000_0381UL), write.ToRegister());
        var atomic = FaultRecord.ForDma(SourceId.Parse("03:10.1"), 0xFE00_0FFF, DmaAccess.ReadWrite, FaultReason.WriteDenied);
        // a request that reads is recorded as a read: + T (1 << 62) = 0xC000000500000381
        Assert.Equal((0xFE00_0000UL, 0xC000_0005_0000_0381UL), atomic.ToRegister());
    }

    [Fact]
    public void Fault_recording_register_for_an_interrupt()
    {
        var record = FaultRecord.ForInterrupt(SourceId.Parse("03:10.1"), 7, FaultReason.SourceMismatch);
        // lo = index 7 << 48 = 0x0007000000000000; hi = 0x381 | 0x26 << 32 | F = 0x8000002600000381
        Assert.Equal((0x0007_0000_0000_0000UL, 0x8000_0026_0000_0381UL), record.ToRegister());
    }

    [Fact]
    public void Fault_recording_register_round_trips()
    {
        var dma = FaultRecord.ForDma(SourceId.Parse("0002:ff:1f.7"), 0xABC_D000, DmaAccess.Write, FaultReason.AddressBeyondWidth);
        var (lo, hi) = dma.ToRegister();
        Assert.Equal(dma, FaultRecordingRegister.Decode(lo, hi, segment: 2));

        var interrupt = FaultRecord.ForInterrupt(SourceId.Parse("00:02.0"), 65535, FaultReason.InterruptEntryNotPresent);
        (lo, hi) = interrupt.ToRegister();
        Assert.Equal(interrupt, FaultRecordingRegister.Decode(lo, hi));

        // Scalable-mode DMA faults (0x30 and up) are DMA faults, not interrupt faults.
        var scalable = FaultRecord.ForDma(SourceId.Parse("00:02.0"), 0x7000, DmaAccess.Read, FaultReason.PasidEntryNotPresent);
        (lo, hi) = scalable.ToRegister();
        Assert.Equal(scalable, FaultRecordingRegister.Decode(lo, hi));

        Span<byte> bytes = stackalloc byte[16];
        FaultRecordingRegister.Write(interrupt, bytes);
        Assert.Equal(0xFF, bytes[7]); // index 0xFFFF in lo bits 63:48
        Assert.Equal(0x80, bytes[15]); // F
        Assert.Throws<ArgumentException>(() => FaultRecordingRegister.Decode(0, 0));
    }
}
