using System;

namespace VtdDsl;

/// <summary>
/// <see cref="IPolicyTables"/> and <see cref="IPasidTables"/> over arrays computed at run time (the
/// CLI, tests), given by name as <see cref="PolicyTableArrays"/>. The constructor validates every
/// shape (<see cref="PolicyTablesValidator"/>, <see cref="PasidTablesValidator"/>). The record tables (domains,
/// windows, window tree) are copied into memory aligned to cache lines; the other arrays are not
/// copied, so callers must not change them afterwards.
/// </summary>
public readonly struct ArrayPolicyTables : IPolicyTables, IPasidTables
{
    // The arrays themselves, not only the PolicyTableArrays holding them: a table read is then one
    // load from the struct, not two (the engine's hot path reads several tables per request).
    private readonly PolicyTableArrays? _arrays;
    private readonly uint[]? _scopeFirst;
    private readonly uint[]? _scopeLast;
    private readonly byte[]? _scopeUnit;
    private readonly ushort[]? _unitSegment;
    private readonly byte[]? _unitCapabilities;
    private readonly int[]? _unitInterruptEntries;
    private readonly int[]? _unitInterruptStart;
    private readonly ushort[]? _rootEntries;
    private readonly ushort[]? _contextEntries;
    private readonly byte[]? _contextFlags;
    private readonly AlignedTable<DomainRecord> _domains;
    private readonly AlignedTable<WindowRecord> _windows;
    private readonly AlignedTable<TreeNode> _windowTree;
    private readonly int _treeLevels;
    private readonly ushort[]? _interruptIndex;
    private readonly ushort[]? _interruptSource;
    private readonly byte[]? _interruptVector;
    private readonly uint[]? _interruptDestination;
    private readonly byte[]? _interruptFlags;
    private readonly byte[]? _unitPasidBits;
    private readonly uint[]? _pasidOwner;
    private readonly int[]? _pasidOwnerStart;
    private readonly uint[]? _pasidValue;
    private readonly ushort[]? _pasidTarget;
    private readonly byte[]? _pasidFlags;
    private readonly ushort[]? _processDomainId;

    /// <summary>Takes the arrays (see <see cref="PolicyTableArrays"/>) and validates them.</summary>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays are inconsistent; the message names the first problem.</exception>
    public ArrayPolicyTables(PolicyTableArrays arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        arrays.CheckNotNull();
        _arrays = arrays;
        _scopeFirst = arrays.ScopeFirst;
        _scopeLast = arrays.ScopeLast;
        _scopeUnit = arrays.ScopeUnit;
        _unitSegment = arrays.UnitSegment;
        _unitCapabilities = arrays.UnitCapabilities;
        _unitInterruptEntries = arrays.UnitInterruptEntries;
        _unitInterruptStart = arrays.UnitInterruptStart;
        _rootEntries = arrays.RootEntries;
        _contextEntries = arrays.ContextEntries;
        _contextFlags = arrays.ContextFlags;
        _domains = AlignedTable<DomainRecord>.CopyOf(arrays.Domains);
        _windows = AlignedTable<WindowRecord>.CopyOf(arrays.Windows);
        _windowTree = AlignedTable<TreeNode>.CopyOf(arrays.WindowTree);
        _treeLevels = arrays.TreeLevels;
        _interruptIndex = arrays.InterruptIndex;
        _interruptSource = arrays.InterruptSource;
        _interruptVector = arrays.InterruptVector;
        _interruptDestination = arrays.InterruptDestination;
        _interruptFlags = arrays.InterruptFlags;
        _unitPasidBits = arrays.UnitPasidBits;
        _pasidOwner = arrays.PasidOwner;
        _pasidOwnerStart = arrays.PasidOwnerStart;
        _pasidValue = arrays.PasidValue;
        _pasidTarget = arrays.PasidTarget;
        _pasidFlags = arrays.PasidFlags;
        _processDomainId = arrays.ProcessDomainId;
        Validate();
    }

    /// <summary>The arrays these tables read (empty for <c>default</c>).</summary>
    public PolicyTableArrays Arrays => _arrays ?? Empty;

    /// <summary>
    /// These tables with the scalable-mode arrays of <see cref="IPasidTables"/> (same names and
    /// meanings), validated against them.
    /// </summary>
    /// <exception cref="ArgumentException">The PASID arrays are inconsistent; the message names the first problem.</exception>
    public ArrayPolicyTables WithPasids(
        byte[] unitPasidBits, uint[] pasidOwner, int[] pasidOwnerStart, uint[] pasidValue, ushort[] pasidTarget, byte[] pasidFlags, ushort[] processDomainId) =>
        new(Arrays with
        {
            UnitPasidBits = unitPasidBits, PasidOwner = pasidOwner, PasidOwnerStart = pasidOwnerStart, PasidValue = pasidValue,
            PasidTarget = pasidTarget, PasidFlags = pasidFlags, ProcessDomainId = processDomainId,
        });

    /// <summary>Copies any policy's tables, PASID arrays included, into arrays.</summary>
    public static ArrayPolicyTables CopyWithPasidsFrom<T>(in T tables) where T : struct, IPolicyTables, IPasidTables =>
        new(PolicyTableArrays.CopyFrom(in tables).WithPasidsOf(in tables));

    /// <summary>Copies any policy's tables (for example a generated policy's constant data) into arrays, without PASID data.</summary>
    public static ArrayPolicyTables CopyFrom<T>(in T tables) where T : struct, IPolicyTables => new(PolicyTableArrays.CopyFrom(in tables));

    /// <summary>Re-checks the shapes (the constructor already did); throws <see cref="ArgumentException"/> on the first problem.</summary>
    public void Validate()
    {
        PolicyTablesValidator.Validate(in this);
        PasidTablesValidator.Validate(in this);
    }

    /// <summary>Whether the tables carry PASID data; without it every unit is treated as legacy-mode.</summary>
    public bool HasPasids => _unitPasidBits is { Length: > 0 };

    /// <inheritdoc/>
    public string PolicyName => _arrays?.PolicyName ?? string.Empty;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> ScopeFirst => _scopeFirst;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> ScopeLast => _scopeLast;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> ScopeUnit => _scopeUnit;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> UnitSegment => _unitSegment;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> UnitCapabilities => _unitCapabilities;
    /// <inheritdoc/>
    public ReadOnlySpan<int> UnitInterruptEntries => _unitInterruptEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<int> UnitInterruptStart => _unitInterruptStart ?? ZeroStart;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> RootEntries => _rootEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> ContextEntries => _contextEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> ContextFlags => _contextFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<DomainRecord> Domains => _domains.Span;
    /// <inheritdoc/>
    public ReadOnlySpan<WindowRecord> Windows => _windows.Span;
    /// <inheritdoc/>
    public ReadOnlySpan<TreeNode> WindowTree => _windowTree.Span;
    /// <inheritdoc/>
    public int TreeLevels => _treeLevels;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> InterruptIndex => _interruptIndex;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> InterruptSource => _interruptSource;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> InterruptVector => _interruptVector;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> InterruptDestination => _interruptDestination;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> InterruptFlags => _interruptFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> UnitPasidBits => _unitPasidBits;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> PasidOwner => _pasidOwner;
    /// <inheritdoc/>
    public ReadOnlySpan<int> PasidOwnerStart => _pasidOwnerStart ?? ZeroStart;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> PasidValue => _pasidValue;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> PasidTarget => _pasidTarget;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> PasidFlags => _pasidFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> ProcessDomainId => _processDomainId;

    // default(ArrayPolicyTables) is an empty policy: its CSR arrays still need their end marker.
    private static readonly PolicyTableArrays Empty = new() { PolicyName = string.Empty };
    private static ReadOnlySpan<int> ZeroStart => [0];
}
