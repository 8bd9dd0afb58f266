using System;
using System.Diagnostics.CodeAnalysis;

namespace VtdDsl;

/// <summary>How an interrupt picks its cpu.</summary>
public enum DeliveryMode : byte
{
    /// <summary>To the destination cpu.</summary>
    Fixed = 0,
    /// <summary>To the lowest-priority cpu among the destinations.</summary>
    LowestPriority = 1,
}

/// <summary>How the interrupt is signalled.</summary>
public enum TriggerMode : byte
{
    /// <summary>Edge triggered.</summary>
    Edge = 0,
    /// <summary>Level triggered.</summary>
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

    /// <summary>The vector delivered, when remapped.</summary>
    public byte Vector { get; }
    /// <summary>The destination cpu (x2APIC id).</summary>
    public uint Destination { get; }
    /// <summary>The delivery mode, when remapped.</summary>
    public DeliveryMode Mode { get; }
    /// <summary>The trigger mode, when remapped.</summary>
    public TriggerMode Trigger { get; }
    /// <summary>Why the interrupt faulted, or <see cref="FaultReason.None"/> when remapped.</summary>
    public FaultReason Fault { get; }
    /// <summary>The interrupt is remapped.</summary>
    public bool IsAllowed => Fault == FaultReason.None;

    /// <summary>An interrupt remapped to <paramref name="vector"/> on cpu <paramref name="destination"/>.</summary>
    public static InterruptRemap Remapped(byte vector, uint destination, DeliveryMode mode, TriggerMode trigger) =>
        new(vector, destination, mode, trigger, FaultReason.None);

    /// <summary>An interrupt that faults with <paramref name="fault"/> (never <see cref="FaultReason.None"/>).</summary>
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
