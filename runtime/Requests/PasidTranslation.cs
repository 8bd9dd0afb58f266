using System;

namespace VtdDsl;

/// <summary>
/// The translation a request takes, as a PASID table entry selects it. The values are the PGTT
/// (PASID granular translation type) encodings of a scalable-mode PASID table entry.
/// </summary>
public enum PasidTranslationType : byte
{
    /// <summary>No translation was selected (the request faulted before a PASID table entry).</summary>
    None = 0b000,
    /// <summary>001: first-stage only, through a process's own page tables (shared virtual memory).</summary>
    FirstStage = 0b001,
    /// <summary>010: second-stage only, through a domain's second-stage tables.</summary>
    SecondStage = 0b010,
    /// <summary>100: pass-through, DMA addresses are host addresses.</summary>
    PassThrough = 0b100,
}

/// <summary>
/// The answer to one DMA request tagged with a PASID (<see cref="PolicyEngine.TranslateWithPasid"/>,
/// <see cref="IommuModel.TranslateWithPasid"/>): a fault; or the translation type the PASID selects
/// with its domain id and, where known, the host address.
/// </summary>
/// <remarks>
/// For a PASID bound to a domain the answer is what <see cref="PolicyEngine.Translate"/> answers for
/// that domain. For a PASID bound to a process the policy engine cannot know the host address (it is
/// in the process's page tables, bound at run time): it answers <see cref="IsFirstStage"/> with the
/// <see cref="Process"/> number and its domain id, and <see cref="HasHostAddress"/> is false. The
/// IOMMU model walks the bound first-stage tables and answers the host address (it does not know
/// process numbers: <see cref="Process"/> is −1).
/// </remarks>
public readonly record struct PasidTranslation
{
    /// <summary>The largest PASID (20 bits).</summary>
    public const uint MaxPasid = (1U << 20) - 1;

    private readonly int _processPlusOne;
    private readonly bool _hasHostAddress;

    private PasidTranslation(ulong address, uint pasid, ulong hostAddress, bool hasHostAddress, ushort domainId,
        FaultReason fault, PasidTranslationType type, int process)
    {
        Address = address;
        Pasid = pasid;
        HostAddress = hostAddress;
        _hasHostAddress = hasHostAddress;
        DomainId = domainId;
        Fault = fault;
        Type = type;
        _processPlusOne = process + 1;
    }

    /// <summary>The DMA address asked about (for a fault: the faulting address).</summary>
    public ulong Address { get; }
    /// <summary>The PASID the request carried.</summary>
    public uint Pasid { get; }
    /// <summary>The host physical address, when <see cref="HasHostAddress"/>; else 0.</summary>
    public ulong HostAddress { get; }
    /// <summary>The domain id the translation (or, after a PASID table entry was found, the fault) belongs to; 0 when none.</summary>
    public ushort DomainId { get; }
    /// <summary>Why the request faulted, or <see cref="FaultReason.None"/>.</summary>
    public FaultReason Fault { get; }
    /// <summary>The translation the PASID selects (first-stage, second-stage, pass-through), when known.</summary>
    public PasidTranslationType Type { get; }
    /// <summary>The process number (declaration order) a first-stage PASID selects, or −1 (not a process, or not known).</summary>
    public int Process => _processPlusOne - 1;

    /// <summary>The request faulted.</summary>
    public bool IsFault => Fault != FaultReason.None;
    /// <summary>Whether <see cref="HostAddress"/> is the translation's result.</summary>
    public bool HasHostAddress => _hasHostAddress;
    /// <summary>The access is allowed and its host address known.</summary>
    public bool IsAllowed => Fault == FaultReason.None && _hasHostAddress;
    /// <summary>The PASID selects first-stage translation (a process's page tables).</summary>
    public bool IsFirstStage => Type == PasidTranslationType.FirstStage;

    /// <summary>The faulting address, or 0 when there is no fault.</summary>
    public ulong FaultAddress => IsFault ? Address : 0;

    /// <summary>An allowed second-stage or pass-through translation (or a first-stage one whose tables were walked).</summary>
    public static PasidTranslation Allowed(ulong address, uint pasid, ulong hostAddress, ushort domainId, PasidTranslationType type)
    {
        if (type == PasidTranslationType.None) throw new ArgumentException("An allowed translation has a translation type.", nameof(type));
        return new(address, pasid, hostAddress, true, domainId, FaultReason.None, type, -1);
    }

    /// <summary>The policy engine's answer for a process PASID: first-stage through process <paramref name="process"/>'s tables.</summary>
    public static PasidTranslation FirstStage(ulong address, uint pasid, int process, ushort domainId)
    {
        if (process < 0) throw new ArgumentOutOfRangeException(nameof(process), process, "A process number is 0 or more.");
        return new(address, pasid, 0, false, domainId, FaultReason.None, PasidTranslationType.FirstStage, process);
    }

    /// <summary>A request that faults with <paramref name="fault"/> (never <see cref="FaultReason.None"/>).</summary>
    public static PasidTranslation Faulted(ulong address, uint pasid, FaultReason fault, ushort domainId = 0,
        PasidTranslationType type = PasidTranslationType.None)
    {
        if (fault == FaultReason.None) throw new ArgumentException("A fault needs a reason.", nameof(fault));
        return new(address, pasid, 0, false, domainId, fault, type, -1);
    }

    /// <summary>A PASID answer from a request-without-PASID style answer for the domain a PASID selected.</summary>
    public static PasidTranslation FromDomain(DmaTranslation translation, uint pasid, PasidTranslationType type) => translation.IsAllowed
        ? new(translation.Address, pasid, translation.HostAddress, true, translation.DomainId, FaultReason.None, type, -1)
        : new(translation.Address, pasid, 0, false, translation.DomainId, translation.Fault, type, -1);

    /// <summary>
    /// The `vtd translate` line: <c>allowed 0x100001000 domain 10</c> (second stage or pass-through),
    /// <c>allowed 0x5000 domain 5 first-stage</c> (a walked first-stage translation),
    /// <c>process 0 domain 5 first-stage</c> (see <see cref="ToString(string?)"/> for the name), or
    /// <c>fault 0x59 PasidEntryNotPresent</c>.
    /// </summary>
    public override string ToString() => ToString(null);

    /// <summary>As <see cref="ToString()"/>, naming the process <paramref name="processName"/>: <c>process render domain 5 first-stage</c>.</summary>
    public string ToString(string? processName)
    {
        if (IsFault) return $"fault 0x{(byte)Fault:x2} {Fault}";
        if (!_hasHostAddress) return $"process {processName ?? Process.ToString(System.Globalization.CultureInfo.InvariantCulture)} domain {DomainId} first-stage";
        return IsFirstStage
            ? $"allowed 0x{HostAddress:x} domain {DomainId} first-stage"
            : $"allowed 0x{HostAddress:x} domain {DomainId}";
    }
}
