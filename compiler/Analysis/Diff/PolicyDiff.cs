namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>
/// The semantic comparison behind <c>vtd diff</c>: two bound policies in, a list of typed
/// changes out. Things are matched by what they mean, not by their names or their order:
/// devices by source id; domains by the devices bound to them, then by id, then by name;
/// windows by DMA address after merging adjacent windows that translate alike; interrupts by
/// requester and table entry; units by name, then by segment and scope.
/// </summary>
public sealed partial class PolicyDiff
{
    private readonly CompilationResult _oldResult;
    private readonly CompilationResult _newResult;
    private readonly Policy _old;
    private readonly Policy _new;
    private readonly List<PolicyChange> _changes = new();
    private int[] _domainMap = Array.Empty<int>();      // old domain index -> new domain index, or -1
    private int[] _domainMapBack = Array.Empty<int>();  // new -> old
    private int[] _unitMap = Array.Empty<int>();        // old unit -> new unit, or -1

    private PolicyDiff(CompilationResult oldResult, CompilationResult newResult)
    {
        _oldResult = oldResult;
        _newResult = newResult;
        _old = oldResult.Policy ?? throw new ArgumentException("The old version has no bound policy.", nameof(oldResult));
        _new = newResult.Policy ?? throw new ArgumentException("The new version has no bound policy.", nameof(newResult));
    }

    public static IReadOnlyList<PolicyChange> Compare(CompilationResult oldResult, CompilationResult newResult)
    {
        var diff = new PolicyDiff(oldResult, newResult);
        diff.Run();
        return diff._changes;
    }

    /// <summary>True when the two versions mean the same (only cosmetic notes, or nothing).</summary>
    public static bool SameMeaning(IReadOnlyList<PolicyChange> changes)
    {
        foreach (var change in changes)
        {
            if (!change.IsCosmetic) return false;
        }
        return true;
    }

    private void Run()
    {
        if (!string.Equals(_old.FullName, _new.FullName, StringComparison.Ordinal))
        {
            Add(ChangeArea.Policy, ChangeKind.PolicyRenamed, ChangeImpact.Cosmetic, "policy", $"renamed from {_old.FullName} to {_new.FullName} (the generated type's name changes)");
        }
        MatchUnits();
        MatchDomains();
        CompareDomains();
        CompareDevices();
        CompareProcesses();
        CompareInterrupts();
        CompareRegions(_old.Protected, _new.Protected, ChangeArea.ProtectedMemory, "protected memory", isProtection: true);
        CompareReserved();
        CompareRegions(_old.Memory, _new.Memory, ChangeArea.MemoryMap, "memory", isProtection: false);
        CompareWarnings();
    }

    private void Add(ChangeArea area, ChangeKind kind, ChangeImpact impact, string subject, string detail) =>
        _changes.Add(new PolicyChange(area, kind, impact, subject, detail));
}
