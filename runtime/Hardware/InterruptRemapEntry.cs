using System;
using System.Buffers.Binary;

namespace VtdDsl.Hardware;

/// <summary>A 128-bit interrupt-remapping table entry, remappable format.</summary>
public readonly record struct InterruptRemapEntry(ulong Lo, ulong Hi)
{
    /// <summary>Bytes per entry (16).</summary>
    public const int Size = 16;

    /// <summary>Bit 0 (P): the entry is present.</summary>
    public const ulong PresentBit = 1UL << 0;
    /// <summary>Bit 1 (FPD): faults through this entry are not recorded.</summary>
    public const ulong FaultProcessingDisableBit = 1UL << 1;
    /// <summary>0: physical, 1: logical.</summary>
    public const ulong DestinationModeBit = 1UL << 2;
    /// <summary>Bit 3 (RH): redirection hint; this runtime writes 0 (deliver to the destination only).</summary>
    public const ulong RedirectionHintBit = 1UL << 3;
    /// <summary>0: edge, 1: level.</summary>
    public const ulong TriggerModeBit = 1UL << 4;
    /// <summary>Position of the delivery mode field (bits 7:5).</summary>
    public const int DeliveryModeShift = 5;
    /// <summary>bits 7:5: 000 fixed, 001 lowest priority.</summary>
    public const ulong DeliveryModeMask = 0b111UL << DeliveryModeShift;
    /// <summary>bits 11:8, available to software.</summary>
    public const ulong AvailableMask = 0xFUL << 8;
    /// <summary>bits 14:12 and 31:24 are reserved; bit 15 (IM) selects the posted format, which this runtime never writes.</summary>
    public const ulong ReservedLoMask = 0x0000_0000_FF00_7000UL;
    /// <summary>Bit 15 (IM): the posted-interrupt format, which this runtime never writes.</summary>
    public const ulong PostedModeBit = 1UL << 15;
    /// <summary>Position of the vector field (bits 23:16).</summary>
    public const int VectorShift = 16;
    /// <summary>The vector field (bits 23:16).</summary>
    public const ulong VectorMask = 0xFFUL << VectorShift;
    /// <summary>Position of the destination field (bits 63:32).</summary>
    public const int DestinationShift = 32;
    /// <summary>x2APIC mode (IRTA_REG.EIME = 1): bits 63:32 hold the 32-bit destination id.</summary>
    public const ulong DestinationMask = 0xFFFF_FFFFUL << DestinationShift;
    /// <summary>xAPIC mode (EIME = 0): bits 47:40 hold the 8-bit APIC id; 39:32 and 63:48 are reserved.</summary>
    public const int XApicDestinationShift = 40;

    /// <summary>hi bits 15:0.</summary>
    public const ulong SourceIdMask = 0xFFFFUL;
    /// <summary>Position of the source-id qualifier field (hi bits 17:16).</summary>
    public const int SourceQualifierShift = 16;
    /// <summary>hi bits 17:16: 00 compare all 16 bits of the source id.</summary>
    public const ulong SourceQualifierMask = 0b11UL << SourceQualifierShift;
    /// <summary>Position of the source validation type field (hi bits 19:18).</summary>
    public const int SourceValidationShift = 18;
    /// <summary>hi bits 19:18: 01 verify the requester with SID and SQ.</summary>
    public const ulong SourceValidationMask = 0b11UL << SourceValidationShift;
    /// <summary>SVT 01: verify the requester against SID under SQ.</summary>
    public const ulong SourceValidationRequesterId = 0b01UL << SourceValidationShift;
    /// <summary>hi bits 63:20.</summary>
    public const ulong ReservedHiMask = 0xFFFF_FFFF_FFF0_0000UL;

    /// <summary>
    /// A present entry delivering <paramref name="vector"/> to <paramref name="destination"/> in physical
    /// destination mode, verifying all 16 bits of the requester id. With <paramref name="extendedInterruptMode"/>
    /// (x2APIC) the destination is a 32-bit id in bits 63:32; without it an 8-bit xAPIC id in bits 47:40.
    /// </summary>
    public static InterruptRemapEntry Create(byte vector, uint destination, DeliveryMode mode, TriggerMode trigger, ushort sourceId,
        bool extendedInterruptMode = true)
    {
        if (!extendedInterruptMode && destination > 0xFF)
            throw new ArgumentOutOfRangeException(nameof(destination), destination, "An xAPIC destination id has 8 bits; larger ids need x2APIC mode.");
        if (mode > DeliveryMode.LowestPriority) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Delivery mode is fixed or lowest priority.");
        if (trigger > TriggerMode.Level) throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Trigger mode is edge or level.");
        ulong lo = PresentBit
            | (trigger == TriggerMode.Level ? TriggerModeBit : 0)
            | (ulong)mode << DeliveryModeShift
            | (ulong)vector << VectorShift
            | (ulong)destination << (extendedInterruptMode ? DestinationShift : XApicDestinationShift);
        ulong hi = sourceId | SourceValidationRequesterId;
        return new InterruptRemapEntry(lo, hi);
    }

    /// <summary>The present bit (P) is set.</summary>
    public bool IsPresent => (Lo & PresentBit) != 0;
    /// <summary>The vector delivered to the cpu.</summary>
    public byte Vector => (byte)(Lo >> VectorShift);
    /// <summary>The raw DST field, bits 63:32 (in xAPIC mode the APIC id is <see cref="XApicDestination"/>).</summary>
    public uint Destination => (uint)(Lo >> DestinationShift);
    /// <summary>The xAPIC destination, bits 47:40.</summary>
    public byte XApicDestination => (byte)(Lo >> XApicDestinationShift);
    /// <summary>Edge or level triggered.</summary>
    public TriggerMode Trigger => (Lo & TriggerModeBit) != 0 ? TriggerMode.Level : TriggerMode.Edge;
    /// <summary>The raw DLM field (bits 7:5).</summary>
    public int DeliveryModeField => (int)((Lo & DeliveryModeMask) >> DeliveryModeShift);
    /// <summary>The requester id the interrupt must come from (hi bits 15:0).</summary>
    public ushort SourceId => (ushort)(Hi & SourceIdMask);
    /// <summary>The SQ field: which bits of the requester id are compared (0: all 16).</summary>
    public int SourceQualifier => (int)((Hi & SourceQualifierMask) >> SourceQualifierShift);
    /// <summary>The SVT field: 0 no check, 1 requester id under SQ, 2 bus range.</summary>
    public int SourceValidationType => (int)((Hi & SourceValidationMask) >> SourceValidationShift);
    /// <summary>A reserved bit is set: the hardware would report the entry as reserved.</summary>
    public bool HasReservedBits => (Lo & (ReservedLoMask | PostedModeBit)) != 0 || (Hi & ReservedHiMask) != 0;

    /// <summary>Writes the entry as the hardware reads it (little-endian) to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hi);
    }

    /// <summary>Reads an entry as <see cref="WriteTo"/> writes it.</summary>
    public static InterruptRemapEntry ReadFrom(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));
}
