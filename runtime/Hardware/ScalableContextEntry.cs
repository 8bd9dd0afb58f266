using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>
/// A 256-bit scalable-mode context entry (VT-d 9.4). A scalable-mode context table is 4 KiB with 128
/// such entries; the root entry's low half points at the table of devfn 0–127, its high half at that
/// of 128–255, each indexed by <c>devfn % 128</c>. Q2 and Q3 are reserved.
/// </summary>
public readonly record struct ScalableContextEntry(ulong Q0, ulong Q1, ulong Q2, ulong Q3)
{
    /// <summary>Bytes per entry (32).</summary>
    public const int Size = 32;
    /// <summary>Entries per scalable-mode context table (128: one table covers half the device/functions of a bus).</summary>
    public const int EntriesPerTable = 128;

    /// <summary>Q0 bit 0: P.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>Q0 bit 1: FPD, fault processing disable.</summary>
    public const ulong FaultProcessingDisableBit = 1UL << 1;
    /// <summary>Q0 bit 2: DTE, device-TLB (ATS) enable.</summary>
    public const ulong DeviceTlbEnableBit = 1UL << 2;
    /// <summary>Q0 bit 3: PASIDE, requests with a PASID are allowed.</summary>
    public const ulong PasidEnableBit = 1UL << 3;
    /// <summary>Q0 bit 4: PRE, page requests are allowed.</summary>
    public const ulong PageRequestEnableBit = 1UL << 4;
    /// <summary>Q0 bits 8:5.</summary>
    public const ulong ReservedQ0Mask = 0b1111UL << 5;
    /// <summary>Position of the PASID directory size field (PDTS, lo bits 11:9).</summary>
    public const int PasidDirectorySizeShift = 9;
    /// <summary>Q0 bits 11:9: PDTS, the PASID directory has 2^(PDTS + 7) entries.</summary>
    public const ulong PasidDirectorySizeMask = 0b111UL << PasidDirectorySizeShift;
    /// <summary>Q0 bits 63:12: PASIDDIRPTR.</summary>
    public const ulong PasidDirectoryPointerMask = 0xFFFF_FFFF_FFFF_F000UL;
    /// <summary>Q1 bits 19:0: RID_PASID, the PASID that requests without a PASID use.</summary>
    public const ulong RidPasidMask = 0xF_FFFFUL;
    /// <summary>Q1 bit 20: RID_PRIV, requests without a PASID have supervisor privilege.</summary>
    public const ulong RidPrivilegeBit = 1UL << 20;
    /// <summary>Q1 bits 63:21.</summary>
    public const ulong ReservedQ1Mask = ~(RidPasidMask | RidPrivilegeBit);

    /// <summary>A present entry with faults recorded (FPD 0), RID_PASID 0 and RID_PRIV 0.</summary>
    /// <param name="pasidDirectory">4 KiB aligned address of the PASID directory.</param>
    /// <param name="directorySize">PDTS (0 to 7): the directory covers PASIDs below 2^(PDTS + 13).</param>
    /// <param name="deviceTlb">DTE: the device uses ATS.</param>
    /// <param name="pasidEnable">PASIDE: the device's requests may carry a PASID.</param>
    /// <param name="pageRequest">PRE: the device may issue page requests.</param>
    public static ScalableContextEntry Create(ulong pasidDirectory, int directorySize, bool deviceTlb, bool pasidEnable, bool pageRequest)
    {
        if ((pasidDirectory & ~PasidDirectoryPointerMask) != 0)
            throw new ArgumentException($"PASID directory address 0x{pasidDirectory:x} is not 4 KiB aligned.", nameof(pasidDirectory));
        if (directorySize is < 0 or > 7)
            throw new ArgumentOutOfRangeException(nameof(directorySize), directorySize, "PDTS is 0 to 7.");
        ulong q0 = PresentBit
            | (deviceTlb ? DeviceTlbEnableBit : 0)
            | (pasidEnable ? PasidEnableBit : 0)
            | (pageRequest ? PageRequestEnableBit : 0)
            | (ulong)directorySize << PasidDirectorySizeShift
            | pasidDirectory;
        return new ScalableContextEntry(q0, 0, 0, 0);
    }

    /// <summary>PDTS for a directory covering PASIDs of <paramref name="pasidBits"/> bits: the directory has 2^(PDTS + 7) entries of 64 PASIDs.</summary>
    public static int DirectorySizeFor(int pasidBits) => pasidBits <= 13 ? 0 : pasidBits - 13;

    /// <summary>The present bit (P) is set.</summary>
    public bool IsPresent => (Q0 & PresentBit) != 0;
    /// <summary>The FPD bit is set: faults through this entry are not recorded.</summary>
    public bool FaultProcessingDisabled => (Q0 & FaultProcessingDisableBit) != 0;
    /// <summary>Device TLB (ATS) is enabled for the device (DTE).</summary>
    public bool DeviceTlbEnabled => (Q0 & DeviceTlbEnableBit) != 0;
    /// <summary>Requests with a PASID are accepted (PASIDE).</summary>
    public bool PasidEnabled => (Q0 & PasidEnableBit) != 0;
    /// <summary>Page requests (PRI) are enabled (PRE).</summary>
    public bool PageRequestEnabled => (Q0 & PageRequestEnableBit) != 0;
    /// <summary>The PASID directory size field: the directory has 2^(field + 7) entries.</summary>
    public int DirectorySize => (int)((Q0 & PasidDirectorySizeMask) >> PasidDirectorySizeShift);
    /// <summary>Entries of the PASID directory: 2^(PDTS + 7).</summary>
    public int DirectoryEntries => 1 << (DirectorySize + 7);
    /// <summary>The 4 KiB-aligned host address of the device's PASID directory.</summary>
    public ulong PasidDirectoryPointer => Q0 & PasidDirectoryPointerMask;
    /// <summary>The PASID that requests without a PASID are treated as (RID_PASID).</summary>
    public uint RidPasid => (uint)(Q1 & RidPasidMask);
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => (Q0 & ReservedQ0Mask) != 0 || (Q1 & ReservedQ1Mask) != 0 || Q2 != 0 || Q3 != 0;

    /// <summary>Writes the entry as the hardware reads it (little-endian) to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Q0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Q1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Q2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Q3);
    }

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static ScalableContextEntry ReadFrom(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(source),
        BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[24..]));
}
