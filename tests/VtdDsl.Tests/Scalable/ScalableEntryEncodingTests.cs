using System.Buffers.Binary;
using VtdDsl.Hardware;

namespace VtdDsl.Tests.Scalable;

/// <summary>Each scalable-mode entry format against bit patterns computed by hand from VT-d chapter 9.</summary>
public sealed class ScalableEntryEncodingTests
{
    [Fact]
    public void Root_entry_points_each_half_at_its_context_table_with_LP_and_UP()
    {
        // lo = LCTP 0x7F001000 | LP (bit 0) = 0x7F001001; hi = UCTP 0x7F002000 | UP (bit 0) = 0x7F002001
        var entry = ScalableRootEntry.Create(0x7F00_1000, 0x7F00_2000);
        Assert.Equal(0x7F00_1001UL, entry.Lo);
        Assert.Equal(0x7F00_2001UL, entry.Hi);
        Assert.True(entry.IsLowerPresent && entry.IsUpperPresent);
        Assert.False(entry.HasReservedBits);

        Span<byte> bytes = stackalloc byte[16];
        entry.WriteTo(bytes);
        Assert.Equal(new byte[] { 0x01, 0x10, 0x00, 0x7F, 0, 0, 0, 0, 0x01, 0x20, 0x00, 0x7F, 0, 0, 0, 0 }, bytes.ToArray());
        Assert.Equal(entry, ScalableRootEntry.ReadFrom(bytes));
    }

    [Fact]
    public void Root_entry_half_without_a_table_is_not_present()
    {
        var entry = ScalableRootEntry.Create(0, 0x5000);
        Assert.Equal(0UL, entry.Lo);
        Assert.Equal(0x5001UL, entry.Hi);
        Assert.Throws<ArgumentException>(() => ScalableRootEntry.Create(0x1800, 0));
    }

    [Fact]
    public void Context_entry_of_an_svm_device_sets_DTE_PASIDE_PRE_and_PDTS()
    {
        // Q0 = PASIDDIRPTR 0x7F00A000 | PDTS 7 << 9 (0xE00) | PRE bit 4 (0x10) | PASIDE bit 3 (0x8)
        //      | DTE bit 2 (0x4) | P bit 0 (0x1) = 0x7F00AE1D; Q1 = RID_PASID 0, RID_PRIV 0; Q2 = Q3 = 0
        var entry = ScalableContextEntry.Create(0x7F00_A000, 7, deviceTlb: true, pasidEnable: true, pageRequest: true);
        Assert.Equal(new ScalableContextEntry(0x7F00_AE1D, 0, 0, 0), entry);
        Assert.Equal(1 << 14, entry.DirectoryEntries);
        Assert.Equal(0U, entry.RidPasid);

        Span<byte> bytes = stackalloc byte[32];
        entry.WriteTo(bytes);
        Assert.Equal(0x7F00_AE1DUL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.True(bytes[8..].SequenceEqual(new byte[24]));
        Assert.Equal(entry, ScalableContextEntry.ReadFrom(bytes));
    }

    [Fact]
    public void Context_entry_of_a_plain_device_is_present_with_the_smallest_directory()
    {
        // Q0 = 0x3000 | P = 0x3001: PDTS 0 (128 directory entries), DTE, PASIDE and PRE clear
        var entry = ScalableContextEntry.Create(0x3000, 0, deviceTlb: false, pasidEnable: false, pageRequest: false);
        Assert.Equal(0x3001UL, entry.Q0);
        Assert.Equal(128, entry.DirectoryEntries);
        Assert.False(entry.HasReservedBits);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(13, 0)]
    [InlineData(14, 1)]
    [InlineData(20, 7)] // 2^(7 + 7) entries × 64 PASIDs = 2^20
    public void Directory_size_covers_the_unit_PASID_width(int bits, int pdts) =>
        Assert.Equal(pdts, ScalableContextEntry.DirectorySizeFor(bits));

    [Fact]
    public void Directory_entry_is_present_with_the_PASID_table_pointer()
    {
        // 0x7F00B000 | P = 0x7F00B001
        var entry = PasidDirectoryEntry.Create(0x7F00_B000);
        Assert.Equal(0x7F00_B001UL, entry.Value);
        Span<byte> bytes = stackalloc byte[8];
        entry.WriteTo(bytes);
        Assert.Equal(new byte[] { 0x01, 0xB0, 0x00, 0x7F, 0, 0, 0, 0 }, bytes.ToArray());
        Assert.Throws<ArgumentException>(() => PasidDirectoryEntry.Create(0x7F00_B008));
    }

    [Fact]
    public void Second_stage_PASID_entry_has_PGTT_010_AW_SLPTPTR_and_DID()
    {
        // Q0 = SLPTPTR 0x7F003000 | PGTT 010 << 6 (0x80) | AW 010 (48-bit) << 2 (0x8) | P = 0x7F003089; Q1 = DID 10
        var entry = PasidEntry.SecondStage(0x7F00_3000, 48, 10);
        Assert.Equal(new PasidEntry(0x7F00_3089, 10, 0, 0, 0, 0, 0, 0), entry);
        Assert.Equal(PasidTranslationType.SecondStage, entry.TranslationType);
        Assert.Equal(48, entry.AddressWidth);

        // 39-bit: AW 001 << 2 = 0x4 -> Q0 = 0x1000 | 0x80 | 0x4 | 1 = 0x1085
        Assert.Equal(0x1085UL, PasidEntry.SecondStage(0x1000, 39, 1).Q0);
    }

    [Fact]
    public void Pass_through_PASID_entry_has_PGTT_100()
    {
        // Q0 = PGTT 100 << 6 (0x100) | AW 010 << 2 (0x8) | P = 0x109; Q1 = DID 7
        var entry = PasidEntry.PassThrough(48, 7);
        Assert.Equal(new PasidEntry(0x109, 7, 0, 0, 0, 0, 0, 0), entry);
    }

    [Fact]
    public void First_stage_PASID_entry_is_not_present_until_bound()
    {
        // unbound: Q0 = PGTT 001 << 6 = 0x40 (P 0), Q1 = DID 2, Q2 = FSPTPTR 0, SRE 0, FSPM 00
        Assert.Equal(new PasidEntry(0x40, 2, 0, 0, 0, 0, 0, 0), PasidEntry.FirstStage(0, 2));
        // bound: Q0 = 0x40 | P = 0x41, Q2 = FSPTPTR 0x12345000
        var bound = PasidEntry.FirstStage(0x1234_5000, 2);
        Assert.Equal(new PasidEntry(0x41, 2, 0x1234_5000, 0, 0, 0, 0, 0), bound);
        Assert.False(bound.SupervisorRequestsEnabled);
        Assert.Equal(0, bound.FirstStagePagingMode);

        var bytes = new byte[64];
        bound.WriteTo(bytes);
        Assert.Equal(0x41UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(2UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(0x1234_5000UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)));
        Assert.True(bytes.AsSpan(24).SequenceEqual(new byte[40]));
        Assert.Equal(bound, PasidEntry.ReadFrom(bytes));
    }

    [Fact]
    public void Fault_reason_codes_are_the_scalable_mode_numbers()
    {
        // VT-d scalable-mode fault conditions (Linux dma_remap_sm_fault_reasons index + 0x30)
        Assert.Equal(0x31, (int)FaultReason.PasidRequestInLegacyMode);       // SRTA.1.2
        Assert.Equal(0x39, (int)FaultReason.ScalableRootEntryNotPresent);    // SRTA.3
        Assert.Equal(0x41, (int)FaultReason.ScalableContextEntryNotPresent); // SCT.2
        Assert.Equal(0x45, (int)FaultReason.PasidDisabled);                  // SCT.6
        Assert.Equal(0x46, (int)FaultReason.PasidBeyondContextMax);          // SCT.7
        Assert.Equal(0x51, (int)FaultReason.PasidDirectoryEntryNotPresent);  // SPD.2
        Assert.Equal(0x59, (int)FaultReason.PasidEntryNotPresent);           // SPT.2
        Assert.Equal(0x5B, (int)FaultReason.PasidEntryInvalid);              // SPT.4
        Assert.Equal(0x61, (int)FaultReason.FirstStageEntryNotPresent);      // SFS.2
        Assert.Equal(0x62, (int)FaultReason.FirstStageEntryReserved);        // SFS.3
        Assert.Equal(0x70, (int)FaultReason.NonCanonicalAddress);            // SGN.1
        Assert.Equal(0x71, (int)FaultReason.UserAccessDenied);               // SGN.2
        Assert.Equal(0x75, (int)FaultReason.ScalableWriteDenied);            // SGN.6
    }
}
