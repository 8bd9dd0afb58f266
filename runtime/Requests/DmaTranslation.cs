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
    /// <summary>The host physical address, when allowed; else 0.</summary>
    public ulong HostAddress { get; }
    /// <summary>The domain id of the device's domain; 0 when no domain was found.</summary>
    public ushort DomainId { get; }
    /// <summary>Why the request faulted, or <see cref="FaultReason.None"/> when allowed.</summary>
    public FaultReason Fault { get; }
    /// <summary>The request is allowed: <see cref="HostAddress"/> is its translation.</summary>
    public bool IsAllowed => Fault == FaultReason.None;

    /// <summary>The faulting address, or 0 when allowed.</summary>
    public ulong FaultAddress => IsAllowed ? 0 : Address;

    /// <summary>An allowed request of <paramref name="address"/>, translated to <paramref name="hostAddress"/> in domain <paramref name="domainId"/>.</summary>
    public static DmaTranslation Allowed(ulong address, ulong hostAddress, ushort domainId) => new(address, hostAddress, domainId, FaultReason.None);

    /// <summary>A request of <paramref name="address"/> that faults with <paramref name="fault"/> (never <see cref="FaultReason.None"/>).</summary>
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
