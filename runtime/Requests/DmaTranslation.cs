using System;
using System.Diagnostics.CodeAnalysis;

namespace VtdDsl;

/// <summary>
/// The answer to one DMA request: allowed with a host address and domain, a fault, or (for a write
/// without PASID to the interrupt address range) an interrupt request, which DMA remapping does not
/// translate: it goes to interrupt remapping.
/// </summary>
public readonly record struct DmaTranslation
{
    private DmaTranslation(ulong address, ulong hostAddress, ushort domainId, FaultReason fault, bool isInterruptRequest = false)
    {
        Address = address;
        HostAddress = hostAddress;
        DomainId = domainId;
        Fault = fault;
        IsInterruptRequest = isInterruptRequest;
    }

    /// <summary>First address of the interrupt address range (0xFEEx_xxxx).</summary>
    public const ulong InterruptRangeFirst = 0xFEE0_0000;

    /// <summary>Last address of the interrupt address range.</summary>
    public const ulong InterruptRangeLast = 0xFEEF_FFFF;

    /// <summary>Whether an address is in the interrupt address range: one compare (0xFEEx_xxxx).</summary>
    public static bool IsInInterruptRange(ulong address) => address >> 20 == InterruptRangeFirst >> 20;

    /// <summary>
    /// What the IOMMU does with a request without PASID to the interrupt address range: a write is an
    /// interrupt request (not translated); anything that reads is blocked with fault 0x0E.
    /// </summary>
    public static DmaTranslation InterruptRange(ulong address, DmaAccess access) =>
        (access & DmaAccess.Read) != 0
            ? new(address, 0, 0, FaultReason.InterruptAddressRange)
            : new(address, 0, 0, FaultReason.None, isInterruptRequest: true);

    /// <summary>The DMA address asked about (for a fault: the faulting address).</summary>
    public ulong Address { get; }
    /// <summary>The host physical address, when allowed; else 0.</summary>
    public ulong HostAddress { get; }
    /// <summary>The domain id of the device's domain; 0 when no domain was found.</summary>
    public ushort DomainId { get; }
    /// <summary>Why the request faulted, or <see cref="FaultReason.None"/> when allowed.</summary>
    public FaultReason Fault { get; }

    /// <summary>A write to the interrupt address range: an interrupt request, neither translated nor faulted.</summary>
    public bool IsInterruptRequest { get; }

    /// <summary>A DMA request translated to <see cref="HostAddress"/>.</summary>
    public bool IsAllowed => Fault == FaultReason.None && !IsInterruptRequest;

    /// <summary>The faulting address, or 0 when there is no fault.</summary>
    public ulong FaultAddress => Fault == FaultReason.None ? 0 : Address;

    /// <summary>An allowed request of <paramref name="address"/>, translated to <paramref name="hostAddress"/> in domain <paramref name="domainId"/>.</summary>
    public static DmaTranslation Allowed(ulong address, ulong hostAddress, ushort domainId) => new(address, hostAddress, domainId, FaultReason.None);

    /// <summary>A request of <paramref name="address"/> that faults with <paramref name="fault"/> (never <see cref="FaultReason.None"/>).</summary>
    public static DmaTranslation Faulted(ulong address, FaultReason fault, ushort domainId = 0)
    {
        if (fault == FaultReason.None) ThrowNoReason();
        return new(address, 0, domainId, fault);
    }

    /// <summary>
    /// The answer of a table lookup whose parts were computed without branches: allowed when
    /// <paramref name="fault"/> is <see cref="FaultReason.None"/>, and then only; <paramref name="hostAddress"/>
    /// is 0 for a fault.
    /// </summary>
    internal static DmaTranslation FromLookup(ulong address, ulong hostAddress, ushort domainId, FaultReason fault) =>
        new(address, hostAddress, domainId, fault);

    // Out of line, so that Faulted stays small enough to inline on the engine's fault exits.
    [DoesNotReturn]
    private static void ThrowNoReason() => throw new ArgumentException("A fault needs a reason.", "fault");

    /// <summary>The `vtd translate` line: <c>allowed 0x100001000 domain 2</c>, <c>interrupt-request</c> or <c>fault 0x06 ReadDenied</c>.</summary>
    public override string ToString() => IsAllowed
        ? $"allowed 0x{HostAddress:x} domain {DomainId}"
        : IsInterruptRequest ? "interrupt-request" : $"fault 0x{(byte)Fault:x2} {Fault}";
}
