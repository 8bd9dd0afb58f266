using System;

namespace VtdDsl;

/// <summary>
/// The arrays of a policy's tables, named as the members of <see cref="IPolicyTables"/> and
/// <see cref="IPasidTables"/> (same meanings): what <see cref="ArrayPolicyTables"/> is built from.
/// Every array left out is empty (a CSR array: the single end marker 0); PASID arrays left out give
/// tables without PASID data.
/// </summary>
public sealed record PolicyTableArrays
{
    /// <summary>The dotted policy name.</summary>
    public required string PolicyName { get; init; }

    /// <summary>See <see cref="IPolicyTables.ScopeFirst"/>.</summary>
    public uint[] ScopeFirst { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.ScopeLast"/>.</summary>
    public uint[] ScopeLast { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.ScopeUnit"/>.</summary>
    public byte[] ScopeUnit { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.UnitSegment"/>.</summary>
    public ushort[] UnitSegment { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.UnitCapabilities"/>.</summary>
    public byte[] UnitCapabilities { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.UnitInterruptEntries"/>.</summary>
    public int[] UnitInterruptEntries { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.UnitInterruptStart"/>.</summary>
    public int[] UnitInterruptStart { get; init; } = [0];
    /// <summary>See <see cref="IPolicyTables.RootEntries"/>.</summary>
    public ushort[] RootEntries { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.ContextEntries"/>.</summary>
    public ushort[] ContextEntries { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.ContextFlags"/>.</summary>
    public byte[] ContextFlags { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.Domains"/>.</summary>
    public DomainRecord[] Domains { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.Windows"/>.</summary>
    public WindowRecord[] Windows { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.WindowTree"/>.</summary>
    public TreeNode[] WindowTree { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.TreeLevels"/>.</summary>
    public int TreeLevels { get; init; }
    /// <summary>See <see cref="IPolicyTables.InterruptIndex"/>.</summary>
    public ushort[] InterruptIndex { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.InterruptSource"/>.</summary>
    public ushort[] InterruptSource { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.InterruptVector"/>.</summary>
    public byte[] InterruptVector { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.InterruptDestination"/>.</summary>
    public uint[] InterruptDestination { get; init; } = [];
    /// <summary>See <see cref="IPolicyTables.InterruptFlags"/>.</summary>
    public byte[] InterruptFlags { get; init; } = [];

    /// <summary>See <see cref="IPasidTables.UnitPasidBits"/> (empty: no PASID data).</summary>
    public byte[] UnitPasidBits { get; init; } = [];
    /// <summary>See <see cref="IPasidTables.PasidOwner"/>.</summary>
    public uint[] PasidOwner { get; init; } = [];
    /// <summary>See <see cref="IPasidTables.PasidOwnerStart"/>.</summary>
    public int[] PasidOwnerStart { get; init; } = [0];
    /// <summary>See <see cref="IPasidTables.PasidValue"/>.</summary>
    public uint[] PasidValue { get; init; } = [];
    /// <summary>See <see cref="IPasidTables.PasidTarget"/>.</summary>
    public ushort[] PasidTarget { get; init; } = [];
    /// <summary>See <see cref="IPasidTables.PasidFlags"/>.</summary>
    public byte[] PasidFlags { get; init; } = [];
    /// <summary>See <see cref="IPasidTables.ProcessDomainId"/>.</summary>
    public ushort[] ProcessDomainId { get; init; } = [];

    /// <summary>Copies any policy's tables (for example a generated policy's constant data) into arrays.</summary>
    public static PolicyTableArrays CopyFrom<T>(in T tables) where T : struct, IPolicyTables => new()
    {
        PolicyName = tables.PolicyName,
        ScopeFirst = tables.ScopeFirst.ToArray(),
        ScopeLast = tables.ScopeLast.ToArray(),
        ScopeUnit = tables.ScopeUnit.ToArray(),
        UnitSegment = tables.UnitSegment.ToArray(),
        UnitCapabilities = tables.UnitCapabilities.ToArray(),
        UnitInterruptEntries = tables.UnitInterruptEntries.ToArray(),
        UnitInterruptStart = tables.UnitInterruptStart.ToArray(),
        RootEntries = tables.RootEntries.ToArray(),
        ContextEntries = tables.ContextEntries.ToArray(),
        ContextFlags = tables.ContextFlags.ToArray(),
        Domains = tables.Domains.ToArray(),
        Windows = tables.Windows.ToArray(),
        WindowTree = tables.WindowTree.ToArray(),
        TreeLevels = tables.TreeLevels,
        InterruptIndex = tables.InterruptIndex.ToArray(),
        InterruptSource = tables.InterruptSource.ToArray(),
        InterruptVector = tables.InterruptVector.ToArray(),
        InterruptDestination = tables.InterruptDestination.ToArray(),
        InterruptFlags = tables.InterruptFlags.ToArray(),
    };

    /// <summary>These arrays with the PASID arrays of <paramref name="tables"/> copied in.</summary>
    public PolicyTableArrays WithPasidsOf<T>(in T tables) where T : struct, IPasidTables => this with
    {
        UnitPasidBits = tables.UnitPasidBits.ToArray(),
        PasidOwner = tables.PasidOwner.ToArray(),
        PasidOwnerStart = tables.PasidOwnerStart.ToArray(),
        PasidValue = tables.PasidValue.ToArray(),
        PasidTarget = tables.PasidTarget.ToArray(),
        PasidFlags = tables.PasidFlags.ToArray(),
        ProcessDomainId = tables.ProcessDomainId.ToArray(),
    };

    internal void CheckNotNull()
    {
        NotNull(PolicyName, nameof(PolicyName));
        NotNull(ScopeFirst, nameof(ScopeFirst)); NotNull(ScopeLast, nameof(ScopeLast)); NotNull(ScopeUnit, nameof(ScopeUnit));
        NotNull(UnitSegment, nameof(UnitSegment)); NotNull(UnitCapabilities, nameof(UnitCapabilities));
        NotNull(UnitInterruptEntries, nameof(UnitInterruptEntries)); NotNull(UnitInterruptStart, nameof(UnitInterruptStart));
        NotNull(RootEntries, nameof(RootEntries)); NotNull(ContextEntries, nameof(ContextEntries)); NotNull(ContextFlags, nameof(ContextFlags));
        NotNull(Domains, nameof(Domains)); NotNull(Windows, nameof(Windows)); NotNull(WindowTree, nameof(WindowTree));
        NotNull(InterruptIndex, nameof(InterruptIndex)); NotNull(InterruptSource, nameof(InterruptSource));
        NotNull(InterruptVector, nameof(InterruptVector)); NotNull(InterruptDestination, nameof(InterruptDestination)); NotNull(InterruptFlags, nameof(InterruptFlags));
        NotNull(UnitPasidBits, nameof(UnitPasidBits)); NotNull(PasidOwner, nameof(PasidOwner)); NotNull(PasidOwnerStart, nameof(PasidOwnerStart));
        NotNull(PasidValue, nameof(PasidValue)); NotNull(PasidTarget, nameof(PasidTarget)); NotNull(PasidFlags, nameof(PasidFlags));
        NotNull(ProcessDomainId, nameof(ProcessDomainId));
    }

    private static void NotNull(object? value, string name)
    {
        if (value is null) throw new ArgumentNullException(name);
    }
}
