using VtdDsl.Compiler.Collections;

namespace VtdDsl.Compiler.Layout;

/// <summary>
/// The lookup tables of a policy as flat arrays of primitives: the single layout the generator
/// emits as constant data and the CLI hands to the runtime's PolicyEngine. Field meanings are
/// those of the runtime's <c>IPolicyTables</c>, member for member. Equatable, so it can be an
/// incremental generator pipeline value.
/// </summary>
/// <remarks>
/// <para>
/// <c>Domains</c>, <c>Windows</c> and <c>WindowTree</c> are packed records (<see cref="TableSchema.DomainRecord"/>,
/// <see cref="TableSchema.WindowRecord"/>, <see cref="TableSchema.TreeNode"/>): each domain's windows and the
/// search tree over them, every tree <c>TreeLevels</c> deep (<see cref="TableSchema.Tree"/>); docs/table-layout.md says why.
/// </para>
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
    EquatableArray<ulong> Domains,
    EquatableArray<ulong> Windows,
    EquatableArray<ulong> WindowTree,
    int TreeLevels,
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
    /// <summary>Number of domains (<see cref="Domains"/> holds <see cref="TableSchema.DomainRecord.Words"/> words each).</summary>
    public int DomainCount => Domains.Count / TableSchema.DomainRecord.Words;

    /// <summary>Number of windows (<see cref="Windows"/> holds <see cref="TableSchema.WindowRecord.Words"/> words each).</summary>
    public int WindowCount => Windows.Count / TableSchema.WindowRecord.Words;

    /// <summary>Number of window tree nodes (<see cref="WindowTree"/> holds <see cref="TableSchema.TreeNode.Words"/> words each).</summary>
    public int TreeNodeCount => WindowTree.Count / TableSchema.TreeNode.Words;
}
