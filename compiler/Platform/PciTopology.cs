using System.Globalization;
using System.Text.RegularExpressions;

namespace VtdDsl.Compiler.Platform;

/// <summary>A PCI bridge and the bus range behind it.</summary>
public readonly record struct PciBridge(ushort Segment, byte Bus, byte Device, byte Function, byte Secondary, byte Subordinate);

/// <summary>
/// The bridges of a machine with their secondary and subordinate buses, read from the output of
/// <c>lspci -t -D</c> (or <c>lspci -t</c>, segment 0): what a DMAR device scope path needs to
/// find the bus each hop leads to.
/// </summary>
public sealed class PciTopology
{
    // [0000:00] (a root bus, with its segment), [00] (a root without -D), -[01] or -[02-03] after a bridge.
    private static readonly Regex Token = new(@"\[(?:(?<seg>[0-9a-fA-F]{4}):)?(?<bus>[0-9a-fA-F]{2})(?:-(?<sub>[0-9a-fA-F]{2}))?\]|(?<dev>[0-9a-fA-F]{2})\.(?<fn>[0-7])", RegexOptions.CultureInvariant);

    private readonly Dictionary<(ushort, byte, byte, byte), PciBridge> _bridges = new();

    private PciTopology()
    {
    }

    /// <summary>Every bridge, in the order the tree lists them.</summary>
    public IReadOnlyList<PciBridge> Bridges { get; private set; } = new List<PciBridge>();

    /// <summary>The bridge at a function, if the tree shows one there.</summary>
    public bool TryGetBridge(ushort segment, byte bus, byte device, byte function, out PciBridge bridge) =>
        _bridges.TryGetValue((segment, bus, device, function), out bridge);

    /// <summary>Reads an <c>lspci -t -D</c> tree; null with <paramref name="error"/> (naming the line) when it is not one.</summary>
    public static PciTopology? Parse(string text, out string? error)
    {
        error = null;
        var topology = new PciTopology();
        var bridges = new List<PciBridge>();
        // The bus whose devices hang off each column (the column of their '+-', '\-' or '--' branch).
        var busAtColumn = new Dictionary<int, byte>();
        ushort segment = 0;
        bool sawRoot = false;
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            if (line.Trim().Length == 0) continue;
            byte? lineBus = null;            // the bus the next device token on this line sits on (after a marker)
            (byte Device, byte Function, int Column)? lastDevice = null;
            foreach (Match match in Token.Matches(line))
            {
                if (match.Groups["bus"].Success)
                {
                    byte bus = Hex(match.Groups["bus"].Value);
                    if (match.Groups["seg"].Success || lastDevice is null)
                    {
                        if (match.Groups["seg"].Success) segment = ushort.Parse(match.Groups["seg"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        else if (!sawRoot) segment = 0;
                        sawRoot = true;
                        lineBus = bus;
                        lastDevice = null;
                        continue;
                    }
                    // A bridge: the device just before this marker.
                    byte subordinate = match.Groups["sub"].Success ? Hex(match.Groups["sub"].Value) : bus;
                    int column = lastDevice.Value.Column - 2;
                    if (!busAtColumn.TryGetValue(column, out byte parent))
                    {
                        error = $"line {number}: bridge {lastDevice.Value.Device:x2}.{lastDevice.Value.Function:x} is not under any bus of the tree";
                        return null;
                    }
                    var bridge = new PciBridge(segment, parent, lastDevice.Value.Device, lastDevice.Value.Function, bus, subordinate);
                    if (!topology._bridges.ContainsKey((segment, parent, bridge.Device, bridge.Function)))
                    {
                        topology._bridges.Add((segment, parent, bridge.Device, bridge.Function), bridge);
                        bridges.Add(bridge);
                    }
                    lineBus = bus;
                    lastDevice = null;
                    continue;
                }
                int at = match.Index;
                if (at < 2)
                {
                    error = $"line {number}: device {match.Value} has no branch before it; expected the tree of 'lspci -t -D'";
                    return null;
                }
                byte device = Hex(match.Groups["dev"].Value);
                byte function = (byte)(match.Groups["fn"].Value[0] - '0');
                if (device > 0x1F)
                {
                    error = $"line {number}: device {match.Value} is not a PCI device number (00-1f)";
                    return null;
                }
                if (lineBus is { } opened)
                {
                    busAtColumn[at - 2] = opened;
                    lineBus = null;
                }
                else if (!busAtColumn.ContainsKey(at - 2))
                {
                    error = $"line {number}: device {match.Value} at column {at + 1} is under no bus of the tree";
                    return null;
                }
                lastDevice = (device, function, at);
            }
        }
        if (!sawRoot)
        {
            error = "line 1: no root bus ('[0000:00]'); expected the output of 'lspci -t -D'";
            return null;
        }
        topology.Bridges = bridges;
        return topology;
    }

    private static byte Hex(string text) => byte.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
