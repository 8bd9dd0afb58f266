using System.Globalization;
using VtdDsl.Compiler.Analysis;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// Lays out one domain's map (<c>vtd map FILE --domain NAME</c>): its DMA address space (IOVA)
/// on an axis at the top, host physical memory on an axis at the bottom, and each window a band
/// from its DMA range down to its host range. Both axes collapse empty stretches.
/// </summary>
public static class DomainMapBuilder
{
    public const double PlotLeft = 150;
    public const double PlotRight = MapParts.Width - MapParts.Margin - 8;
    private const double BarHeight = 20;
    private const double BandHeight = 140;

    public static MapLayout Build(Policy policy, SpecLines lines, int domainIndex)
    {
        if (domainIndex < 0 || domainIndex >= policy.Domains.Count) throw new ArgumentOutOfRangeException(nameof(domainIndex));
        var analysis = PolicyAnalysis.Of(policy);
        var domain = policy.Domains[domainIndex];
        var order = new List<int>();
        for (int w = 0; w < domain.Windows.Count; w++) if (domain.Windows[w].Size > 0) order.Add(w);
        order.Sort((a, b) =>
        {
            var x = domain.Windows[a];
            var y = domain.Windows[b];
            return x.Iova != y.Iova ? x.Iova.CompareTo(y.Iova) : x.HostAddress != y.HostAddress ? x.HostAddress.CompareTo(y.HostAddress) : a.CompareTo(b);
        });

        var iovaRanges = new List<(ulong, ulong)>();
        var hostRanges = new List<(ulong, ulong)>();
        if (domain.IsPassthrough) iovaRanges.Add((0, ulong.MaxValue));
        foreach (int w in order)
        {
            iovaRanges.Add((domain.Windows[w].Iova, domain.Windows[w].IovaLast));
            hostRanges.Add((domain.Windows[w].HostAddress, domain.Windows[w].HostLast));
        }
        hostRanges.AddRange(MapParts.RegionRanges(policy));
        if (domain.IsPassthrough) hostRanges.Add((0, ulong.MaxValue));
        var iovaAxis = AddressAxis.Build(iovaRanges, PlotLeft, PlotRight);
        var hostAxis = AddressAxis.Build(hostRanges, PlotLeft, PlotRight);

        var headings = new List<MapText>();
        string title = $"Domain {domain.Name} (id {domain.Id.ToString(CultureInfo.InvariantCulture)}): DMA addresses and host memory";
        var devices = new List<string>();
        foreach (int device in analysis.Index.DevicesOf[domainIndex]) devices.Add(policy.Devices[device].DisplayName);
        string subtitle = $"{lines.FilePath} · {policy.FullName} · " +
                          (domain.IsPassthrough ? "pass-through: DMA addresses are host addresses" : HostMapBuilder.Count(order.Count, "window")) +
                          $" · devices: {(devices.Count == 0 ? "none" : string.Join(", ", devices))}";
        double y = MapParts.Headings(headings, title, subtitle) + 12;

        var (iova, _) = MapParts.Axis(iovaAxis, "iova", "DMA address", y, labelsAbove: true);
        double iovaBarsTop = iova.Y;

        // Window labels in lanes under the DMA bars.
        var lanes = new LaneSet();
        var labels = new List<MapParts.PendingLabel>();
        var iovaBars = new List<MapBox>();
        foreach (int w in order)
        {
            var window = domain.Windows[w];
            double x0 = iovaAxis.Start(window.Iova), x1 = iovaAxis.End(window.IovaLast);
            iovaBars.Add(new MapBox(x0, iovaBarsTop, x1 - x0, BarHeight));
            labels.Add(MapParts.Pend(lanes, new[] { MapParts.WindowLabel(window) }, MapParts.LabelSize, MapTextRole.WindowOutside, (x0 + x1) / 2, PlotLeft, MapParts.Width - MapParts.Margin));
        }
        double lanesTop = iovaBarsTop + BarHeight + 6;
        double laneHeight = MapParts.LaneHeight(1, MapParts.LabelSize);
        double bandTop = lanesTop + lanes.Count * laneHeight + 4;
        double hostBarsTop = bandTop + BandHeight;
        double hostAxisY = hostBarsTop + BarHeight;

        var regionLanes = new LaneSet();
        var pendingRegions = MapParts.PendRegions(policy, lines, hostAxis, regionLanes);
        var (host, hostBottom) = MapParts.Axis(hostAxis, "host", "host address", hostAxisY);
        double regionsTop = hostBottom + 4;
        var regions = MapParts.Regions(pendingRegions, hostAxis, regionsTop, hostBarsTop - 8, hostAxisY, downward: true);
        double regionsBottom = regionsTop + regionLanes.Count * MapParts.LaneHeight(1, MapParts.RegionSize);

        var windows = new List<MapWindow>();
        if (domain.IsPassthrough)
        {
            var bar = new MapBox(hostAxis.Left, hostBarsTop, hostAxis.Right - hostAxis.Left, BarHeight);
            var top = new MapBox(iovaAxis.Left, iovaBarsTop, iovaAxis.Right - iovaAxis.Left, BarHeight);
            string tooltip = lines.Quote(domain.PassthroughSpan.IsEmpty ? domain.NameSpan : domain.PassthroughSpan) + "\n" +
                             $"{domain.Name} (id {domain.Id}): pass-through, every DMA address is the same host address, read and write";
            var label = MapParts.Text("pass-through: DMA address = host address, all host memory, read write", PlotLeft + 8, bandTop + BandHeight / 2, MapParts.LabelSize, MapTextRole.WindowOutside);
            windows.Add(new MapWindow("window-" + HostMapBuilder.Identifier(domain.Name) + "-0", domain.Name, 0, ulong.MaxValue, 0, ulong.MaxValue, Rights.ReadWrite,
                false, true, true, SharingState.None, WindowChange.Unchanged, false, bar, top, new MapBox(PlotLeft, bandTop, PlotRight - PlotLeft, BandHeight),
                Array.Empty<SharedStrip>(), label, null, tooltip, domain.NameSpan.Line));
        }
        for (int i = 0; i < order.Count; i++)
        {
            var window = domain.Windows[order[i]];
            double x0 = hostAxis.Start(window.HostAddress), x1 = hostAxis.End(window.HostLast);
            var bar = new MapBox(x0, hostBarsTop, x1 - x0, BarHeight);
            var strips = HostMapBuilder.Strips(analysis, hostAxis, window, bar);
            var sharing = SharingState.None;
            foreach (var strip in strips) if (strip.State == SharingState.Unmarked || sharing == SharingState.None) sharing = strip.State;
            var label = labels[i];
            double labelTop = lanesTop + label.Lane * laneHeight;
            var text = MapParts.Lines(label, labelTop)[0];
            windows.Add(new MapWindow(
                "window-" + HostMapBuilder.Identifier(domain.Name) + "-" + order[i].ToString(CultureInfo.InvariantCulture), domain.Name,
                window.HostAddress, window.HostLast, window.Iova, window.IovaLast, window.Rights, window.Shared,
                window.IsIdentity || window.Iova == window.HostAddress, false, sharing, WindowChange.Unchanged, false,
                bar, iovaBars[i], new MapBox(PlotLeft, iovaBars[i].Bottom, PlotRight - PlotLeft, hostBarsTop - iovaBars[i].Bottom),
                strips, text, new MapLine(label.Anchor, iovaBars[i].Bottom, label.Anchor, labelTop), MapParts.WindowTooltip(lines, domain, window), window.Span.Line));
        }

        var kinds = new List<RegionKind>();
        foreach (var region in regions) kinds.Add(region.Kind);
        var legend = new List<MapLegendItem>();
        double legendBottom = MapParts.Legend(legend, MapParts.LegendItems(windows, kinds, diff: false), regionsBottom + 10);
        return new MapLayout(title, MapParts.Width, Math.Ceiling(legendBottom + MapParts.Margin), headings, legend, new[] { iova, host }, regions,
            Array.Empty<MapRow>(), windows, new MapBox(PlotLeft, hostBarsTop - 8, PlotRight - PlotLeft, hostAxisY - hostBarsTop + 8));
    }
}
