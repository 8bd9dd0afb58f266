namespace VtdDsl.Compiler.Model;

public enum InterruptDeliveryMode : byte
{
    Fixed,
    LowestPriority,
}

public enum InterruptTrigger : byte
{
    Edge,
    Level,
}

/// <summary>One interrupt-remapping table entry. Index is -1 when no entry could be assigned.</summary>
public sealed record Interrupt(
    string DeviceName,
    SourceSpan DeviceSpan,
    int DeviceIndex,
    int UnitIndex,
    ulong Vector,
    SourceSpan VectorSpan,
    ulong Cpu,
    SourceSpan CpuSpan,
    int Index,
    bool IndexIsExplicit,
    SourceSpan IndexSpan,
    InterruptDeliveryMode Mode,
    InterruptTrigger Trigger,
    SourceSpan Span);
