using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Generator.Model;

/// <summary>
/// The cross-file part of VTD1004: the owners (first file in project order) of policy names
/// that more than one file declares. Only duplicated names are kept, so editing a file
/// without creating or removing a duplicate leaves this value equal and every other file cached.
/// </summary>
internal static class DuplicatePolicies
{
    public static PolicyClaim? ClaimOf(CompilationResult result) =>
        result.Policy is { FullName.Length: > 0 } policy ? new PolicyClaim(policy.FullName, result.FilePath, policy.NameSpan) : null;

    public static EquatableArray<PolicyClaim> Owners(ImmutableArray<PolicyClaim?> claims)
    {
        var first = new Dictionary<string, PolicyClaim>(StringComparer.Ordinal);
        var duplicated = new List<PolicyClaim>();
        foreach (var claim in claims)
        {
            if (claim is null) continue;
            if (!first.TryGetValue(claim.PolicyName, out var owner))
            {
                first.Add(claim.PolicyName, claim);
            }
            else if (!duplicated.Contains(owner))
            {
                duplicated.Add(owner);
            }
        }
        return new EquatableArray<PolicyClaim>(duplicated.ToArray());
    }

    /// <summary>
    /// Adds VTD1004 to a file whose policy name another file owns, through the core's own
    /// <see cref="VtdCompiler.ReportDuplicatePolicies"/> (so the message is the CLI's), by
    /// pairing the result with a stand-in for the owner that carries only its name and location.
    /// </summary>
    public static CompilationResult Apply(CompilationResult result, EquatableArray<PolicyClaim> owners)
    {
        if (owners.IsEmpty || ClaimOf(result) is not { } claim) return result;
        foreach (var owner in owners)
        {
            if (owner.PolicyName != claim.PolicyName) continue;
            if (string.Equals(owner.FilePath, claim.FilePath, StringComparison.Ordinal)) return result;
            var stand = new Policy(
                owner.FilePath, owner.PolicyName, owner.NameSpan,
                EquatableArray<IommuUnit>.Empty, EquatableArray<MemoryRegion>.Empty, EquatableArray<MemoryRegion>.Empty,
                EquatableArray<Domain>.Empty, EquatableArray<Device>.Empty, EquatableArray<Interrupt>.Empty,
                EquatableArray<Process>.Empty, EquatableArray<ReservedRegion>.Empty, EquatableArray<DeviceGroup>.Empty);
            var ownerResult = new CompilationResult(owner.FilePath, stand, EquatableArray<Compiler.Diagnostics.Diagnostic>.Empty, 0, null);
            return VtdCompiler.ReportDuplicatePolicies(new[] { ownerResult, result })[1];
        }
        return result;
    }
}
