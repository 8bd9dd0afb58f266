using System;
using System.Diagnostics.CodeAnalysis;

namespace VtdDsl;

public enum DeliveryMode : byte
{
    Fixed = 0,
    LowestPriority = 1,
}

public enum TriggerMode : byte
{
    Edge = 0,
    Level = 1,
}

/// <summary>The answer to one remappable interrupt request.</summary>
public readonly record struct InterruptRemap
{
    private InterruptRemap(byte vector, uint destination, DeliveryMode mode, TriggerMode trigger, FaultReason fault)
    {
        Vector = vector;
        Destination = destination;
        Mode = mode;
        Trigger = trigger;
        Fault = fault;
    }

    public byte Vector { get; }
    /// <summary>The destination cpu (x2APIC id).</summary>
    public uint Destination { get; }
    public DeliveryMode Mode { get; }
    public TriggerMode Trigger { get; }
    public FaultReason Fault { get; }
    public bool IsAllowed => Fault == FaultReason.None;

    public static InterruptRemap Remapped(byte vector, uint destination, DeliveryMode mode, TriggerMode trigger) =>
        new(vector, destination, mode, trigger, FaultReason.None);

    public static InterruptRemap Faulted(FaultReason fault)
    {
        if (fault == FaultReason.None) ThrowNoReason();
        return new(0, 0, default, default, fault);
    }

    // Out of line, so that Faulted stays small enough to inline on the engine's fault exits.
    [DoesNotReturn]
    private static void ThrowNoReason() => throw new ArgumentException("A fault needs a reason.", "fault");

    /// <summary>The `vtd interrupt` line: <c>remapped vector 0x41 cpu 2 fixed edge</c> or <c>fault 0x26 SourceMismatch</c>.</summary>
    public override string ToString() => IsAllowed
        ? $"remapped vector 0x{Vector:x2} cpu {Destination} {(Mode == DeliveryMode.Fixed ? "fixed" : "lowest-priority")} {(Trigger == TriggerMode.Edge ? "edge" : "level")}"
        : $"fault 0x{(byte)Fault:x2} {Fault}";
}
