using System;

namespace VtdDsl;

/// <summary>
/// <see cref="IPolicyTables"/> and <see cref="IPasidTables"/> over arrays computed at run time (the
/// CLI, tests). The constructor validates every shape (<see cref="PolicyTablesValidator"/>); the
/// arrays are not copied, so callers must not change them afterwards.
/// </summary>
/// <remarks>
/// The constructor gives tables without PASID data (every unit treated as legacy-mode);
/// <see cref="WithPasids"/> adds the scalable-mode arrays (validated by <see cref="PasidTablesValidator"/>).
/// </remarks>
public readonly struct ArrayPolicyTables : IPolicyTables, IPasidTables
{
    private readonly string? _policyName;
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
    private readonly ushort[]? _domainId;
    private readonly byte[]? _domainWidth;
    private readonly byte[]? _domainFlags;
    private readonly int[]? _domainWindowStart;
    private readonly ulong[]? _windowIova;
    private readonly ulong[]? _windowLast;
    private readonly ulong[]? _windowHost;
    private readonly byte[]? _windowRights;
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

    /// <summary>Takes every array of <see cref="IPolicyTables"/> (same names and meanings) and validates them.</summary>
    /// <exception cref="ArgumentException">The arrays are inconsistent; the message names the first problem.</exception>
    public ArrayPolicyTables(
        string policyName,
        uint[] scopeFirst, uint[] scopeLast, byte[] scopeUnit,
        ushort[] unitSegment, byte[] unitCapabilities, int[] unitInterruptEntries, int[] unitInterruptStart,
        ushort[] rootEntries, ushort[] contextEntries, byte[] contextFlags,
        ushort[] domainId, byte[] domainWidth, byte[] domainFlags, int[] domainWindowStart,
        ulong[] windowIova, ulong[] windowLast, ulong[] windowHost, byte[] windowRights,
        ushort[] interruptIndex, ushort[] interruptSource, byte[] interruptVector, uint[] interruptDestination, byte[] interruptFlags)
    {
        _policyName = policyName ?? throw new ArgumentNullException(nameof(policyName));
        _scopeFirst = NotNull(scopeFirst, nameof(scopeFirst));
        _scopeLast = NotNull(scopeLast, nameof(scopeLast));
        _scopeUnit = NotNull(scopeUnit, nameof(scopeUnit));
        _unitSegment = NotNull(unitSegment, nameof(unitSegment));
        _unitCapabilities = NotNull(unitCapabilities, nameof(unitCapabilities));
        _unitInterruptEntries = NotNull(unitInterruptEntries, nameof(unitInterruptEntries));
        _unitInterruptStart = NotNull(unitInterruptStart, nameof(unitInterruptStart));
        _rootEntries = NotNull(rootEntries, nameof(rootEntries));
        _contextEntries = NotNull(contextEntries, nameof(contextEntries));
        _contextFlags = NotNull(contextFlags, nameof(contextFlags));
        _domainId = NotNull(domainId, nameof(domainId));
        _domainWidth = NotNull(domainWidth, nameof(domainWidth));
        _domainFlags = NotNull(domainFlags, nameof(domainFlags));
        _domainWindowStart = NotNull(domainWindowStart, nameof(domainWindowStart));
        _windowIova = NotNull(windowIova, nameof(windowIova));
        _windowLast = NotNull(windowLast, nameof(windowLast));
        _windowHost = NotNull(windowHost, nameof(windowHost));
        _windowRights = NotNull(windowRights, nameof(windowRights));
        _interruptIndex = NotNull(interruptIndex, nameof(interruptIndex));
        _interruptSource = NotNull(interruptSource, nameof(interruptSource));
        _interruptVector = NotNull(interruptVector, nameof(interruptVector));
        _interruptDestination = NotNull(interruptDestination, nameof(interruptDestination));
        _interruptFlags = NotNull(interruptFlags, nameof(interruptFlags));
        Validate();
    }

    private ArrayPolicyTables(in ArrayPolicyTables tables,
        byte[] unitPasidBits, uint[] pasidOwner, int[] pasidOwnerStart, uint[] pasidValue, ushort[] pasidTarget, byte[] pasidFlags, ushort[] processDomainId)
    {
        this = tables;
        _unitPasidBits = NotNull(unitPasidBits, nameof(unitPasidBits));
        _pasidOwner = NotNull(pasidOwner, nameof(pasidOwner));
        _pasidOwnerStart = NotNull(pasidOwnerStart, nameof(pasidOwnerStart));
        _pasidValue = NotNull(pasidValue, nameof(pasidValue));
        _pasidTarget = NotNull(pasidTarget, nameof(pasidTarget));
        _pasidFlags = NotNull(pasidFlags, nameof(pasidFlags));
        _processDomainId = NotNull(processDomainId, nameof(processDomainId));
        PasidTablesValidator.Validate(in this);
    }

    /// <summary>
    /// These tables with the scalable-mode arrays of <see cref="IPasidTables"/> (same names and
    /// meanings), validated against them.
    /// </summary>
    /// <exception cref="ArgumentException">The PASID arrays are inconsistent; the message names the first problem.</exception>
    public ArrayPolicyTables WithPasids(
        byte[] unitPasidBits, uint[] pasidOwner, int[] pasidOwnerStart, uint[] pasidValue, ushort[] pasidTarget, byte[] pasidFlags, ushort[] processDomainId) =>
        new(in this, unitPasidBits, pasidOwner, pasidOwnerStart, pasidValue, pasidTarget, pasidFlags, processDomainId);

    /// <summary>Copies any policy's tables, PASID arrays included, into arrays.</summary>
    public static ArrayPolicyTables CopyWithPasidsFrom<T>(in T tables) where T : struct, IPolicyTables, IPasidTables =>
        CopyFrom(in tables).WithPasids(
            tables.UnitPasidBits.ToArray(), tables.PasidOwner.ToArray(), tables.PasidOwnerStart.ToArray(), tables.PasidValue.ToArray(),
            tables.PasidTarget.ToArray(), tables.PasidFlags.ToArray(), tables.ProcessDomainId.ToArray());

    /// <summary>Copies any policy's tables (for example a generated policy's constant data) into arrays.</summary>
    public static ArrayPolicyTables CopyFrom<T>(in T tables) where T : struct, IPolicyTables => new(
        tables.PolicyName,
        tables.ScopeFirst.ToArray(), tables.ScopeLast.ToArray(), tables.ScopeUnit.ToArray(),
        tables.UnitSegment.ToArray(), tables.UnitCapabilities.ToArray(), tables.UnitInterruptEntries.ToArray(), tables.UnitInterruptStart.ToArray(),
        tables.RootEntries.ToArray(), tables.ContextEntries.ToArray(), tables.ContextFlags.ToArray(),
        tables.DomainId.ToArray(), tables.DomainWidth.ToArray(), tables.DomainFlags.ToArray(), tables.DomainWindowStart.ToArray(),
        tables.WindowIova.ToArray(), tables.WindowLast.ToArray(), tables.WindowHost.ToArray(), tables.WindowRights.ToArray(),
        tables.InterruptIndex.ToArray(), tables.InterruptSource.ToArray(), tables.InterruptVector.ToArray(), tables.InterruptDestination.ToArray(), tables.InterruptFlags.ToArray());

    /// <summary>Re-checks the shapes (the constructor already did); throws <see cref="ArgumentException"/> on the first problem.</summary>
    public void Validate()
    {
        PolicyTablesValidator.Validate(in this);
        PasidTablesValidator.Validate(in this);
    }

    /// <summary>Whether the tables carry PASID data (<see cref="WithPasids"/>); without it every unit is treated as legacy-mode.</summary>
    public bool HasPasids => _unitPasidBits is { Length: > 0 };

    /// <inheritdoc/>
    public string PolicyName => _policyName ?? string.Empty;
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
    public ReadOnlySpan<int> UnitInterruptStart => _unitInterruptStart is null ? ZeroStart : _unitInterruptStart;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> RootEntries => _rootEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> ContextEntries => _contextEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> ContextFlags => _contextFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> DomainId => _domainId;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> DomainWidth => _domainWidth;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> DomainFlags => _domainFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<int> DomainWindowStart => _domainWindowStart is null ? ZeroStart : _domainWindowStart;
    /// <inheritdoc/>
    public ReadOnlySpan<ulong> WindowIova => _windowIova;
    /// <inheritdoc/>
    public ReadOnlySpan<ulong> WindowLast => _windowLast;
    /// <inheritdoc/>
    public ReadOnlySpan<ulong> WindowHost => _windowHost;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> WindowRights => _windowRights;
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
    public ReadOnlySpan<int> PasidOwnerStart => _pasidOwnerStart is null ? ZeroStart : _pasidOwnerStart;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> PasidValue => _pasidValue;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> PasidTarget => _pasidTarget;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> PasidFlags => _pasidFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> ProcessDomainId => _processDomainId;

    // default(ArrayPolicyTables) is an empty policy: its CSR arrays still need their end marker.
    private static ReadOnlySpan<int> ZeroStart => [0];

    private static TArray NotNull<TArray>(TArray? value, string name) where TArray : class =>
        value ?? throw new ArgumentNullException(name);
}
