namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// Collision-free placement along x: each label asks for an x interval and gets the first lane
/// (0, 1, 2, …) where nothing already placed comes closer than <see cref="Gap"/>. Lanes become
/// horizontal strips of equal height once every label of the group is placed, so labels in
/// different lanes cannot overlap and labels in one lane do not by construction.
/// </summary>
public sealed class LaneSet
{
    private readonly List<List<(double Left, double Right)>> _lanes = new();

    public LaneSet(double gap = 6) => Gap = gap;

    /// <summary>The smallest horizontal distance between two labels of one lane.</summary>
    public double Gap { get; }

    /// <summary>How many lanes are in use.</summary>
    public int Count => _lanes.Count;

    /// <summary>
    /// Places a label of <paramref name="width"/> naming the x <paramref name="anchor"/>: in the
    /// lowest lane where one of the candidate positions (<paramref name="lefts"/>, in order of
    /// preference) fits and where its leader — a vertical line at the anchor from lane 0 up to
    /// the label — crosses no label of a lower lane. The leader is reserved in the lower lanes so
    /// that later labels keep clear of it. Only when a lower label already covers the anchor does
    /// the label go to the first lane where it fits, its leader crossing. Returns the lane and
    /// the chosen left edge.
    /// </summary>
    public (int Lane, double Left) Place(IReadOnlyList<double> lefts, double width, double anchor)
    {
        for (int lane = 0; ; lane++)
        {
            if (lane == _lanes.Count) _lanes.Add(new List<(double, double)>());
            foreach (double left in lefts)
            {
                if (Fits(_lanes[lane], left, left + width)) return Take(lane, left, width, anchor);
            }
            if (!Fits(_lanes[lane], anchor, anchor)) break;
        }
        for (int lane = 0; ; lane++)
        {
            if (lane == _lanes.Count) _lanes.Add(new List<(double, double)>());
            if (Fits(_lanes[lane], lefts[0], lefts[0] + width)) return Take(lane, lefts[0], width, anchor);
        }
    }

    private (int, double) Take(int lane, double left, double width, double anchor)
    {
        _lanes[lane].Add((left, left + width));
        for (int below = 0; below < lane; below++) _lanes[below].Add((anchor, anchor));
        return (lane, left);
    }

    private bool Fits(List<(double Left, double Right)> lane, double left, double right)
    {
        foreach (var (l, r) in lane)
        {
            if (left < r + Gap && l < right + Gap) return false;
        }
        return true;
    }
}
