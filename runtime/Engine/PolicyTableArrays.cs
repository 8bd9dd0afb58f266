using System;

namespace VtdDsl;

/// <summary>
/// The arrays of a policy's tables, named as the members of <see cref="IPolicyTables"/> and
/// <see cref="IPasidTables"/> (same meanings): what <see cref="ArrayPolicyTables"/> is built from.
/// Every array left out is empty (a CSR array: the single end marker 0); PASID arrays left out give
/// tables without PASID data.
/// </summary>
public sealed partial record PolicyTableArrays
{
    /// <summary>The dotted policy name.</summary>
    public required string PolicyName { get; init; }

    // The arrays, one a column, are declared in compiler/Layout/TableColumns.txt and generated
    // (PolicyTableArrays.Columns.g.cs), after the name and in the interfaces' order.

    /// <summary>Copies any policy's tables (for example a generated policy's constant data) into arrays.</summary>
    public static PolicyTableArrays CopyFrom<T>(in T tables) where T : struct, IPolicyTables =>
        new PolicyTableArrays { PolicyName = tables.PolicyName }.WithIPolicyTablesColumnsOf(in tables);

    /// <summary>These arrays with the PASID arrays of <paramref name="tables"/> copied in.</summary>
    public PolicyTableArrays WithPasidsOf<T>(in T tables) where T : struct, IPasidTables => WithIPasidTablesColumnsOf(in tables);

    internal void CheckNotNull()
    {
        if (PolicyName is null) throw new ArgumentNullException(nameof(PolicyName));
        CheckColumnsNotNull();
    }
}
