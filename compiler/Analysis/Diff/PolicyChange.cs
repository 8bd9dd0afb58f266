namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>What a change does to the access devices have.</summary>
public enum ChangeImpact
{
    /// <summary>A rename or other change with the same meaning (no change in access).</summary>
    Cosmetic,

    /// <summary>A change in meaning that neither grants nor removes access (ids, widths, vectors, capabilities).</summary>
    Changed,

    /// <summary>Less access: a window, device or interrupt removed or narrowed, a right dropped.</summary>
    LessAccess,

    /// <summary>More access without new write access: a readable window, a new interrupt, protection removed.</summary>
    MoreAccess,

    /// <summary>Some device can now write host memory it could not write before.</summary>
    GainsWrite,
}

/// <summary>The area of the policy a change belongs to; the diff report groups by it, in this order.</summary>
public enum ChangeArea
{
    Policy,
    Units,
    Domains,
    Devices,
    Windows,
    Pasids,
    Interrupts,
    ProtectedMemory,
    ReservedMemory,
    MemoryMap,
    Warnings,
}

/// <summary>What exactly changed; one kind per sentence the diff can say.</summary>
public enum ChangeKind
{
    PolicyRenamed,
    UnitAdded,
    UnitRemoved,
    UnitRenamed,
    UnitCapabilityChanged,
    DomainAdded,
    DomainRemoved,
    DomainRenamed,
    DomainIdChanged,
    DomainWidthChanged,
    DomainBecamePassthrough,
    DomainNoLongerPassthrough,
    DeviceAdded,
    DeviceRemoved,
    DeviceMoved,
    DeviceRenamed,
    DeviceViaChanged,
    DeviceAtsChanged,
    DevicePriChanged,
    WindowAdded,
    WindowRemoved,
    WindowWidened,
    WindowNarrowed,
    WindowMoved,
    WindowRetargeted,
    WindowRightsChanged,
    WindowSharedChanged,
    PasidAdded,
    PasidRemoved,
    PasidRetargeted,
    ProcessAdded,
    ProcessRemoved,
    ProcessIdChanged,
    InterruptAdded,
    InterruptRemoved,
    InterruptChanged,
    ProtectedAdded,
    ProtectedRemoved,
    ProtectedChanged,
    ProtectedRenamed,
    ReservedAdded,
    ReservedRemoved,
    ReservedChanged,
    ReservedHonourChanged,
    MemoryAdded,
    MemoryRemoved,
    MemoryChanged,
    MemoryRenamed,
    WarningAdded,
    WarningReworded,
}

/// <summary>
/// One change in meaning between two versions of a policy (or a cosmetic note). <paramref name="Subject"/>
/// names the thing changed (a domain, device, window or entry, as the new version calls it);
/// <paramref name="Detail"/> says what changed, in words for a security reviewer.
/// </summary>
public sealed record PolicyChange(ChangeArea Area, ChangeKind Kind, ChangeImpact Impact, string Subject, string Detail)
{
    public bool IsCosmetic => Impact == ChangeImpact.Cosmetic;

    public bool GainsWrite => Impact == ChangeImpact.GainsWrite;

    public override string ToString() => $"{Subject}: {Detail}";
}
