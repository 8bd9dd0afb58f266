using System;
using System.Buffers.Binary;

namespace VtdDsl;

public sealed partial class IommuModel
{
    /// <summary>
    /// Translates a request tagged with <paramref name="pasid"/>: in scalable mode root → context →
    /// PASID directory → PASID table entry → second-stage walk, pass-through, or first-stage walk (x86-64
    /// 4-level paging, user privilege). A legacy-mode unit faults 0x31. Allocation-free.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Root, context, PASID directory and PASID table faults are the scalable-mode reasons (0x38–0x5B).
    /// The second-stage walk of a PASID bound to a domain reports the reasons of <see cref="Translate"/>
    /// (0x04–0x07, 0x0C), as the policy engine does. The first-stage walk reports 0x70 (input address not
    /// canonical), 0x60 (entry unreadable), 0x61 (entry not present), 0x62 (PS in a PML4E, or a large
    /// page with reserved address bits 29:13 or 20:13 set), then, once the leaf is reached, 0x71 when U/S
    /// is 0 in any entry on the path and 0x75 for a write when R/W is 0 in any entry on the path (a
    /// present first-stage entry always grants read). Accessed and dirty bits are not updated: the model
    /// reads memory only.
    /// </para>
    /// <para>Faults found once the PASID table entry is read carry its domain id (DID).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pasid"/> has more than 20 bits.</exception>
    public PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access)
    {
        if (pasid > PasidTranslation.MaxPasid)
            throw new ArgumentOutOfRangeException(nameof(pasid), pasid, "A PASID has 20 bits (0 to 0xFFFFF).");
        if (!IsScalableMode) return PasidTranslation.Faulted(address, pasid, FaultReason.PasidRequestInLegacyMode);
        return TranslateScalable(_memory.Span, source, withPasid: true, pasid, address, access);
    }

    /// <summary>
    /// The scalable-mode walk. Without a PASID the request uses the context entry's RID_PASID and
    /// root and context faults take the legacy reasons (0x01, 0x02, 0x03, 0x08–0x0B), the answers of
    /// <see cref="PolicyEngine.Translate"/>; with a PASID, the scalable-mode reasons.
    /// </summary>
    private PasidTranslation TranslateScalable(ReadOnlySpan<byte> memory, SourceId source, bool withPasid, uint pasid, ulong address, DmaAccess access)
    {
        // Root entry: the low half serves devfn 0-127, the high half 128-255.
        if (!TryRead(memory, RootTableAddress, (ulong)source.Bus << 4, 16, out ReadOnlySpan<byte> rootBytes))
            return Fault(FaultReason.RootEntryReadError, FaultReason.ScalableRootEntryReadError);
        ulong rootLo = BinaryPrimitives.ReadUInt64LittleEndian(rootBytes);
        ulong rootHi = BinaryPrimitives.ReadUInt64LittleEndian(rootBytes[8..]);
        int devfn = source.RequesterId & 0xFF;
        ulong half = devfn < 128 ? rootLo : rootHi;
        if ((half & 1) == 0) return Fault(FaultReason.RootEntryNotPresent, FaultReason.ScalableRootEntryNotPresent);
        if (((rootLo | rootHi) & 0xFFEUL) != 0) return Fault(FaultReason.RootEntryReserved, FaultReason.ScalableRootEntryReserved);

        // Scalable-mode context entry: 32 bytes, 128 per table.
        if (!TryRead(memory, half & ~PageMask, (ulong)(devfn & 0x7F) << 5, 32, out ReadOnlySpan<byte> contextBytes))
            return Fault(FaultReason.ContextEntryReadError, FaultReason.ScalableContextEntryReadError);
        ulong c0 = BinaryPrimitives.ReadUInt64LittleEndian(contextBytes);
        ulong c1 = BinaryPrimitives.ReadUInt64LittleEndian(contextBytes[8..]);
        ulong c2 = BinaryPrimitives.ReadUInt64LittleEndian(contextBytes[16..]);
        ulong c3 = BinaryPrimitives.ReadUInt64LittleEndian(contextBytes[24..]);
        if ((c0 & 1) == 0) return Fault(FaultReason.ContextEntryNotPresent, FaultReason.ScalableContextEntryNotPresent);
        // Q0 bits 8:5, Q1 bits 63:21, Q2 and Q3 are reserved.
        if ((c0 & 0x1E0UL) != 0 || (c1 >> 21) != 0 || c2 != 0 || c3 != 0)
            return Fault(FaultReason.ContextEntryReserved, FaultReason.ScalableContextEntryReserved);

        if (withPasid)
        {
            if ((c0 & 0x8) == 0) return Fault(FaultReason.None, FaultReason.PasidDisabled);
        }
        else
        {
            pasid = (uint)(c1 & 0xF_FFFF); // RID_PASID
        }
        int directorySize = (int)(c0 >> 9) & 7;
        if (pasid >> (directorySize + 13) != 0) return Fault(FaultReason.ContextEntryInvalid, FaultReason.PasidBeyondContextMax);

        // PASID directory entry (8 bytes, one per 64 PASIDs), then the PASID table entry (64 bytes).
        if (!TryRead(memory, c0 & ~PageMask, (ulong)(pasid >> 6) << 3, 8, out ReadOnlySpan<byte> directoryBytes))
            return Fault(FaultReason.None, FaultReason.PasidDirectoryEntryReadError);
        ulong directory = BinaryPrimitives.ReadUInt64LittleEndian(directoryBytes);
        if ((directory & 1) == 0) return Fault(FaultReason.None, FaultReason.PasidDirectoryEntryNotPresent);
        if ((directory & 0xFFCUL) != 0) return Fault(FaultReason.None, FaultReason.PasidDirectoryEntryReserved);

        if (!TryRead(memory, directory & ~PageMask, (ulong)(pasid & 0x3F) << 6, 64, out ReadOnlySpan<byte> entryBytes))
            return Fault(FaultReason.None, FaultReason.PasidEntryReadError);
        ulong p0 = BinaryPrimitives.ReadUInt64LittleEndian(entryBytes);
        ulong p1 = BinaryPrimitives.ReadUInt64LittleEndian(entryBytes[8..]);
        ulong p2 = BinaryPrimitives.ReadUInt64LittleEndian(entryBytes[16..]);
        if ((p0 & 1) == 0) return Fault(FaultReason.None, FaultReason.PasidEntryNotPresent);
        // Q0 bits 11:10 and Q1 bits 22:16 are reserved.
        if ((p0 & 0xC00UL) != 0 || (p1 & 0x7F_0000UL) != 0) return Fault(FaultReason.None, FaultReason.PasidEntryReserved);

        ushort domainId = (ushort)p1;
        var type = (PasidTranslationType)((p0 >> 6) & 7);
        switch (type)
        {
            case PasidTranslationType.SecondStage:
            {
                int width = ((p0 >> 2) & 7) switch { 1 => 39, 2 => 48, 3 => 57, _ => 0 };
                if (!WidthSupported(width)) return Fault(FaultReason.None, FaultReason.PasidEntryInvalid, domainId);
                return PasidTranslation.FromDomain(WalkSecondLevel(memory, p0 & ~PageMask, width, address, access, domainId), pasid, type);
            }
            case PasidTranslationType.PassThrough:
                if ((Capabilities & UnitCapabilities.PassThrough) == 0) return Fault(FaultReason.None, FaultReason.PasidEntryInvalid, domainId);
                return PasidTranslation.Allowed(address, pasid, address, domainId, type);
            case PasidTranslationType.FirstStage:
                // FSPM (Q2 bits 3:2) 00: 4-level paging; this model has no 5-level first stage.
                if (((p2 >> 2) & 3) != 0) return Fault(FaultReason.None, FaultReason.PasidEntryInvalid, domainId);
                return WalkFirstStage(memory, p2 & AddressBits51To12, pasid, address, access, domainId);
            default:
                // 000 and 101-111 are reserved; 011 (nested) is not modelled.
                return Fault(FaultReason.None, FaultReason.PasidEntryInvalid, domainId);
        }

        PasidTranslation Fault(FaultReason legacy, FaultReason scalable, ushort id = 0) =>
            PasidTranslation.Faulted(address, pasid, withPasid || legacy == FaultReason.None ? scalable : legacy, id);
    }

    /// <summary>An x86-64 4-level first-stage walk for a user-privilege request, from the PML4 table at <paramref name="table"/>.</summary>
    private PasidTranslation WalkFirstStage(ReadOnlySpan<byte> memory, ulong table, uint pasid, ulong address, DmaAccess access, ushort domainId)
    {
        // Canonical for 48-bit linear addresses: bits 63:47 all equal.
        ulong top = address >> 47;
        if (top != 0 && top != 0x1_FFFF) return PasidTranslation.Faulted(address, pasid, FaultReason.NonCanonicalAddress, domainId, PasidTranslationType.FirstStage);

        bool user = true;
        bool writable = true;
        for (int level = 4; ; level--)
        {
            int shift = 12 + 9 * (level - 1);
            if (!TryRead(memory, table, ((address >> shift) & 0x1FF) << 3, 8, out ReadOnlySpan<byte> bytes))
                return Faulted(FaultReason.FirstStageEntryReadError);
            ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if ((entry & 1) == 0) return Faulted(FaultReason.FirstStageEntryNotPresent);

            bool pageSize = level > 1 && (entry & 0x80) != 0; // in a PTE, bit 7 is PAT
            ulong pageOffsetMask = (1UL << shift) - 1;
            if (pageSize && level == 4) return Faulted(FaultReason.FirstStageEntryReserved);
            // A 1 GiB or 2 MiB page: bit 12 is PAT, bits 29:13 or 20:13 are reserved.
            if (pageSize && (entry & AddressBits51To12 & pageOffsetMask & ~0x1FFFUL) != 0) return Faulted(FaultReason.FirstStageEntryReserved);

            writable &= (entry & 2) != 0;
            user &= (entry & 4) != 0;
            if (pageSize || level == 1)
            {
                if (!user) return Faulted(FaultReason.UserAccessDenied);
                if ((access & DmaAccess.Write) != 0 && !writable) return Faulted(FaultReason.ScalableWriteDenied);
                ulong host = (entry & AddressBits51To12 & ~pageOffsetMask) | (address & pageOffsetMask);
                return PasidTranslation.Allowed(address, pasid, host, domainId, PasidTranslationType.FirstStage);
            }
            table = entry & AddressBits51To12;
        }

        PasidTranslation Faulted(FaultReason reason) =>
            PasidTranslation.Faulted(address, pasid, reason, domainId, PasidTranslationType.FirstStage);
    }
}

internal static class PasidTranslationExtensions
{
    /// <summary>A request-without-PASID answer of the same translation.</summary>
    public static DmaTranslation ToDmaTranslation(this PasidTranslation translation) => translation.IsFault
        ? DmaTranslation.Faulted(translation.Address, translation.Fault, translation.DomainId)
        : DmaTranslation.Allowed(translation.Address, translation.HostAddress, translation.DomainId);
}
