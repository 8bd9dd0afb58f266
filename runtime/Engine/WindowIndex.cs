using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace VtdDsl;

/// <summary>
/// Builds <see cref="IPolicyTables.Domains"/>, <see cref="IPolicyTables.WindowTree"/> and
/// <see cref="IPolicyTables.TreeLevels"/> for tables made at run time (tests, tools), by the rule the
/// compiler core lays them out with.
/// </summary>
public static class WindowIndex
{
    /// <summary>What a domain is, before its windows are indexed.</summary>
    /// <param name="Id">The domain id.</param>
    /// <param name="Width">Address width in bits.</param>
    /// <param name="Flags"><see cref="DomainFlags"/> bits.</param>
    /// <param name="WindowCount">How many of the windows (consecutive, after the previous domain's) are this domain's.</param>
    public readonly record struct Domain(ushort Id, byte Width, byte Flags, int WindowCount);

    /// <summary>
    /// The domain records and window trees of <paramref name="domains"/>, whose windows are consecutive
    /// in <paramref name="windows"/> in domain order, each domain's sorted by DMA address.
    /// </summary>
    /// <exception cref="ArgumentException">The windows do not add up to <paramref name="windows"/>.</exception>
    public static (DomainRecord[] Domains, TreeNode[] WindowTree, int TreeLevels) Build(IReadOnlyList<Domain> domains, ReadOnlySpan<WindowRecord> windows)
    {
        int most = 0;
        foreach (var domain in domains) most = Math.Max(most, domain.WindowCount);
        int levels = TableSchema.Tree.Levels(most);
        var records = new DomainRecord[domains.Count];
        var words = new List<ulong>();
        var root = new ulong[1 + TableSchema.DomainRecord.RootKeys];
        int start = 0;
        for (int d = 0; d < domains.Count; d++)
        {
            var domain = domains[d];
            if (domain.WindowCount < 0 || domain.WindowCount > windows.Length - start)
                throw new ArgumentException($"Domain {d} has {domain.WindowCount} windows, beyond the {windows.Length} given.", nameof(domains));
            var own = windows.Slice(start, domain.WindowCount).ToArray();
            TableSchema.Tree.Build(own.Length, w => own[w].Iova, start, levels, words, root);
            records[d] = new DomainRecord(domain.Id, domain.Width, domain.Flags, start, own.Length, (int)root[0], root.AsSpan(1));
            start += own.Length;
        }
        if (start != windows.Length) throw new ArgumentException($"The domains have {start} windows, but {windows.Length} are given.", nameof(windows));
        return (records, MemoryMarshal.Cast<ulong, TreeNode>(words.ToArray()).ToArray(), levels);
    }
}
