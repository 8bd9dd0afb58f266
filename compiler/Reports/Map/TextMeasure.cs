namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// Text widths without a font engine: advance widths of DejaVu Sans (the font the map asks for
/// first, and the widest of its fallbacks), rounded up, so a computed label box is never
/// narrower than what a browser draws.
/// </summary>
public static class TextMeasure
{
    /// <summary>Height of a line box as a multiple of the font size (ascent + descent of DejaVu Sans, rounded up).</summary>
    public const double LineHeight = 1.2;

    /// <summary>Distance from the top of a line box to the baseline, as a multiple of the font size.</summary>
    public const double Ascent = 0.95;

    // Advance widths in thousandths of an em for ' ' (32) to '~' (126).
    private static readonly short[] Ascii =
    {
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    };

    /// <summary>Width of <paramref name="text"/> at <paramref name="fontSize"/>, bold text 10 % wider.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        double thousandths = 0;
        foreach (char c in text)
        {
            thousandths += c >= ' ' && c <= '~' ? Ascii[c - ' '] : 1000;
        }
        return thousandths / 1000 * fontSize * (bold ? 1.1 : 1.0) * 1.03;
    }

    /// <summary>The box of a text whose baseline starts at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public static MapBox Box(string text, double x, double baseline, double fontSize, bool bold = false) =>
        new(x, baseline - Ascent * fontSize, Width(text, fontSize, bold), LineHeight * fontSize);
}
