using System;
using System.Diagnostics.CodeAnalysis;

namespace VtdDsl;

/// <summary>The answer to one DMA request: allowed with a host address and domain, or a fault.</summary>
public readonly record struct DmaTranslation
{
    private DmaTranslation(ulong address, ulong hostAddress, ushort domainId, FaultReason fault)
    {
        Address = address;
        HostAddress = hostAddress;
        DomainId = domainId;
        Fault = fault;
    }

    /// <summary>The DMA address asked about (for a fault: the faulting address).</summary>
    public ulong Address { get; }
    public ulong HostAddress { get; }
    public ushort DomainId { get; }
    public FaultReason Fault { get; }
    public bool IsAllowed => Fault == FaultReason.None;

    /// <summary>The faulting address, or 0 when allowed.</summary>
    public ulong FaultAddress => IsAllowed ? 0 : Address;

    public static DmaTranslation Allowed(ulong address, ulong hostAddress, ushort domainId) => new(address, hostAddress, domainId, FaultReason.None);

    public static DmaTranslation Faulted(ulong address, FaultReason fault, ushort domainId = 0)
    {
        if (fault == FaultReason.None) ThrowNoReason();
        return new(address, 0, domainId, fault);
    }

    // Out of line, so that Faulted stays small enough to inline on the engine's fault exits.
    [DoesNotReturn]
    private static void ThrowNoReason() => throw new ArgumentException("A fault needs a reason.", "fault");

    /// <summary>The `vtd translate` line: <c>allowed 0x100001000 domain 2</c> or <c>fault 0x06 ReadDenied</c>.</summary>
    public override string ToString() => IsAllowed
        ? $"allowed 0x{HostAddress:x} domain {DomainId}"
        : $"fault 0x{(byte)Fault:x2} {Fault}";
}
