namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff's pairing of domains, for views that draw both versions (the diff map).</summary>
public sealed partial class PolicyDiff
{
    /// <summary>For each domain of the new version, the index of the old domain the diff pairs it with, or -1 (a new domain).</summary>
    public static IReadOnlyList<int> PairDomains(CompilationResult oldResult, CompilationResult newResult)
    {
        var diff = new PolicyDiff(oldResult, newResult);
        diff.MatchDomains();
        return diff._domainMapBack;
    }
}
