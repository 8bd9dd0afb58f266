using System.Collections.Generic;

namespace VtdDsl.Language.Checks;

/// <summary>
/// The union of possibly overlapping inclusive ranges, as disjoint sorted ranges: O(n log n)
/// to build, O(log n) to ask whether it covers a range.
/// </summary>
internal sealed class IntervalSet
{
    private readonly List<(ulong First, ulong Last)> _ranges = new();

    public IntervalSet(IEnumerable<(ulong First, ulong Last)> ranges)
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
}
