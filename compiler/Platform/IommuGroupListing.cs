using System.Globalization;
using System.Text.RegularExpressions;

namespace VtdDsl.Compiler.Platform;

/// <summary>The IOMMU groups of <c>find /sys/kernel/iommu_groups -type l</c>: group number → member functions.</summary>
public static class IommuGroupListing
{
    private static readonly Regex Link = new(
        @"iommu_groups/(?<group>\d+)/devices/(?<seg>[0-9a-fA-F]{4}):(?<bus>[0-9a-fA-F]{2}):(?<dev>[0-9a-fA-F]{2})\.(?<fn>[0-7])\s*$",
        RegexOptions.CultureInvariant);

    /// <summary>Groups sorted by number, members sorted; null with an error naming the line when a line is not such a link.</summary>
    public static SortedDictionary<int, List<PciAddress>>? Parse(string text, out string? error)
    {
        error = null;
        var groups = new SortedDictionary<int, List<PciAddress>>();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1].Trim();
            if (line.Length == 0) continue;
            var match = Link.Match(line);
            byte device = match.Success ? byte.Parse(match.Groups["dev"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : (byte)0xFF;
            if (!match.Success || device > 0x1F || !int.TryParse(match.Groups["group"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int group))
            {
                error = $"line {number}: '{line}' is not '/sys/kernel/iommu_groups/N/devices/SSSS:BB:DD.F'";
                return null;
            }
            var address = new PciAddress(
                ushort.Parse(match.Groups["seg"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                byte.Parse(match.Groups["bus"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                device,
                (byte)(match.Groups["fn"].Value[0] - '0'));
            if (!groups.TryGetValue(group, out var members)) groups.Add(group, members = new List<PciAddress>());
            if (!members.Contains(address)) members.Add(address);
        }
        foreach (var members in groups.Values) members.Sort();
        return groups;
    }
}
