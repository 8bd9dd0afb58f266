using System;
using System.Buffers.Binary;

namespace VtdDsl;

/// <summary>
/// A software model of one VT-d remapping unit, in legacy or scalable mode (IommuModel.Scalable.cs):
/// it answers requests by reading the root, context and second-level entries (and, in scalable mode,
/// PASID directory, PASID table and first-stage entries; and interrupt-remapping entries) from
/// memory, as the hardware does, with the hardware's fault reasons. It decodes entries with its own bit
/// masks and shares no lookup code with <see cref="PolicyEngine"/>: it is the independent check
/// of compiled policies and of <see cref="DmarImage"/>. Allocation-free per request.
/// </summary>
/// <remarks>
/// Faults found after a valid context entry (0x04 and later) carry its domain id. Interrupt
/// entries must use fixed or lowest-priority delivery; other delivery modes, the posted format
/// and reserved source-validation types are reported as 0x24.
/// </remarks>
public sealed partial class IommuModel
{
    private const ulong PageMask = 0xFFFUL;
    private const ulong AddressBits51To12 = 0x000F_FFFF_FFFF_F000UL;

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ulong _memoryBase;

    /// <param name="memory">Host memory the unit can read, whose first byte lives at <paramref name="memoryBase"/>.</param>
    /// <param name="memoryBase">Host physical address of <paramref name="memory"/>[0].</param>
    /// <param name="rootTableAddress">The root-table address register (4 KiB aligned).</param>
    /// <param name="capabilities"><see cref="UnitCapabilities"/> bits: widths, superpages, pass-through.</param>
    /// <param name="interruptTableAddress">The interrupt-remapping table address (4 KiB aligned).</param>
    /// <param name="interruptEntries">Entries of the interrupt-remapping table (0 to 65536; 0: every index faults 0x21).</param>
    /// <param name="guestAddressWidth">
    /// CAP.MGAW: DMA addresses at or above 2^min(MGAW, the context entry's address width) fault 0x04;
    /// 0 for none below the address width.
    /// </param>
    public IommuModel(ReadOnlyMemory<byte> memory, ulong memoryBase, ulong rootTableAddress, byte capabilities,
        ulong interruptTableAddress = 0, int interruptEntries = 0, int guestAddressWidth = 0)
    {
        if (guestAddressWidth is < 0 or > 64)
            throw new ArgumentOutOfRangeException(nameof(guestAddressWidth), guestAddressWidth, "A guest address width is 0 (none) to 64 bits.");
        if ((rootTableAddress & PageMask) != 0)
            throw new ArgumentException($"The root-table address 0x{rootTableAddress:x} is not 4 KiB aligned.", nameof(rootTableAddress));
        if (interruptEntries is < 0 or > 65536)
            throw new ArgumentOutOfRangeException(nameof(interruptEntries), interruptEntries, "An interrupt-remapping table has 0 to 65536 entries.");
        if (interruptEntries > 0 && (interruptTableAddress & PageMask) != 0)
            throw new ArgumentException($"The interrupt-remapping table address 0x{interruptTableAddress:x} is not 4 KiB aligned.", nameof(interruptTableAddress));
        _memory = memory;
        _memoryBase = memoryBase;
        RootTableAddress = rootTableAddress;
        Capabilities = capabilities;
        InterruptTableAddress = interruptTableAddress;
        InterruptEntries = interruptEntries;
        GuestAddressWidth = guestAddressWidth;
    }

    /// <summary>The root table's host address (RTADDR_REG).</summary>
    public ulong RootTableAddress { get; }
    /// <summary>The unit's capabilities (<see cref="UnitCapabilities"/>): widths, superpages, pass-through, scalable mode.</summary>
    public byte Capabilities { get; }
    /// <summary>The interrupt-remapping table's host address (IRTA_REG).</summary>
    public ulong InterruptTableAddress { get; }
    /// <summary>Entries of the interrupt-remapping table (0: interrupt remapping off).</summary>
    public int InterruptEntries { get; }

    /// <summary>CAP.MGAW, or 0 when no guest address width below the table formats applies.</summary>
    public int GuestAddressWidth { get; }

    /// <summary>Extended interrupt mode (IRTA_REG.EIME): 32-bit x2APIC destinations in bits 63:32, else xAPIC ids in bits 47:40.</summary>
    public bool ExtendedInterruptMode => (Capabilities & UnitCapabilities.XApicInterrupts) == 0;

    /// <summary>Whether the root table is scalable-mode (<see cref="UnitCapabilities.ScalableMode"/>: RTADDR_REG.TTM = 01b).</summary>
    public bool IsScalableMode => (Capabilities & UnitCapabilities.ScalableMode) != 0;

    /// <summary>
    /// Walks root → context → second-level tables for an untranslated request without a PASID; in
    /// scalable mode root → context → PASID directory → the RID_PASID entry → its translation.
    /// </summary>
    public DmaTranslation Translate(SourceId source, ulong address, DmaAccess access)
    {
        // VT-d 3.14: requests without PASID to 0xFEEx_xxxx are interrupt requests (writes) or blocked
        // (reads), whatever the translation tables say.
        if (address >> 20 == 0xFEE)
        {
            return DmaTranslation.InterruptRange(address, access);
        }
        ReadOnlySpan<byte> memory = _memory.Span;
        if (IsScalableMode) return TranslateScalable(memory, source, withPasid: false, 0, address, access).ToDmaTranslation();

        if (!TryRead(memory, RootTableAddress, (ulong)source.Bus << 4, 16, out ReadOnlySpan<byte> rootBytes))
            return DmaTranslation.Faulted(address, FaultReason.RootEntryReadError);
        ulong rootLo = BinaryPrimitives.ReadUInt64LittleEndian(rootBytes);
        ulong rootHi = BinaryPrimitives.ReadUInt64LittleEndian(rootBytes[8..]);
        if ((rootLo & 1) == 0) return DmaTranslation.Faulted(address, FaultReason.RootEntryNotPresent);
        if ((rootLo & 0xFFEUL) != 0 || rootHi != 0) return DmaTranslation.Faulted(address, FaultReason.RootEntryReserved);

        if (!TryRead(memory, rootLo & ~PageMask, (ulong)(source.RequesterId & 0xFF) << 4, 16, out ReadOnlySpan<byte> contextBytes))
            return DmaTranslation.Faulted(address, FaultReason.ContextEntryReadError);
        ulong contextLo = BinaryPrimitives.ReadUInt64LittleEndian(contextBytes);
        ulong contextHi = BinaryPrimitives.ReadUInt64LittleEndian(contextBytes[8..]);
        if ((contextLo & 1) == 0) return DmaTranslation.Faulted(address, FaultReason.ContextEntryNotPresent);
        if ((contextLo & 0xFF0UL) != 0 || (contextHi & 0xFFFF_FFFF_FF00_0080UL) != 0)
            return DmaTranslation.Faulted(address, FaultReason.ContextEntryReserved);

        int translationType = (int)(contextLo >> 2) & 3;
        int width = (contextHi & 7) switch { 1 => 39, 2 => 48, 3 => 57, _ => 0 };
        bool passThrough = translationType == 2;
        if (translationType == 3 || !WidthSupported(width) || (passThrough && (Capabilities & UnitCapabilities.PassThrough) == 0))
            return DmaTranslation.Faulted(address, FaultReason.ContextEntryInvalid);

        ushort domainId = (ushort)(contextHi >> 8);
        if (passThrough) return DmaTranslation.Allowed(address, address, domainId);
        return WalkSecondLevel(memory, contextLo & ~PageMask, width, address, access, domainId);
    }

    /// <summary>
    /// The second-level (second-stage) walk from the top table <paramref name="table"/> of a
    /// <paramref name="width"/>-bit domain, rights checked at every level, with the legacy fault reasons.
    /// </summary>
    private DmaTranslation WalkSecondLevel(ReadOnlySpan<byte> memory, ulong table, int width, ulong address, DmaAccess access, ushort domainId)
    {
        int limit = GuestAddressWidth > 0 && GuestAddressWidth < width ? GuestAddressWidth : width;
        if (address >> limit != 0) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, domainId);

        bool needsWrite = (access & DmaAccess.Write) != 0;
        bool needsRead = (access & DmaAccess.Read) != 0;
        int level = width == 39 ? 3 : width == 48 ? 4 : 5;
        ulong granted = 3; // R and W, ANDed with every entry on the path
        while (true)
        {
            int shift = 12 + 9 * (level - 1);
            if (!TryRead(memory, table, ((address >> shift) & 0x1FF) << 3, 8, out ReadOnlySpan<byte> entryBytes))
                return DmaTranslation.Faulted(address, FaultReason.SecondLevelEntryReadError, domainId);
            ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(entryBytes);

            if ((entry & 3) == 0)
                return DmaTranslation.Faulted(address, needsWrite ? FaultReason.WriteDenied : FaultReason.ReadDenied, domainId);
            bool pageSize = (entry & 0x80) != 0;
            ulong pageOffsetMask = (1UL << shift) - 1;
            if ((entry & 0x7CUL) != 0
                || (pageSize && !SuperpageSupported(level))
                || (pageSize && (entry & AddressBits51To12 & pageOffsetMask) != 0))
            {
                return DmaTranslation.Faulted(address, FaultReason.SecondLevelEntryReserved, domainId);
            }

            granted &= entry;
            if (needsWrite && (granted & 2) == 0) return DmaTranslation.Faulted(address, FaultReason.WriteDenied, domainId);
            if (needsRead && (granted & 1) == 0) return DmaTranslation.Faulted(address, FaultReason.ReadDenied, domainId);

            if (pageSize || level == 1)
                return DmaTranslation.Allowed(address, (entry & AddressBits51To12 & ~pageOffsetMask) | (address & pageOffsetMask), domainId);
            table = entry & AddressBits51To12;
            level--;
        }
    }

    /// <summary>Looks up a remappable interrupt in the interrupt-remapping table and verifies its requester.</summary>
    public InterruptRemap RemapInterrupt(SourceId source, int index)
    {
        if ((uint)index >= (uint)InterruptEntries) return InterruptRemap.Faulted(FaultReason.InterruptIndexBeyondTable);
        if (!TryRead(_memory.Span, InterruptTableAddress, (ulong)index << 4, 16, out ReadOnlySpan<byte> bytes))
            return InterruptRemap.Faulted(FaultReason.InterruptTableReadError);
        ulong lo = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        ulong hi = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        if ((lo & 1) == 0) return InterruptRemap.Faulted(FaultReason.InterruptEntryNotPresent);

        int deliveryMode = (int)(lo >> 5) & 7;
        int validation = (int)(hi >> 18) & 3;
        // lo 14:12 and 31:24 reserved, lo 15 the posted format; hi 63:20 reserved
        if ((lo & 0xFF00_F000UL) != 0 || (hi & 0xFFFF_FFFF_FFF0_0000UL) != 0 || deliveryMode > 1 || validation == 3)
            return InterruptRemap.Faulted(FaultReason.InterruptEntryReserved);

        ushort sid = (ushort)hi;
        ushort requester = source.RequesterId;
        bool verified = validation switch
        {
            0 => true,
            1 => ((requester ^ sid) & ~IgnoredBySourceQualifier((int)(hi >> 16) & 3)) == 0,
            // bus range: SID 15:8 first bus, 7:0 last bus
            _ => source.Bus >= sid >> 8 && source.Bus <= (sid & 0xFF),
        };
        if (!verified) return InterruptRemap.Faulted(FaultReason.SourceMismatch);

        // DST: x2APIC mode bits 63:32; xAPIC mode bits 47:40 (39:32 and 63:48 reserved).
        if (!ExtendedInterruptMode && (lo & 0xFFFF_00FF_0000_0000UL) != 0)
            return InterruptRemap.Faulted(FaultReason.InterruptEntryReserved);
        return InterruptRemap.Remapped(
            (byte)(lo >> 16),
            ExtendedInterruptMode ? (uint)(lo >> 32) : (uint)(lo >> 40) & 0xFF,
            deliveryMode == 1 ? DeliveryMode.LowestPriority : DeliveryMode.Fixed,
            (lo & 0x10) != 0 ? TriggerMode.Level : TriggerMode.Edge);
    }

    /// <summary>Requester-id bits a source-id qualifier leaves out: 00 none, 01 bit 2, 10 bits 2:1, 11 bits 2:0.</summary>
    private static int IgnoredBySourceQualifier(int qualifier) => qualifier switch
    {
        0 => 0b000,
        1 => 0b100,
        2 => 0b110,
        _ => 0b111,
    };

    private bool WidthSupported(int width) => width switch
    {
        39 => (Capabilities & UnitCapabilities.Width39) != 0,
        48 => (Capabilities & UnitCapabilities.Width48) != 0,
        57 => (Capabilities & UnitCapabilities.Width57) != 0,
        _ => false,
    };

    private bool SuperpageSupported(int level) => level switch
    {
        2 => (Capabilities & UnitCapabilities.Superpage2M) != 0,
        3 => (Capabilities & UnitCapabilities.Superpage1G) != 0,
        _ => false,
    };

    /// <summary>Reads <paramref name="size"/> bytes at <paramref name="table"/> + <paramref name="offset"/>, failing when any lies outside the memory.</summary>
    private bool TryRead(ReadOnlySpan<byte> memory, ulong table, ulong offset, int size, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (table > ulong.MaxValue - offset) return false;
        return TryReadAt(memory, table + offset, size, out bytes);
    }

    private bool TryReadAt(ReadOnlySpan<byte> memory, ulong address, int size, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (address < _memoryBase) return false;
        ulong position = address - _memoryBase;
        if (position > (ulong)memory.Length || (ulong)memory.Length - position < (ulong)size) return false;
        bytes = memory.Slice((int)position, size);
        return true;
    }
}
