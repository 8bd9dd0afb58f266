using System.Globalization;
using System.Text;
using VtdDsl.Compiler.Analysis;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// Lays out the host memory map of a policy (<c>vtd map FILE</c>): the host physical address
/// axis with empty stretches collapsed, memory, protected and reserved regions as bands, and one
/// row per domain with its windows at their host ranges. Pure: the same policy gives the same
/// layout.
/// </summary>
public static class HostMapBuilder
{
    public const double PlotLeft = 256;
    public const double PlotRight = MapParts.Width - MapParts.Margin - 8;
    public const double BarHeight = 22;
    private const double GutterWidth = PlotLeft - MapParts.Margin - 20;
    private const double NameSize = 13;
    private const double DetailSize = 10.5;

    private sealed record Bar(
        Domain Domain, int DomainIndex, int WindowIndex, Window? Window, bool Passthrough, bool Removed, string Tooltip, int Line, string Label);

    /// <summary>The map of <paramref name="policy"/>; with <paramref name="changes"/>, the diff map of a new version.</summary>
    public static MapLayout Build(Policy policy, SpecLines lines, MapChanges? changes = null)
    {
        var analysis = PolicyAnalysis.Of(policy);
        var axis = AddressAxis.Build(AxisRanges(policy, changes), PlotLeft, PlotRight);

        var headings = new List<MapText>();
        string title = changes is null ? $"Host memory map: {policy.FullName}" : $"Changes in host memory: {policy.FullName}";
        string subtitle = $"{lines.FilePath} · {Count(policy.Domains.Count, "domain")} · {Count(policy.Devices.Count, "device")} · " +
                          "host physical addresses; empty stretches collapsed at the break marks";
        double y = MapParts.Headings(headings, title, subtitle) + 10;

        var regionLanes = new LaneSet();
        var pendingRegions = MapParts.PendRegions(policy, lines, axis, regionLanes);
        double regionLanesBottom = y + regionLanes.Count * MapParts.LaneHeight(1, MapParts.RegionSize);
        double plotTop = regionLanesBottom + 4;

        var rows = new List<MapRow>();
        var windows = new List<MapWindow>();
        double rowTop = plotTop;
        foreach (int d in analysis.Index.DomainsById)
        {
            var domain = policy.Domains[d];
            var bars = Bars(policy, lines, d, changes);
            var rowChange = changes is not null && changes.AddedDomains.Contains(domain.Name) ? WindowChange.Added : WindowChange.Unchanged;
            double bottom = Row(analysis, axis, domain, d, bars, changes, rowTop, rowChange, rows, windows);
            rowTop = bottom;
        }
        if (changes is not null)
        {
            foreach (var (name, id) in changes.RemovedDomains)
            {
                var ghost = new Domain(name, default, default, id, true, default, false, default, 0, false, default, Collections.EquatableArray<Window>.Empty);
                var bars = new List<Bar>();
                int k = 0;
                foreach (var removed in changes.Removed)
                {
                    if (removed.Domain == name) bars.Add(new Bar(ghost, -1, k++, removed.Window, false, true, removed.Tooltip, removed.Window.Span.Line, MapParts.WindowLabel(removed.Window)));
                }
                rowTop = Row(analysis, axis, ghost, -1, bars, changes, rowTop, WindowChange.Removed, rows, windows);
            }
        }
        double plotBottom = Math.Max(rowTop, plotTop + 20);

        var regions = MapParts.Regions(pendingRegions, axis, regionLanesBottom, plotTop, plotBottom);
        var (hostAxis, axisBottom) = MapParts.Axis(axis, "host", "host address", plotBottom + 10);
        var legend = new List<MapLegendItem>();
        var kinds = new List<RegionKind>();
        foreach (var region in regions) kinds.Add(region.Kind);
        double legendBottom = MapParts.Legend(legend, MapParts.LegendItems(windows, kinds, changes is not null), axisBottom + 10);
        return new MapLayout(title, MapParts.Width, Math.Ceiling(legendBottom + MapParts.Margin), headings, legend, new[] { hostAxis }, regions, rows, windows,
            new MapBox(PlotLeft, plotTop, PlotRight - PlotLeft, plotBottom - plotTop));
    }

    private static IEnumerable<(ulong, ulong)> AxisRanges(Policy policy, MapChanges? changes)
    {
        foreach (var range in MapParts.RegionRanges(policy)) yield return range;
        foreach (var domain in policy.Domains)
        {
            if (domain.IsPassthrough) continue;
            foreach (var window in domain.Windows) if (window.Size > 0) yield return (window.HostAddress, window.HostLast);
        }
        if (changes is not null)
        {
            foreach (var removed in changes.Removed) if (removed.Window.Size > 0) yield return (removed.Window.HostAddress, removed.Window.HostLast);
        }
    }

    private static List<Bar> Bars(Policy policy, SpecLines lines, int d, MapChanges? changes)
    {
        var domain = policy.Domains[d];
        var bars = new List<Bar>();
        if (domain.IsPassthrough)
        {
            string tooltip = lines.Quote(domain.PassthroughSpan.IsEmpty ? domain.NameSpan : domain.PassthroughSpan) + "\n" +
                             $"{domain.Name} (id {domain.Id}): pass-through, every host address with read and write";
            bars.Add(new Bar(domain, d, 0, null, true, false, tooltip, domain.NameSpan.Line, "pass-through: all host memory, read write"));
            return bars;
        }
        var order = new List<int>();
        for (int w = 0; w < domain.Windows.Count; w++) if (domain.Windows[w].Size > 0) order.Add(w);
        order.Sort((a, b) =>
        {
            var x = domain.Windows[a];
            var y = domain.Windows[b];
            return x.HostAddress != y.HostAddress ? x.HostAddress.CompareTo(y.HostAddress) : x.Iova != y.Iova ? x.Iova.CompareTo(y.Iova) : a.CompareTo(b);
        });
        foreach (int w in order)
        {
            var window = domain.Windows[w];
            string tooltip = MapParts.WindowTooltip(lines, domain, window);
            if (changes is not null && changes.Marks.TryGetValue((d, w), out var mark) && mark.Note.Length > 0) tooltip += "\n" + mark.Note;
            bars.Add(new Bar(domain, d, w, window, false, false, tooltip, window.Span.Line, MapParts.WindowLabel(window)));
        }
        if (changes is not null)
        {
            int k = 0;
            foreach (var removed in changes.Removed)
            {
                if (removed.Domain == domain.Name) bars.Add(new Bar(domain, d, k++, removed.Window, false, true, removed.Tooltip, removed.Window.Span.Line, MapParts.WindowLabel(removed.Window)));
            }
        }
        return bars;
    }

    /// <summary>Lays out one domain's row from <paramref name="top"/>; returns its bottom.</summary>
    private static double Row(
        PolicyAnalysis analysis, AddressAxis axis, Domain domain, int d, List<Bar> bars, MapChanges? changes, double top, WindowChange rowChange,
        List<MapRow> rows, List<MapWindow> windows)
    {
        // Gutter: name, id and width, devices.
        var gutter = new List<MapText>();
        double x = MapParts.Margin + 4;
        double baseline = top + 8 + TextMeasure.Ascent * NameSize;
        string name = rowChange == WindowChange.Removed ? domain.Name + " (removed)" : rowChange == WindowChange.Added ? domain.Name + " (added)" : domain.Name;
        gutter.Add(MapParts.Text(Fit(name, NameSize, true), x, baseline, NameSize, MapTextRole.DomainName, bold: true));
        baseline += TextMeasure.LineHeight * DetailSize + 2;
        string detail = d < 0 ? $"id {domain.Id} (old version)"
            : domain.IsPassthrough ? $"id {domain.Id} · pass-through"
            : $"id {domain.Id} · {domain.AddressWidth}-bit · {Count(domain.Windows.Count, "window")}";
        gutter.Add(MapParts.Text(detail, x, baseline, DetailSize, MapTextRole.DomainDetail));
        if (d >= 0)
        {
            var devices = new List<string>();
            foreach (int device in analysis.Index.DevicesOf[d]) devices.Add(DeviceText(analysis.Policy.Devices[device]));
            if (devices.Count == 0) devices.Add("no devices");
            foreach (string line in Wrap(devices, DetailSize, GutterWidth))
            {
                baseline += TextMeasure.LineHeight * DetailSize;
                gutter.Add(MapParts.Text(line, x, baseline, DetailSize, MapTextRole.DomainDetail));
            }
        }
        double gutterBottom = baseline + (TextMeasure.LineHeight - TextMeasure.Ascent) * DetailSize;

        // Bars in tracks: a bar goes to the first track it does not overlap.
        double barsTop = top + 8;
        var trackEnds = new List<double>();
        var placed = new List<(Bar Bar, MapBox Box)>();
        foreach (var bar in bars)
        {
            double x0 = bar.Passthrough ? axis.Left : axis.Start(bar.Window!.HostAddress);
            double x1 = bar.Passthrough ? axis.Right : axis.End(bar.Window!.HostLast);
            int track = 0;
            while (track < trackEnds.Count && trackEnds[track] > x0 + 0.01) track++;
            if (track == trackEnds.Count) trackEnds.Add(x1);
            else trackEnds[track] = x1;
            placed.Add((bar, new MapBox(x0, barsTop + track * (BarHeight + 3), x1 - x0, BarHeight)));
        }
        double barsBottom = barsTop + Math.Max(1, trackEnds.Count) * (BarHeight + 3) - 3;

        // Labels: inside the bar when they fit, otherwise in lanes below the bars.
        var lanes = new LaneSet();
        var outside = new List<(int Index, MapParts.PendingLabel Label)>();
        var inside = new MapText?[placed.Count];
        for (int i = 0; i < placed.Count; i++)
        {
            var (bar, box) = placed[i];
            double width = TextMeasure.Width(bar.Label, MapParts.LabelSize);
            if (width + 10 <= box.Width)
            {
                double textBaseline = box.Y + box.Height / 2 + 0.36 * MapParts.LabelSize;
                inside[i] = MapParts.Text(bar.Label, box.X + (box.Width - width) / 2, textBaseline, MapParts.LabelSize, MapTextRole.WindowInside);
            }
            else
            {
                outside.Add((i, MapParts.Pend(lanes, new[] { bar.Label }, MapParts.LabelSize, MapTextRole.WindowOutside, box.X + box.Width / 2, PlotLeft, MapParts.Width - MapParts.Margin)));
            }
        }
        double lanesTop = barsBottom + 6;
        double laneHeight = MapParts.LaneHeight(1, MapParts.LabelSize);
        var outsideText = new MapText?[placed.Count];
        var leaders = new MapLine?[placed.Count];
        foreach (var (i, label) in outside)
        {
            double labelTop = lanesTop + label.Lane * laneHeight;
            outsideText[i] = MapParts.Lines(label, labelTop)[0];
            leaders[i] = new MapLine(label.Anchor, placed[i].Box.Bottom, label.Anchor, labelTop);
        }
        double bottom = Math.Max(gutterBottom, lanesTop + lanes.Count * laneHeight) + 8;

        for (int i = 0; i < placed.Count; i++)
        {
            var (bar, box) = placed[i];
            var strips = bar.Passthrough || bar.Removed ? new List<SharedStrip>() : Strips(analysis, axis, bar.Window!, box);
            var sharing = SharingState.None;
            if (bar.Passthrough)
            {
                foreach (var range in analysis.SharedMemory.Ranges)
                {
                    if (range.Unmarked) sharing = SharingState.Unmarked;
                    else if (sharing == SharingState.None) sharing = SharingState.Marked;
                }
            }
            foreach (var strip in strips)
            {
                if (strip.State == SharingState.Unmarked || sharing == SharingState.None) sharing = strip.State;
            }
            var change = WindowChange.Unchanged;
            bool gains = false;
            if (bar.Removed) change = WindowChange.Removed;
            else if (changes is not null && changes.Marks.TryGetValue((bar.DomainIndex, bar.WindowIndex), out var mark))
            {
                change = mark.Change;
                gains = mark.GainsWrite;
            }
            var window = bar.Window;
            string id = (bar.Removed ? "removed-" : "window-") + Identifier(domain.Name) + "-" + bar.WindowIndex.ToString(CultureInfo.InvariantCulture);
            windows.Add(new MapWindow(
                id, domain.Name,
                window?.HostAddress ?? 0, window?.HostLast ?? ulong.MaxValue,
                window?.Iova ?? 0, window?.IovaLast ?? ulong.MaxValue,
                window?.Rights ?? Rights.ReadWrite, window?.Shared ?? false,
                window is not null && (window.IsIdentity || window.Iova == window.HostAddress), bar.Passthrough,
                sharing, change, gains, box, null, null, strips, inside[i] ?? outsideText[i], leaders[i], bar.Tooltip, bar.Line));
        }
        rows.Add(new MapRow(domain.Name, domain.Id, new MapBox(MapParts.Margin, top, MapParts.Width - 2 * MapParts.Margin, bottom - top), gutter, rowChange));
        return bottom;
    }

    /// <summary>The parts of a window's bar whose host memory another domain reaches too (one of them with write).</summary>
    internal static List<SharedStrip> Strips(PolicyAnalysis analysis, AddressAxis axis, Window window, MapBox bar)
    {
        var strips = new List<SharedStrip>();
        foreach (var range in analysis.SharedMemory.Ranges)
        {
            ulong first = range.First, last = range.Last;
            if (last < window.HostAddress || first > window.HostLast) continue;
            double x0 = axis.Start(Math.Max(first, window.HostAddress));
            double x1 = axis.End(Math.Min(last, window.HostLast));
            strips.Add(new SharedStrip(new MapBox(x0, bar.Bottom - 6, x1 - x0, 6), range.Unmarked ? SharingState.Unmarked : SharingState.Marked));
        }
        return strips;
    }

    private static string DeviceText(Device device)
    {
        string source = device.Source.Segment == 0 ? device.Source.ToString().Substring(5) : device.Source.ToString();
        return device.Name is null ? source : device.Name + " " + source;
    }

    /// <summary>Joins the items with ", " into lines no wider than <paramref name="width"/>.</summary>
    private static List<string> Wrap(List<string> items, double size, double width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        for (int i = 0; i < items.Count; i++)
        {
            string item = Fit(items[i] + (i + 1 < items.Count ? "," : ""), size, false, width);
            string candidate = line.Length == 0 ? item : line + " " + item;
            if (line.Length > 0 && TextMeasure.Width(candidate, size) > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(item);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    /// <summary>The text, shortened with an ellipsis if it is wider than the gutter.</summary>
    private static string Fit(string text, double size, bool bold, double width = GutterWidth)
    {
        if (TextMeasure.Width(text, size, bold) <= width) return text;
        for (int length = text.Length - 1; length > 0; length--)
        {
            string shorter = text.Substring(0, length) + "…";
            if (TextMeasure.Width(shorter, size, bold) <= width) return shorter;
        }
        return "…";
    }

    internal static string Identifier(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name) text.Append(char.IsLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
        return text.ToString();
    }

    internal static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
