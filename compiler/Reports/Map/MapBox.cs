namespace VtdDsl.Compiler.Reports.Map;

/// <summary>An axis-aligned rectangle in SVG user units (y grows downwards).</summary>
public readonly record struct MapBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>Overlaps of less than this (rounding in the arithmetic) do not count.</summary>
    public const double Tolerance = 0.01;

    /// <summary>True when the two boxes share interior area (touching edges do not count).</summary>
    public bool Overlaps(MapBox other) =>
        X < other.Right - Tolerance && other.X < Right - Tolerance && Y < other.Bottom - Tolerance && other.Y < Bottom - Tolerance;

    /// <summary>The box grown by <paramref name="margin"/> on every side.</summary>
    public MapBox Inflate(double margin) => new(X - margin, Y - margin, Width + 2 * margin, Height + 2 * margin);
}
