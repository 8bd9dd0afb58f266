using System;

namespace VtdDsl;

/// <summary>
/// <see cref="IPolicyTables"/> and <see cref="IPasidTables"/> over arrays computed at run time (the
/// CLI, tests), given by name as <see cref="PolicyTableArrays"/>. The constructor validates every
/// shape (<see cref="PolicyTablesValidator"/>, <see cref="PasidTablesValidator"/>); the arrays are not
/// copied, so callers must not change them afterwards.
/// </summary>
public readonly struct ArrayPolicyTables : IPolicyTables, IPasidTables
{
    private readonly PolicyTableArrays? _arrays;

    /// <summary>Takes the arrays (see <see cref="PolicyTableArrays"/>) and validates them.</summary>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays are inconsistent; the message names the first problem.</exception>
    public ArrayPolicyTables(PolicyTableArrays arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        arrays.CheckNotNull();
        _arrays = arrays;
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
    public bool HasPasids => Arrays.UnitPasidBits.Length > 0;

    /// <inheritdoc/>
    public string PolicyName => Arrays.PolicyName;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> ScopeFirst => Arrays.ScopeFirst;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> ScopeLast => Arrays.ScopeLast;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> ScopeUnit => Arrays.ScopeUnit;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> UnitSegment => Arrays.UnitSegment;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> UnitCapabilities => Arrays.UnitCapabilities;
    /// <inheritdoc/>
    public ReadOnlySpan<int> UnitInterruptEntries => Arrays.UnitInterruptEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<int> UnitInterruptStart => Arrays.UnitInterruptStart;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> RootEntries => Arrays.RootEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> ContextEntries => Arrays.ContextEntries;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> ContextFlags => Arrays.ContextFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<DomainRecord> Domains => Arrays.Domains;
    /// <inheritdoc/>
    public ReadOnlySpan<WindowRecord> Windows => Arrays.Windows;
    /// <inheritdoc/>
    public ReadOnlySpan<int> WindowBuckets => Arrays.WindowBuckets;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> InterruptIndex => Arrays.InterruptIndex;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> InterruptSource => Arrays.InterruptSource;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> InterruptVector => Arrays.InterruptVector;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> InterruptDestination => Arrays.InterruptDestination;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> InterruptFlags => Arrays.InterruptFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> UnitPasidBits => Arrays.UnitPasidBits;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> PasidOwner => Arrays.PasidOwner;
    /// <inheritdoc/>
    public ReadOnlySpan<int> PasidOwnerStart => Arrays.PasidOwnerStart;
    /// <inheritdoc/>
    public ReadOnlySpan<uint> PasidValue => Arrays.PasidValue;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> PasidTarget => Arrays.PasidTarget;
    /// <inheritdoc/>
    public ReadOnlySpan<byte> PasidFlags => Arrays.PasidFlags;
    /// <inheritdoc/>
    public ReadOnlySpan<ushort> ProcessDomainId => Arrays.ProcessDomainId;

    // default(ArrayPolicyTables) is an empty policy.
    private static readonly PolicyTableArrays Empty = new() { PolicyName = string.Empty };
}
