namespace VtdDsl.Compiler.Reports.Map;

/// <summary>What a piece of text is on the map; the writer picks font weight and colour from it.</summary>
public enum MapTextRole
{
    Title,
    Subtitle,
    Legend,
    AxisTitle,
    Tick,
    RegionName,
    DomainName,
    DomainDetail,
    WindowInside,
    WindowOutside,
    ChangeNote,
}

/// <summary>One line of text: drawn from (<see cref="X"/>, <see cref="Baseline"/>), occupying <see cref="Box"/>.</summary>
public sealed record MapText(string Text, double X, double Baseline, double FontSize, MapTextRole Role, MapBox Box);

/// <summary>A line from a label to what it names.</summary>
public readonly record struct MapLine(double X1, double Y1, double X2, double Y2);

/// <summary>What kind of host range a region is.</summary>
public enum RegionKind
{
    Memory,
    Protected,
    Reserved,
}

/// <summary>A <c>memory</c>, <c>protect</c> or <c>reserved</c> range: a band behind the domain rows.</summary>
public sealed record MapRegion(RegionKind Kind, string Name, ulong First, ulong Last, MapBox Band, MapText Label, MapLine? Leader, string Tooltip, int Line)
{
    /// <summary>The element id (before the map's prefix): <c>protect-hypervisor</c>.</summary>
    public string Id => (Kind switch { RegionKind.Protected => "protect-", RegionKind.Reserved => "reserved-", _ => "memory-" }) + HostMapBuilder.Identifier(Name);
}

/// <summary>How a window's host memory is reached by other domains.</summary>
public enum SharingState
{
    /// <summary>No other domain reaches this memory while one of them may write.</summary>
    None,

    /// <summary>Shared, and every domain's window says <c>shared</c> (a reviewed exception).</summary>
    Marked,

    /// <summary>Shared without <c>shared</c> on every window (VTD3008).</summary>
    Unmarked,
}

/// <summary>How a window changed between two versions of a policy (the diff map).</summary>
public enum WindowChange
{
    Unchanged,
    Added,
    Removed,
    Changed,
}

/// <summary>A part of a window's bar whose host memory another domain reaches too.</summary>
public readonly record struct SharedStrip(MapBox Box, SharingState State);

/// <summary>
/// One DMA window (or a pass-through domain's reach), with its exact values. <see cref="Bar"/>
/// is on the host axis; on a single-domain map <see cref="IovaBar"/> is on the DMA axis and a
/// band joins the two through <see cref="Band"/> (the space between the axes).
/// </summary>
public sealed record MapWindow(
    string Id,
    string Domain,
    ulong HostFirst,
    ulong HostLast,
    ulong IovaFirst,
    ulong IovaLast,
    Rights Rights,
    bool Shared,
    bool Identity,
    bool Passthrough,
    SharingState Sharing,
    WindowChange Change,
    bool GainsWrite,
    MapBox Bar,
    MapBox? IovaBar,
    MapBox? Band,
    IReadOnlyList<SharedStrip> Strips,
    MapText? Label,
    MapLine? Leader,
    string Tooltip,
    int Line);

/// <summary>One domain's row: the gutter with its name, id and devices, and the bars of its windows.</summary>
public sealed record MapRow(string Domain, ushort Id, MapBox Box, IReadOnlyList<MapText> Gutter, WindowChange Change);

/// <summary>A tick on an axis at an address (<see cref="Address"/> null: the end of the 64-bit space, 2^64).</summary>
public sealed record MapTick(ulong? Address, double X, double AxisY, IReadOnlyList<MapText> Labels, MapLine Leader);

/// <summary>An address axis: its line, the collapsed gaps (drawn with a break mark) and ticks.</summary>
public sealed record MapAxis(string Name, double Y, double Left, double Right, IReadOnlyList<(double X0, double X1)> Breaks, IReadOnlyList<MapTick> Ticks, MapText Title);

/// <summary>One legend entry: a swatch and its text.</summary>
public sealed record MapLegendItem(string Key, MapBox Swatch, MapText Text);

/// <summary>
/// Everything the SVG writer draws, with every element's box already computed: the writer
/// makes no layout decisions, and the tests check the boxes (rows apart, labels apart, x
/// increasing with address).
/// </summary>
public sealed record MapLayout(
    string Title,
    double Width,
    double Height,
    IReadOnlyList<MapText> Headings,
    IReadOnlyList<MapLegendItem> Legend,
    IReadOnlyList<MapAxis> Axes,
    IReadOnlyList<MapRegion> Regions,
    IReadOnlyList<MapRow> Rows,
    IReadOnlyList<MapWindow> Windows,
    MapBox Plot)
{
    /// <summary>Every text the map draws, for overlap checks.</summary>
    public IEnumerable<MapText> Texts()
    {
        foreach (var text in Headings) yield return text;
        foreach (var item in Legend) yield return item.Text;
        foreach (var axis in Axes)
        {
            yield return axis.Title;
            foreach (var tick in axis.Ticks)
            {
                foreach (var label in tick.Labels) yield return label;
            }
        }
        foreach (var region in Regions) yield return region.Label;
        foreach (var row in Rows)
        {
            foreach (var text in row.Gutter) yield return text;
        }
        foreach (var window in Windows)
        {
            if (window.Label is not null) yield return window.Label;
        }
    }
}
