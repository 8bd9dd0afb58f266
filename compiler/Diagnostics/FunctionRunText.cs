using System.Globalization;
using System.Text;

namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// How a clash message names the members of a <c>functions</c> run: the clashing indices as
/// ranges of device names (<c>vf0-vf3, vf6</c>), so one diagnostic says which functions clash.
/// </summary>
internal static class FunctionRunText
{
    /// <summary>Ranges shown before the rest is counted: a clash of every other function of 64 stays one line.</summary>
    private const int MaxRanges = 4;

    /// <summary><c>function vf2 of run 'vf'</c> or <c>functions vf0-vf3 of run 'vf'</c>.</summary>
    public static string Describe(string runName, IReadOnlyList<int> indices) =>
        (indices.Count == 1 ? "function " : "functions ") + Names(runName, indices) + " of run '" + runName + "'";

    /// <summary>The device names of <paramref name="indices"/> (ascending) as ranges: <c>vf0-vf3, vf6 and 12 more</c>.</summary>
    public static string Names(string runName, IReadOnlyList<int> indices)
    {
        var text = new StringBuilder();
        int shown = 0, ranges = 0;
        for (int start = 0; start < indices.Count && ranges < MaxRanges; ranges++)
        {
            int end = start;
            while (end + 1 < indices.Count && indices[end + 1] == indices[end] + 1) end++;
            if (ranges > 0) text.Append(", ");
            text.Append(runName).Append(indices[start].ToString(CultureInfo.InvariantCulture));
            if (end > start) text.Append('-').Append(runName).Append(indices[end].ToString(CultureInfo.InvariantCulture));
            shown += end - start + 1;
            start = end + 1;
        }
        if (shown < indices.Count)
        {
            text.Append(" and ").Append((indices.Count - shown).ToString(CultureInfo.InvariantCulture)).Append(" more");
        }
        return text.ToString();
    }
}
