namespace VtdDsl;

/// <summary>
/// The scalable-mode tables of a policy (PASID bindings and process domain ids), beside its
/// <see cref="IPolicyTables"/>. A separate interface so policies compiled before scalable mode keep
/// compiling; a table struct implementing both gets <see cref="PolicyEngine.TranslateWithPasid"/>,
/// and <see cref="DmarImage"/> writes scalable-mode structures for its scalable-mode units.
/// Member names and meanings are those of the compiler core's <c>PolicyLayout</c>.
/// </summary>
/// <remarks>
/// <para>
/// Tables without PASID data (<see cref="UnitPasidBits"/> empty, as in <see cref="ArrayPolicyTables"/>
/// built without them) describe a policy whose units are all treated as legacy-mode: the image
/// writer writes them exactly as before scalable mode, and every request with a PASID faults 0x31.
/// </para>
/// <para>
/// Processes are numbered from 0 in declaration order; PASID bindings of one device are a CSR slice
/// of the binding arrays. A device with <c>pasid</c> lines is an "owner".
/// </para>
/// </remarks>
public partial interface IPasidTables
{
    // Its members are declared in compiler/Layout/TableColumns.txt and generated (IPasidTables.g.cs)
    // in its order, with its summaries.
}

/// <summary>Bits of <see cref="IPasidTables.PasidFlags"/>.</summary>
public static class PasidFlags
{
    /// <summary>The binding targets a process (first-stage translation), not a domain.</summary>
    public const byte Process = TableSchema.Pasid.Process;
}
