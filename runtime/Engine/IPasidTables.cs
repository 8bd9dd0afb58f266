using System;

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
public interface IPasidTables
{
    /// <summary>
    /// One per unit (or empty: no PASID data): the unit's PASID width in bits (1 to 20) when it is in
    /// scalable mode (<see cref="UnitCapabilities.ScalableMode"/>), else 0.
    /// </summary>
    ReadOnlySpan<byte> UnitPasidBits { get; }

    /// <summary>Source keys (<see cref="SourceId.Value"/>) of the devices with <c>pasid</c> lines, sorted ascending.</summary>
    ReadOnlySpan<uint> PasidOwner { get; }

    /// <summary>CSR over the binding arrays: the bindings of owner i are [PasidOwnerStart[i], PasidOwnerStart[i + 1]).</summary>
    ReadOnlySpan<int> PasidOwnerStart { get; }

    /// <summary>The PASID of each binding (1 to 2^20 − 1), ascending within an owner.</summary>
    ReadOnlySpan<uint> PasidValue { get; }

    /// <summary>Each binding's target: a domain number, or a process number when <see cref="PasidFlags"/> has <see cref="VtdDsl.PasidFlags.Process"/>.</summary>
    ReadOnlySpan<ushort> PasidTarget { get; }

    /// <summary><see cref="VtdDsl.PasidFlags"/> bits of each binding.</summary>
    ReadOnlySpan<byte> PasidFlags { get; }

    /// <summary>The domain id of each process (drawn from the same pool as domain ids).</summary>
    ReadOnlySpan<ushort> ProcessDomainId { get; }
}

/// <summary>Bits of <see cref="IPasidTables.PasidFlags"/>.</summary>
public static class PasidFlags
{
    /// <summary>The binding targets a process (first-stage translation), not a domain.</summary>
    public const byte Process = TableSchema.Pasid.Process;
}
