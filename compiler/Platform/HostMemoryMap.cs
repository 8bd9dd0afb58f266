using System.Globalization;

namespace VtdDsl.Compiler.Platform;

/// <summary>The System RAM ranges of <c>/proc/iomem</c> (top-level entries only).</summary>
public static class HostMemoryMap
{
    /// <summary>Inclusive ranges of System RAM, in file order; null with an error naming the line when the file is not /proc/iomem.</summary>
    public static List<(ulong First, ulong Last)>? SystemRam(string text, out string? error)
    {
        error = null;
        var ranges = new List<(ulong, ulong)>();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            if (line.Trim().Length == 0 || line[0] == ' ') continue; // nested entries describe parts of a top-level one
            int colon = line.IndexOf(" : ", StringComparison.Ordinal);
            int dash = line.IndexOf('-');
            if (colon < 0 || dash < 0 || dash > colon
                || !ulong.TryParse(line.Substring(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong first)
                || !ulong.TryParse(line.Substring(dash + 1, colon - dash - 1).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong last)
                || last < first)
            {
                error = $"line {number}: '{line.Trim()}' is not a '/proc/iomem' entry ('START-END : NAME')";
                return null;
            }
            if (line.Substring(colon + 3).Trim() == "System RAM")
            {
                ranges.Add((first, last));
            }
        }
        if (ranges.Count > 0 && ranges.TrueForAll(range => range.Item1 == 0 && range.Item2 == 0))
        {
            error = "every System RAM range reads 00000000-00000000: the kernel hides addresses from unprivileged readers; read /proc/iomem as root";
            return null;
        }
        return ranges;
    }
}
