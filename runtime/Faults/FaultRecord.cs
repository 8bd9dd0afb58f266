using System;
using System.Buffers.Binary;

namespace VtdDsl;

/// <summary>
/// One recorded fault: a DMA request that was not allowed, or an interrupt that was not remapped.
/// </summary>
public readonly record struct FaultRecord
{
    private readonly ulong _address;
    private readonly uint _source;

    private FaultRecord(SourceId source, ulong address, FaultReason reason, DmaAccess access, bool isInterrupt)
    {
        _source = source.Value;
        _address = address;
        Reason = reason;
        Access = access;
        IsInterrupt = isInterrupt;
    }

    /// <summary>A DMA fault at <paramref name="address"/> of a request needing <paramref name="access"/>.</summary>
    public static FaultRecord ForDma(SourceId source, ulong address, DmaAccess access, FaultReason reason)
    {
        if (reason == FaultReason.None) throw new ArgumentException("A fault needs a reason.", nameof(reason));
        return new FaultRecord(source, address, reason, access, isInterrupt: false);
    }

    /// <summary>An interrupt-remapping fault of the interrupt at table <paramref name="index"/>.</summary>
    public static FaultRecord ForInterrupt(SourceId source, int index, FaultReason reason)
    {
        if (reason == FaultReason.None) throw new ArgumentException("A fault needs a reason.", nameof(reason));
        // MSIs are memory writes; the index is kept as the 16 bits hardware records.
        return new FaultRecord(source, (ushort)index, reason, DmaAccess.Write, isInterrupt: true);
    }

    /// <summary>The requester that faulted.</summary>
    public SourceId Source => SourceId.FromRequesterId((ushort)(_source >> 16), (ushort)_source);
    /// <summary>Why it faulted.</summary>
    public FaultReason Reason { get; }
    /// <summary>The access the faulting request needed (<see cref="DmaAccess.Write"/> for interrupts).</summary>
    public DmaAccess Access { get; }
    /// <summary>An interrupt-remapping fault (else a DMA fault).</summary>
    public bool IsInterrupt { get; }
    /// <summary>The faulting DMA address (0 for interrupt faults).</summary>
    public ulong Address => IsInterrupt ? 0 : _address;
    /// <summary>The interrupt-remapping table index (−1 for DMA faults).</summary>
    public int InterruptIndex => IsInterrupt ? (int)_address : -1;

    /// <summary>The 128-bit fault recording register for this fault (<see cref="FaultRecordingRegister"/>).</summary>
    public (ulong Lo, ulong Hi) ToRegister() => FaultRecordingRegister.Encode(this);

    /// <summary><c>0000:03:00.0 Write 0x1000 fault 0x05 WriteDenied</c>, or <c>... interrupt 3 fault 0x22 ...</c>.</summary>
    public override string ToString() => IsInterrupt
        ? $"{Source} interrupt {InterruptIndex} fault 0x{(byte)Reason:x2} {Reason}"
        : $"{Source} {Access} 0x{Address:x} fault 0x{(byte)Reason:x2} {Reason}";
}

/// <summary>The VT-d 128-bit fault recording register (FRCD), as a log of faults reports them.</summary>
public static class FaultRecordingRegister
{
    /// <summary>Bytes of one register (128 bits).</summary>
    public const int Size = 16;

    /// <summary>lo bits 63:12: the faulting page address (the FI field).</summary>
    public const ulong FaultInfoMask = 0xFFFF_FFFF_FFFF_F000UL;
    /// <summary>For interrupt faults VT-d puts the interrupt index in FI bits 63:48.</summary>
    public const int InterruptIndexShift = 48;
    /// <summary>hi bits 15:0: the requester id.</summary>
    public const ulong SourceIdMask = 0xFFFFUL;
    /// <summary>Position of the fault reason field (hi bits 39:32).</summary>
    public const int FaultReasonShift = 32;
    /// <summary>hi bits 39:32.</summary>
    public const ulong FaultReasonMask = 0xFFUL << FaultReasonShift;
    /// <summary>hi bit 62: 1 read (or AtomicOp), 0 write.</summary>
    public const ulong TypeReadBit = 1UL << 62;
    /// <summary>hi bit 63: the register holds a fault.</summary>
    public const ulong FaultBit = 1UL << 63;

    /// <summary>
    /// Encodes a fault. DMA faults record the page address and the request type: a request needing
    /// read (a read, or a read-and-write AtomicOp) is a read, a pure write a write. Interrupt faults
    /// record the index in lo bits 63:48 and are writes.
    /// </summary>
    public static (ulong Lo, ulong Hi) Encode(in FaultRecord record)
    {
        ulong lo = record.IsInterrupt
            ? (ulong)(ushort)record.InterruptIndex << InterruptIndexShift
            : record.Address & FaultInfoMask;
        ulong hi = record.Source.RequesterId
            | (ulong)(byte)record.Reason << FaultReasonShift
            | (!record.IsInterrupt && (record.Access & DmaAccess.Read) != 0 ? TypeReadBit : 0)
            | FaultBit;
        return (lo, hi);
    }

    /// <summary>Writes the register little-endian into 16 bytes.</summary>
    public static void Write(in FaultRecord record, Span<byte> destination)
    {
        var (lo, hi) = Encode(record);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], hi);
    }

    /// <summary>Interrupt-remapping faults are 0x20–0x2F; DMA faults are below (legacy) or from 0x30 (scalable mode).</summary>
    public static bool IsInterruptReason(FaultReason reason) => (byte)reason is >= 0x20 and <= 0x2F;

    /// <summary>
    /// Decodes a register of the unit serving <paramref name="segment"/>. The DMA address comes back
    /// as its page address, and an access as <see cref="DmaAccess.Read"/> or <see cref="DmaAccess.Write"/>.
    /// </summary>
    public static FaultRecord Decode(ulong lo, ulong hi, ushort segment = 0)
    {
        if ((hi & FaultBit) == 0) throw new ArgumentException("The register does not hold a fault (F, bit 127, is clear).", nameof(hi));
        var source = SourceId.FromRequesterId(segment, (ushort)(hi & SourceIdMask));
        var reason = (FaultReason)(byte)((hi & FaultReasonMask) >> FaultReasonShift);
        if (reason == FaultReason.None) throw new ArgumentException("The register holds fault reason 0.", nameof(hi));
        return IsInterruptReason(reason)
            ? FaultRecord.ForInterrupt(source, (ushort)(lo >> InterruptIndexShift), reason)
            : FaultRecord.ForDma(source, lo & FaultInfoMask, (hi & TypeReadBit) != 0 ? DmaAccess.Read : DmaAccess.Write, reason);
    }
}
