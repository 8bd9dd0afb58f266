namespace VtdDsl.Compiler.Checks;

/// <summary>
/// Finds a region overlapping a query range among possibly overlapping regions, in O(log n):
/// regions sorted by start, with a running maximum of their ends.
/// </summary>
internal sealed class RegionIndex
{
    private readonly (ulong First, ulong Last, int Owner)[] _regions;
    private readonly ulong[] _maxLast;

    public RegionIndex(IEnumerable<(ulong First, ulong Last, int Owner)> regions)
    {
        var sorted = new List<(ulong First, ulong Last, int Owner)>(regions);
        sorted.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Owner.CompareTo(b.Owner));
        _regions = sorted.ToArray();
        _maxLast = new ulong[_regions.Length];
        ulong max = 0;
        for (int i = 0; i < _regions.Length; i++)
        {
            if (_regions[i].Last > max || i == 0) max = System.Math.Max(max, _regions[i].Last);
            _maxLast[i] = max;
        }
    }

    /// <summary>The owner of a region that intersects [first, last]; -1 when none does.</summary>
    public int FindOverlap(ulong first, ulong last)
    {
        // Candidates start at or before `last`; the first whose running maximum end reaches
        // `first` is itself a region ending at or after `first`.
        int count = UpperBound(last);
        if (count == 0 || _maxLast[count - 1] < first)
        {
            return -1;
        }
        int low = 0, high = count - 1;
        while (low < high)
        {
            int mid = (low + high) >> 1;
            if (_maxLast[mid] >= first) high = mid;
            else low = mid + 1;
        }
        return _regions[low].Owner;
    }

    private int UpperBound(ulong value)
    {
        int low = 0, high = _regions.Length;
        while (low < high)
        {
            int mid = (low + high) >> 1;
            if (_regions[mid].First <= value) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
