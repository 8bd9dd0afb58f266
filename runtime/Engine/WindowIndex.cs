using System;
using System.Collections.Generic;

namespace VtdDsl;

/// <summary>
/// Builds <see cref="IPolicyTables.Domains"/> and <see cref="IPolicyTables.WindowBuckets"/> for tables
/// made at run time (tests, tools), by the rule the compiler core lays them out with.
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
    /// The domain records and bucket index of <paramref name="domains"/>, whose windows are consecutive
    /// in <paramref name="windows"/> in domain order, each domain's sorted by DMA address.
    /// </summary>
    /// <exception cref="ArgumentException">The windows do not add up to <paramref name="windows"/>.</exception>
    public static (DomainRecord[] Domains, int[] WindowBuckets) Build(IReadOnlyList<Domain> domains, ReadOnlySpan<WindowRecord> windows)
    {
        var records = new DomainRecord[domains.Count];
        var buckets = new List<int>();
        int start = 0;
        for (int d = 0; d < domains.Count; d++)
        {
            var domain = domains[d];
            if (domain.WindowCount < 0 || domain.WindowCount > windows.Length - start)
                throw new ArgumentException($"Domain {d} has {domain.WindowCount} windows, beyond the {windows.Length} given.", nameof(domains));
            var own = windows.Slice(start, domain.WindowCount).ToArray();
            ulong bucketBase = 0;
            int shift = 0, bucketStart = buckets.Count, count = 0;
            if (own.Length > 0)
            {
                bucketBase = own[0].Iova;
                ulong span = own[^1].Last - bucketBase;
                shift = TableSchema.Buckets.Shift(span, own.Length);
                count = TableSchema.Buckets.Count(span, shift);
                TableSchema.Buckets.AddEntries(own.Length, w => own[w].Iova, bucketBase, shift, count, buckets);
            }
            records[d] = new DomainRecord(domain.Id, domain.Width, domain.Flags, start, own.Length, bucketBase, (byte)shift, bucketStart, count);
            start += own.Length;
        }
        if (start != windows.Length) throw new ArgumentException($"The domains have {start} windows, but {windows.Length} are given.", nameof(windows));
        return (records, buckets.ToArray());
    }
}
