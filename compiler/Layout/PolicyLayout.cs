using VtdDsl.Compiler.Collections;

namespace VtdDsl.Compiler.Layout;

/// <summary>
/// The lookup tables of a policy as flat arrays of primitives: the single layout the generator
/// emits as constant data and the CLI hands to the runtime's PolicyEngine. Field meanings are
/// those of the runtime's <c>IPolicyTables</c>, member for member. Equatable, so it can be an
/// incremental generator pipeline value.
/// </summary>
/// <remarks>
/// Scalable mode adds PASID bindings: <c>PasidOwner</c> lists, sorted, the source keys
/// (segment &lt;&lt; 16 | requester id) of devices with <c>pasid</c> lines; <c>PasidOwnerStart</c>
/// (CSR) gives each owner's bindings, sorted by <c>PasidValue</c>; <c>PasidTarget</c> is a domain
/// number, or a process number when <c>PasidFlags</c> has <see cref="PasidProcess"/>;
/// <c>ProcessDomainId</c> is each process's domain id.
/// </remarks>
public sealed record PolicyLayout(
    string PolicyName,
    EquatableArray<uint> ScopeFirst,
    EquatableArray<uint> ScopeLast,
    EquatableArray<byte> ScopeUnit,
    EquatableArray<ushort> UnitSegment,
    EquatableArray<byte> UnitCapabilities,
    EquatableArray<int> UnitInterruptEntries,
    EquatableArray<int> UnitInterruptStart,
    EquatableArray<ushort> RootEntries,
    EquatableArray<ushort> ContextEntries,
    EquatableArray<byte> ContextFlags,
    EquatableArray<ushort> DomainId,
    EquatableArray<byte> DomainWidth,
    EquatableArray<byte> DomainFlags,
    EquatableArray<int> DomainWindowStart,
    EquatableArray<ulong> WindowIova,
    EquatableArray<ulong> WindowLast,
    EquatableArray<ulong> WindowHost,
    EquatableArray<byte> WindowRights,
    EquatableArray<ushort> InterruptIndex,
    EquatableArray<ushort> InterruptSource,
    EquatableArray<byte> InterruptVector,
    EquatableArray<uint> InterruptDestination,
    EquatableArray<byte> InterruptFlags,
    EquatableArray<byte> UnitPasidBits,
    EquatableArray<uint> PasidOwner,
    EquatableArray<int> PasidOwnerStart,
    EquatableArray<uint> PasidValue,
    EquatableArray<ushort> PasidTarget,
    EquatableArray<byte> PasidFlags,
    EquatableArray<ushort> ProcessDomainId)
{
    // Bit values shared with the runtime (VtdDsl.UnitCapabilities and friends); the core cannot
    // reference the runtime (netstandard2.0 vs net10.0), so a test pins them equal.
    public const byte CapabilityWidth39 = 1 << 0;
    public const byte CapabilityWidth48 = 1 << 1;
    public const byte CapabilityWidth57 = 1 << 2;
    public const byte CapabilitySuperpage2M = 1 << 3;
    public const byte CapabilitySuperpage1G = 1 << 4;
    public const byte CapabilityPassThrough = 1 << 5;
    public const byte CapabilityScalableMode = 1 << 6;
    public const byte CapabilityXApicInterrupts = 1 << 7;
    public const byte ContextDeviceTlb = 1 << 0;
    public const byte DomainPassThrough = 1 << 0;
    public const byte RightRead = 1 << 0;
    public const byte RightWrite = 1 << 1;
    public const byte RightShared = 1 << 2;
    public const byte InterruptLevelTriggered = 1 << 0;
    public const byte InterruptLowestPriority = 1 << 1;
    public const byte PasidProcess = 1 << 0;
}
