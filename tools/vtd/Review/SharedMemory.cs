using System.Collections.Generic;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Tool.Review;

/// <summary>One domain's reach into a host range: the union of its windows' rights there, and whether every one says <c>shared</c>.</summary>
internal readonly record struct DomainReach(int Domain, Rights Rights, bool Shared);

/// <summary>A host range that two or more domains reach, at least one of them with write.</summary>
internal sealed record SharedRange(ulong First, ulong Last, IReadOnlyList<DomainReach> Domains)
{
    /// <summary>Every domain's windows say <c>shared</c> (a reviewed exception); otherwise the compiler warns (VTD3008).</summary>
    public bool AllShared
    {
        get
        {
            foreach (var reach in Domains)
            {
                if (!reach.Shared) return false;
            }
            return true;
        }
    }
}

/// <summary>
/// Host memory written by more than one domain, computed from the windows (not from the
/// warnings): every host range reachable by two or more domains where at least one may write,
/// shared or not. A pass-through domain reaches all host memory with read and write.
/// </summary>
internal static class SharedMemory
{
    private readonly record struct Reach(int Domain, ulong First, ulong Last, Rights Rights, bool Shared);

    public static IReadOnlyList<SharedRange> Compute(Policy policy)
    {
        var reaches = new List<Reach>();
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var domain = policy.Domains[d];
            if (domain.IsPassthrough)
            {
                reaches.Add(new Reach(d, 0, ulong.MaxValue, Rights.ReadWrite, false));
                continue;
            }
            foreach (var window in domain.Windows)
            {
                if (window.Size != 0 && !window.Overflows && window.Rights != Rights.None)
                {
                    reaches.Add(new Reach(d, window.HostAddress, window.HostLast, window.Rights, window.Shared));
                }
            }
        }
        reaches.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Domain.CompareTo(b.Domain));

        // Elementary pieces: between consecutive starts and ends, the set of reaches is constant.
        var bounds = new SortedSet<ulong>();
        foreach (var reach in reaches)
        {
            bounds.Add(reach.First);
            if (reach.Last != ulong.MaxValue) bounds.Add(reach.Last + 1);
        }
        var result = new List<SharedRange>();
        var active = new List<Reach>();
        int next = 0;
        var points = new List<ulong>(bounds);
        for (int i = 0; i < points.Count; i++)
        {
            ulong first = points[i];
            ulong last = i + 1 < points.Count ? points[i + 1] - 1 : ulong.MaxValue;
            active.RemoveAll(r => r.Last < first);
            while (next < reaches.Count && reaches[next].First <= first)
            {
                if (reaches[next].Last >= first) active.Add(reaches[next]);
                next++;
            }
            if (active.Count < 2) continue;
            var byDomain = new SortedDictionary<int, DomainReach>();
            bool anyWrite = false;
            foreach (var reach in active)
            {
                anyWrite |= (reach.Rights & Rights.Write) != 0;
                byDomain[reach.Domain] = byDomain.TryGetValue(reach.Domain, out var seen)
                    ? new DomainReach(reach.Domain, seen.Rights | reach.Rights, seen.Shared && reach.Shared)
                    : new DomainReach(reach.Domain, reach.Rights, reach.Shared);
            }
            if (byDomain.Count < 2 || !anyWrite) continue;
            var domains = new List<DomainReach>(byDomain.Values);
            domains.Sort((a, b) =>
            {
                var x = policy.Domains[a.Domain];
                var y = policy.Domains[b.Domain];
                return x.Id != y.Id ? x.Id.CompareTo(y.Id) : string.CompareOrdinal(x.Name, y.Name);
            });
            if (result.Count > 0 && result[result.Count - 1] is var previous && previous.Last != ulong.MaxValue
                && previous.Last + 1 == first && Same(previous.Domains, domains))
            {
                result[result.Count - 1] = previous with { Last = last };
            }
            else
            {
                result.Add(new SharedRange(first, last, domains));
            }
        }
        return result;
    }

    private static bool Same(IReadOnlyList<DomainReach> a, IReadOnlyList<DomainReach> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }
}
