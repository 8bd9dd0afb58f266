namespace VtdDsl.Compiler.Collections;

/// <summary>
/// A union of inclusive ranges of host (or DMA) addresses, kept as disjoint sorted ranges:
/// O(n log n) to build, O(log n) to ask whether it covers a range.
/// </summary>
public sealed class AddressRangeSet
{
    private readonly List<(ulong First, ulong Last)> _ranges = new();

    public AddressRangeSet(IEnumerable<(ulong First, ulong Last)> ranges)
    {
        var sorted = new List<(ulong First, ulong Last)>(ranges);
        sorted.Sort((a, b) => a.First.CompareTo(b.First));
        foreach (var range in sorted)
        {
            if (_ranges.Count > 0)
            {
                var last = _ranges[_ranges.Count - 1];
                if (last.Last == ulong.MaxValue || range.First <= last.Last + 1)
                {
                    if (range.Last > last.Last) _ranges[_ranges.Count - 1] = (last.First, range.Last);
                    continue;
                }
            }
            _ranges.Add(range);
        }
    }

    public static AddressRangeSet All { get; } = new(new[] { (0UL, ulong.MaxValue) });

    public static AddressRangeSet None { get; } = new(System.Array.Empty<(ulong, ulong)>());

    public IReadOnlyList<(ulong First, ulong Last)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>True when the union covers all of [first, last].</summary>
    public bool Covers(ulong first, ulong last)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            int mid = (low + high) >> 1;
            if (_ranges[mid].First <= first) low = mid + 1;
            else high = mid;
        }
        return low > 0 && _ranges[low - 1].Last >= last;
    }

    /// <summary>True when every range of <paramref name="other"/> is covered by this one.</summary>
    public bool Covers(AddressRangeSet other)
    {
        foreach (var (first, last) in other._ranges)
        {
            if (!Covers(first, last)) return false;
        }
        return true;
    }

    /// <summary>The parts of this union that <paramref name="other"/> does not cover.</summary>
    public List<(ulong First, ulong Last)> Except(AddressRangeSet other)
    {
        var result = new List<(ulong, ulong)>();
        foreach (var (first, last) in _ranges)
        {
            ulong cursor = first;
            bool done = false;
            foreach (var (oFirst, oLast) in other._ranges)
            {
                if (oLast < cursor) continue;
                if (oFirst > last) break;
                if (oFirst > cursor) result.Add((cursor, oFirst - 1));
                if (oLast >= last) { done = true; break; }
                cursor = oLast + 1;
            }
            if (!done) result.Add((cursor, last));
        }
        return result;
    }
}
