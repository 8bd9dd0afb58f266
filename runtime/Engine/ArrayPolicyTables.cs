using System;

namespace VtdDsl;

/// <summary>
/// <see cref="IPolicyTables"/> and <see cref="IPasidTables"/> over arrays computed at run time (the
/// CLI, tests), given by name as <see cref="PolicyTableArrays"/>. The constructor validates every
/// shape (<see cref="PolicyTablesValidator"/>, <see cref="PasidTablesValidator"/>). The record tables (domains,
/// windows, window tree) are copied into memory aligned to cache lines; the other arrays are not
/// copied, so callers must not change them afterwards.
/// </summary>
// CS0282 (fields in two parts have no defined order): the order means nothing here, the struct holds
// references, so the runtime lays its fields out itself whatever the declaration order.
#pragma warning disable CS0282
public readonly partial struct ArrayPolicyTables : IPolicyTables, IPasidTables
#pragma warning restore CS0282
{
    private readonly PolicyTableArrays? _arrays;

    // Each column is also held in a field of its own, not only in the PolicyTableArrays: a table read
    // is then one load from the struct, not two (the engine's hot path reads several tables per
    // request). Those fields, the constructor assigning them and the column properties are generated
    // from compiler/Layout/TableColumns.txt (ArrayPolicyTables.Columns.g.cs).

    /// <summary>Takes the arrays (see <see cref="PolicyTableArrays"/>) and validates them.</summary>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays are inconsistent; the message names the first problem.</exception>
    public ArrayPolicyTables(PolicyTableArrays arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        arrays.CheckNotNull();
        this = new ArrayPolicyTables(arrays, Unchecked.Columns);
        _arrays = arrays;
        _domainsWithoutWindows = DomainRecord.CountWithoutWindows(arrays.Domains);
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
    public int DomainsWithoutWindows => _domainsWithoutWindows;

    private readonly int _domainsWithoutWindows;

    private static readonly PolicyTableArrays Empty = new() { PolicyName = string.Empty };
}
