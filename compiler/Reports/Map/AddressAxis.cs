namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// One piece of the address axis: addresses [<see cref="First"/>, <see cref="Last"/>] drawn
/// from <see cref="X0"/> to <see cref="X1"/>. A gap holds nothing of the policy and is
/// collapsed to a fixed width with a break mark.
/// </summary>
public readonly record struct AxisSegment(ulong First, ulong Last, double X0, double X1, bool IsGap)
{
    /// <summary>Number of addresses, minus one (so the whole 64-bit space fits).</summary>
    public ulong SizeMinusOne => Last - First;
}

/// <summary>
/// A piecewise axis over the 64-bit address space. Every start and end of a range shown on the
/// map is a segment boundary, so every drawn range covers whole segments. A segment's width
/// grows with the logarithm of its size (a 4 KiB page and a 60 GiB region are both legible);
/// stretches no range touches collapse to <see cref="GapWidth"/>. x increases with address.
/// </summary>
public sealed class AddressAxis
{
    /// <summary>Width of a collapsed empty stretch.</summary>
    public const double GapWidth = 18;

    private const double MinimumWeight = 3;

    private AddressAxis(IReadOnlyList<AxisSegment> segments) => Segments = segments;

    public IReadOnlyList<AxisSegment> Segments { get; }

    public double Left => Segments[0].X0;

    public double Right => Segments[Segments.Count - 1].X1;

    /// <summary>The last address on the axis.</summary>
    public ulong LastAddress => Segments[Segments.Count - 1].Last;

    /// <summary>Lays out the ranges (inclusive first, last) between <paramref name="left"/> and <paramref name="right"/>.</summary>
    public static AddressAxis Build(IEnumerable<(ulong First, ulong Last)> ranges, double left, double right)
    {
        var starts = new SortedDictionary<ulong, int>();   // cut point -> change in the number of covering ranges
        bool reachesTop = false;
        ulong end = 0;
        bool any = false;
        foreach (var (first, last) in ranges)
        {
            if (last < first) continue;
            any = true;
            Add(starts, first, +1);
            if (last == ulong.MaxValue) reachesTop = true;
            else Add(starts, last + 1, -1);
            if (last > end) end = last;
        }
        var pieces = new List<(ulong First, ulong Last, bool Gap)>();
        if (!any)
        {
            pieces.Add((0, ulong.MaxValue, false));
        }
        else
        {
            var cuts = new List<KeyValuePair<ulong, int>>(starts);
            if (cuts[0].Key > 0) pieces.Add((0, cuts[0].Key - 1, true));
            int covering = 0;
            for (int i = 0; i < cuts.Count; i++)
            {
                covering += cuts[i].Value;
                ulong first = cuts[i].Key;
                ulong last = i + 1 < cuts.Count ? cuts[i + 1].Key - 1 : reachesTop ? ulong.MaxValue : end;
                if (first > end || last < first) continue;
                pieces.Add((first, last, covering == 0));
            }
        }

        double gapTotal = 0, weightTotal = 0;
        foreach (var piece in pieces)
        {
            if (piece.Gap) gapTotal += GapWidth;
            else weightTotal += Weight(piece.Last - piece.First);
        }
        double perWeight = weightTotal > 0 ? Math.Max(0, right - left - gapTotal) / weightTotal : 0;
        var segments = new List<AxisSegment>(pieces.Count);
        double x = left;
        foreach (var piece in pieces)
        {
            double width = piece.Gap ? GapWidth : Weight(piece.Last - piece.First) * perWeight;
            segments.Add(new AxisSegment(piece.First, piece.Last, x, x + width, piece.Gap));
            x += width;
        }
        return new AddressAxis(segments);
    }

    private static void Add(SortedDictionary<ulong, int> cuts, ulong at, int change) =>
        cuts[at] = cuts.TryGetValue(at, out int seen) ? seen + change : change;

    /// <summary>3 for a 4 KiB page or less, one more for every doubling.</summary>
    private static double Weight(ulong sizeMinusOne)
    {
        double size = (double)sizeMinusOne + 1;
        return MinimumWeight + Math.Max(0, Math.Log(size / 4096, 2));
    }

    /// <summary>The x where byte <paramref name="address"/> starts (clamped to the axis).</summary>
    public double Start(ulong address)
    {
        var segment = Find(address);
        if (address < segment.First) return segment.X0;
        if (address > segment.Last) return segment.X1;
        return segment.X0 + ((double)(address - segment.First)) / ((double)segment.SizeMinusOne + 1) * (segment.X1 - segment.X0);
    }

    /// <summary>The x where byte <paramref name="address"/> ends (clamped to the axis).</summary>
    public double End(ulong address)
    {
        var segment = Find(address);
        if (address < segment.First) return segment.X0;
        if (address > segment.Last) return segment.X1;
        return segment.X0 + ((double)(address - segment.First) + 1) / ((double)segment.SizeMinusOne + 1) * (segment.X1 - segment.X0);
    }

    private AxisSegment Find(ulong address)
    {
        int low = 0, high = Segments.Count - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (Segments[middle].First <= address) low = middle;
            else high = middle - 1;
        }
        return Segments[low];
    }
}
