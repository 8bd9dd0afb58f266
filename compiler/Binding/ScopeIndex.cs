using System.Threading;

namespace VtdDsl.Compiler.Binding;

/// <summary>
/// <see cref="Binder.UnitFor"/> for every source id at once: the source-id space cut at every
/// scope boundary into disjoint sorted ranges, each with its serving unit (the lowest-numbered
/// unit whose explicit scope lists it, else the segment's first <c>scope all</c> unit), with
/// neighbours of the same unit merged. Built in O(n log n) by one sweep; a lookup is a binary
/// search. (Asking <see cref="Binder.UnitFor"/> per range or per device is quadratic: a spec
/// with tens of thousands of scope entries took minutes.)
/// </summary>
internal sealed class ScopeIndex
{
    public ScopeIndex(IReadOnlyList<IommuUnit> units, CancellationToken cancellationToken = default)
    {
        var cuts = new SortedSet<ulong>();
        var events = new List<(ulong Key, int Unit, int Delta)>();
        var firstAll = new Dictionary<ushort, int>();
        for (int u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            cuts.Add((ulong)unit.Segment << 16);
            cuts.Add(((ulong)unit.Segment + 1) << 16);
            if (unit.ScopeAll)
            {
                if (!firstAll.ContainsKey(unit.Segment)) firstAll.Add(unit.Segment, u);
                continue;
            }
            foreach (var range in unit.Scope)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (range.First.Segment != unit.Segment) continue; // never matches (Binder.UnitFor compares segments first)
                cuts.Add(range.First.Key);
                cuts.Add((ulong)range.Last.Key + 1);
                events.Add((range.First.Key, u, +1));
                events.Add(((ulong)range.Last.Key + 1, u, -1));
            }
        }
        events.Sort((a, b) => a.Key.CompareTo(b.Key));

        var first = new List<uint>();
        var last = new List<uint>();
        var owner = new List<int>();
        var count = new int[units.Count];
        var active = new SortedSet<int>();
        int next = 0;
        ulong? previous = null;
        foreach (ulong cut in cuts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (previous is { } start)
            {
                for (; next < events.Count && events[next].Key <= start; next++)
                {
                    var (_, unit, delta) = events[next];
                    count[unit] += delta;
                    if (count[unit] > 0) active.Add(unit);
                    else active.Remove(unit);
                }
                int serving = active.Count > 0 ? active.Min : firstAll.TryGetValue((ushort)(start >> 16), out int all) ? all : -1;
                if (serving >= 0)
                {
                    uint end = (uint)(cut - 1);
                    if (owner.Count > 0 && owner[owner.Count - 1] == serving && (ulong)last[last.Count - 1] + 1 == start)
                    {
                        last[last.Count - 1] = end;
                    }
                    else
                    {
                        first.Add((uint)start);
                        last.Add(end);
                        owner.Add(serving);
                    }
                }
            }
            previous = cut;
        }
        First = first.ToArray();
        Last = last.ToArray();
        Unit = owner.ToArray();
    }

    /// <summary>First source key (<see cref="PciAddress.Key"/>) of each range, sorted.</summary>
    public uint[] First { get; }

    /// <summary>Last source key of each range (inclusive).</summary>
    public uint[] Last { get; }

    /// <summary>The unit serving each range.</summary>
    public int[] Unit { get; }

    /// <summary>The unit serving <paramref name="address"/>, or −1.</summary>
    public int Find(PciAddress address)
    {
        uint key = address.Key;
        int low = 0, high = First.Length - 1;
        while (low <= high)
        {
            int mid = (int)((uint)(low + high) >> 1);
            if (First[mid] <= key) low = mid + 1;
            else high = mid - 1;
        }
        return high >= 0 && key <= Last[high] ? Unit[high] : -1;
    }
}
