using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>
/// A 512-bit scalable-mode PASID table entry (VT-d 9.6), as eight 64-bit words Q0–Q7. A PASID table
/// is 4 KiB with 64 entries, indexed by <c>PASID % 64</c>. The image writer uses Q0–Q2; Q3–Q7 stay 0.
/// </summary>
/// <remarks>
/// Q0: bit 0 P, bit 1 FPD, bits 4:2 AW (second-stage address width, encoded as in a legacy context
/// entry), bit 5 SSEE, bits 8:6 PGTT, bit 9 SSADE, bits 11:10 reserved, bits 63:12 SSPTPTR.
/// Q1: bits 15:0 DID, bits 22:16 reserved, bit 23 PWSNP, bit 24 PGSNP, higher bits memory-type controls.
/// Q2: bit 0 SRE, bit 1 ERE, bits 3:2 FSPM (first-stage paging mode: 00 4-level), bit 4 WPE,
/// bit 7 EAFE, bits 63:12 FSPTPTR (the first-stage PML4 table).
/// </remarks>
public readonly record struct PasidEntry(ulong Q0, ulong Q1, ulong Q2, ulong Q3, ulong Q4, ulong Q5, ulong Q6, ulong Q7)
{
    /// <summary>Bytes per entry (64).</summary>
    public const int Size = 64;
    /// <summary>Entries per 4 KiB PASID table (64 entries of 64 bytes).</summary>
    public const int EntriesPerTable = 64;

    /// <summary>Bit 0 (P): the entry is present.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>Bit 1 (FPD): faults through this entry are not recorded.</summary>
    public const ulong FaultProcessingDisableBit = 1UL << 1;
    /// <summary>Position of the second-stage address width field (AW, bits 4:2 of the first quadword).</summary>
    public const int AddressWidthShift = 2;
    /// <summary>Q0 bits 4:2.</summary>
    public const ulong AddressWidthMask = 0b111UL << AddressWidthShift;
    /// <summary>Position of the PASID granular translation type field (PGTT, bits 8:6).</summary>
    public const int TranslationTypeShift = 6;
    /// <summary>Q0 bits 8:6: PGTT.</summary>
    public const ulong TranslationTypeMask = 0b111UL << TranslationTypeShift;
    /// <summary>Q0 bits 11:10.</summary>
    public const ulong ReservedQ0Mask = 0b11UL << 10;
    /// <summary>Q0 bits 63:12: SSPTPTR. Also Q2 bits 63:12, FSPTPTR.</summary>
    public const ulong PointerMask = 0xFFFF_FFFF_FFFF_F000UL;
    /// <summary>Q1 bits 15:0: DID.</summary>
    public const ulong DomainIdMask = 0xFFFFUL;
    /// <summary>Q1 bits 22:16.</summary>
    public const ulong ReservedQ1Mask = 0x7FUL << 16;
    /// <summary>Q2 bit 0: SRE, requests with supervisor privilege are allowed.</summary>
    public const ulong SupervisorRequestsBit = 1UL << 0;
    /// <summary>Position of the first-stage paging mode field (FSPM, bits 3:2 of the third quadword).</summary>
    public const int FirstStagePagingModeShift = 2;
    /// <summary>Q2 bits 3:2: FSPM (FLPM), 00 = 4-level paging, 01 = 5-level.</summary>
    public const ulong FirstStagePagingModeMask = 0b11UL << FirstStagePagingModeShift;

    /// <summary>A present second-stage entry (PGTT 010): <paramref name="secondStageTable"/> is the domain's top table.</summary>
    public static PasidEntry SecondStage(ulong secondStageTable, int addressWidth, ushort domainId)
    {
        CheckPointer(secondStageTable, nameof(secondStageTable));
        return new PasidEntry(
            PresentBit | (ulong)ContextEntry.AddressWidthField(addressWidth) << AddressWidthShift
                | (ulong)PasidTranslationType.SecondStage << TranslationTypeShift | secondStageTable,
            domainId, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>A present pass-through entry (PGTT 100), carrying the unit's largest address width.</summary>
    public static PasidEntry PassThrough(int addressWidth, ushort domainId) => new(
        PresentBit | (ulong)ContextEntry.AddressWidthField(addressWidth) << AddressWidthShift
            | (ulong)PasidTranslationType.PassThrough << TranslationTypeShift,
        domainId, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// A first-stage entry (PGTT 001, 4-level paging, SRE 0: user requests only). With
    /// <paramref name="firstStageRoot"/> 0 it is the not-present entry of a process not yet bound
    /// (P 0, DID and PGTT already in place); otherwise present, walking the PML4 table at that address.
    /// </summary>
    public static PasidEntry FirstStage(ulong firstStageRoot, ushort domainId)
    {
        CheckPointer(firstStageRoot, nameof(firstStageRoot));
        return new PasidEntry(
            (firstStageRoot != 0 ? PresentBit : 0) | (ulong)PasidTranslationType.FirstStage << TranslationTypeShift,
            domainId, firstStageRoot, 0, 0, 0, 0, 0);
    }

    /// <summary>The present bit (P) is set.</summary>
    public bool IsPresent => (Q0 & PresentBit) != 0;
    /// <summary>The FPD bit is set: faults through this entry are not recorded.</summary>
    public bool FaultProcessingDisabled => (Q0 & FaultProcessingDisableBit) != 0;
    /// <summary>The second-stage address width in bits, or 0 when the AW field has no meaning.</summary>
    public int AddressWidth => ContextEntry.AddressWidthBits((int)((Q0 & AddressWidthMask) >> AddressWidthShift));
    /// <summary>First-stage, second-stage or pass-through translation for this PASID.</summary>
    public PasidTranslationType TranslationType => (PasidTranslationType)((Q0 & TranslationTypeMask) >> TranslationTypeShift);
    /// <summary>The host address of the second-stage page tables (the domain's).</summary>
    public ulong SecondStagePointer => Q0 & PointerMask;
    /// <summary>The domain id the IOTLB tags this PASID's translations with.</summary>
    public ushort DomainId => (ushort)(Q1 & DomainIdMask);
    /// <summary>Supervisor-mode requests are allowed (SRE).</summary>
    public bool SupervisorRequestsEnabled => (Q2 & SupervisorRequestsBit) != 0;
    /// <summary>The first-stage paging mode: 0 four-level, 1 five-level.</summary>
    public int FirstStagePagingMode => (int)((Q2 & FirstStagePagingModeMask) >> FirstStagePagingModeShift);
    /// <summary>The host address of the process's first-stage page tables (its CR3).</summary>
    public ulong FirstStagePointer => Q2 & PointerMask;
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => (Q0 & ReservedQ0Mask) != 0 || (Q1 & ReservedQ1Mask) != 0;

    /// <summary>Writes the entry as the hardware reads it (little-endian) to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException($"A PASID table entry needs {Size} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Q1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Q2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Q3);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], Q4);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], Q5);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], Q6);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[56..], Q7);
        // The word with the present bit last, as software updating a live entry must.
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Q0);
    }

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static PasidEntry ReadFrom(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(source),
        BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[40..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[48..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[56..]));

    private static void CheckPointer(ulong address, string parameter)
    {
        if ((address & ~PointerMask) != 0)
            throw new ArgumentException($"Table address 0x{address:x} is not 4 KiB aligned.", parameter);
        if (address >= DmarImage.AddressLimit)
            throw new ArgumentException($"Table address 0x{address:x} is beyond 2^52.", parameter);
    }
}
