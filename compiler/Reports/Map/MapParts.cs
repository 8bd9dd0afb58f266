namespace VtdDsl.Compiler.Reports.Map;

/// <summary>Layout pieces both maps share: headings, the legend, axes with ticks, region bands, labels in lanes.</summary>
internal static class MapParts
{
    public const double Width = 1280;
    public const double Margin = 16;
    public const double TitleSize = 18;
    public const double SubtitleSize = 12;
    public const double LegendSize = 11;
    public const double TickSize = 10;
    public const double RegionSize = 11;
    public const double LabelSize = 10.5;
    public const double AxisTitleSize = 11;

    /// <summary>A label waiting for its lane: its text, width, the x it names, and the interval it wants.</summary>
    public sealed record PendingLabel(IReadOnlyList<string> Lines, double FontSize, MapTextRole Role, double Anchor, double Left, double Width, int Lane);

    /// <summary>The title and subtitle; returns the y below them.</summary>
    public static double Headings(List<MapText> headings, string title, string subtitle)
    {
        double y = Margin + TextMeasure.Ascent * TitleSize + 2;
        headings.Add(Text(title, Margin, y, TitleSize, MapTextRole.Title, bold: true));
        y += 8 + TextMeasure.Ascent * SubtitleSize + 4;
        headings.Add(Text(subtitle, Margin, y, SubtitleSize, MapTextRole.Subtitle));
        return y + (TextMeasure.LineHeight - TextMeasure.Ascent) * SubtitleSize;
    }

    /// <summary>Legend entries left to right, wrapping at the right margin; returns the y below them.</summary>
    public static double Legend(List<MapLegendItem> legend, IEnumerable<(string Key, string Text)> items, double top)
    {
        double x = Margin, lineTop = top;
        double lineHeight = TextMeasure.LineHeight * LegendSize + 4;
        foreach (var (key, text) in items)
        {
            double width = 22 + TextMeasure.Width(text, LegendSize);
            if (x > Margin && x + width > Width - Margin)
            {
                x = Margin;
                lineTop += lineHeight;
            }
            double baseline = lineTop + TextMeasure.Ascent * LegendSize;
            var swatch = new MapBox(x, lineTop + 1, 16, TextMeasure.LineHeight * LegendSize - 2);
            legend.Add(new MapLegendItem(key, swatch, Text(text, x + 22, baseline, LegendSize, MapTextRole.Legend)));
            x += width + 18;
        }
        return lineTop + lineHeight;
    }

    public static MapText Text(string text, double x, double baseline, double size, MapTextRole role, bool bold = false) =>
        new(text, x, baseline, size, role, TextMeasure.Box(text, x, baseline, size, bold));

    /// <summary>
    /// A label for <paramref name="anchor"/>, kept between <paramref name="min"/> and
    /// <paramref name="max"/>: centred on it if it fits, else starting or ending at it, in the
    /// lowest lane free for one of those.
    /// </summary>
    public static PendingLabel Pend(LaneSet lanes, IReadOnlyList<string> lines, double size, MapTextRole role, double anchor, double min, double max, bool bold = false)
    {
        double width = 0;
        foreach (string line in lines) width = Math.Max(width, TextMeasure.Width(line, size, bold));
        double Clamp(double left) => Math.Max(min, Math.Min(left, max - width));
        var lefts = new[] { Clamp(anchor - width / 2), Clamp(anchor - 3), Clamp(anchor + 3 - width) };
        var (lane, chosen) = lanes.Place(lefts, width, anchor);
        return new PendingLabel(lines, size, role, anchor, chosen, width, lane);
    }

    /// <summary>Height of one lane for labels of <paramref name="lines"/> lines at <paramref name="size"/>.</summary>
    public static double LaneHeight(int lines, double size) => lines * TextMeasure.LineHeight * size + 3;

    /// <summary>The texts of a pending label whose box starts at <paramref name="top"/>; each line centred in the label's interval.</summary>
    public static List<MapText> Lines(PendingLabel label, double top, bool bold = false)
    {
        var texts = new List<MapText>(label.Lines.Count);
        double y = top;
        foreach (string line in label.Lines)
        {
            double width = TextMeasure.Width(line, label.FontSize, bold);
            double x = label.Left + (label.Width - width) / 2;
            texts.Add(Text(line, x, y + TextMeasure.Ascent * label.FontSize, label.FontSize, label.Role, bold));
            y += TextMeasure.LineHeight * label.FontSize;
        }
        return texts;
    }

    /// <summary>
    /// An axis with a tick at every segment boundary, labelled with the address in hex and in
    /// readable units, in lanes below the axis at <paramref name="y"/> (or, with
    /// <paramref name="labelsAbove"/>, in lanes starting at <paramref name="y"/> with the axis
    /// under them); returns the axis and the y below it and its labels.
    /// </summary>
    public static (MapAxis Axis, double Bottom) Axis(AddressAxis axis, string name, string title, double y, bool labelsAbove = false)
    {
        var lanes = new LaneSet();
        var pending = new List<(ulong? Address, double X, PendingLabel Label)>();
        var seen = new HashSet<double>();
        void Tick(ulong? address, double x)
        {
            if (!seen.Add(Math.Round(x, 3))) return;
            string hex = address is { } a ? Format.Hex(a) : "2^64";
            string human = address is { } b ? (b == 0 ? "" : Format.Position(b)) : "16 EiB";
            var lines = human.Length == 0 ? new[] { hex } : new[] { hex, human };
            pending.Add((address, x, Pend(lanes, lines, TickSize, MapTextRole.Tick, x, axis.Left - 40, Width - Margin)));
        }
        foreach (var segment in axis.Segments) Tick(segment.First, segment.X0);
        var lastSegment = axis.Segments[axis.Segments.Count - 1];
        Tick(lastSegment.Last == ulong.MaxValue ? null : lastSegment.Last + 1, lastSegment.X1);

        double laneHeight = LaneHeight(2, TickSize);
        double axisY = labelsAbove ? y + lanes.Count * laneHeight + 8 : y;
        var ticks = new List<MapTick>(pending.Count);
        foreach (var (address, x, label) in pending)
        {
            if (labelsAbove)
            {
                double top = axisY - 8 - (label.Lane + 1) * laneHeight;
                var texts = Lines(label, top);
                ticks.Add(new MapTick(address, x, axisY, texts, new MapLine(x, axisY, x, texts[texts.Count - 1].Box.Bottom)));
            }
            else
            {
                double top = axisY + 8 + label.Lane * laneHeight;
                ticks.Add(new MapTick(address, x, axisY, Lines(label, top), new MapLine(x, axisY, x, top)));
            }
        }
        var breaks = new List<(double, double)>();
        foreach (var segment in axis.Segments)
        {
            if (segment.IsGap) breaks.Add((segment.X0, segment.X1));
        }
        double titleBaseline = axisY + TextMeasure.Ascent * AxisTitleSize / 2;
        var titleText = Text(title, Margin, titleBaseline, AxisTitleSize, MapTextRole.AxisTitle, bold: true);
        double bottom = labelsAbove ? axisY + 6 : axisY + 8 + lanes.Count * laneHeight;
        return (new MapAxis(name, axisY, axis.Left, axis.Right, breaks, ticks, titleText), bottom);
    }

    /// <summary>The host ranges of the regions every map draws (memory, protected, reserved), for its host axis.</summary>
    public static IEnumerable<(ulong First, ulong Last)> RegionRanges(Policy policy)
    {
        foreach (var region in policy.Memory) if (region.Size > 0) yield return (region.Base, region.Last);
        foreach (var region in policy.Protected) if (region.Size > 0) yield return (region.Base, region.Last);
        foreach (var region in ReservedRegions.Of(policy)) if (region.Size > 0) yield return (region.Base, region.Last);
    }

    /// <summary>The regions in address order with their names placed in <paramref name="lanes"/>; the bands are filled in once the plot's height is known.</summary>
    public static List<(RegionKind Kind, string Name, ulong First, ulong Last, PendingLabel Label, string Tooltip, int Line)> PendRegions(
        Policy policy, SpecLines lines, AddressAxis axis, LaneSet lanes)
    {
        var regions = new List<(RegionKind, string, ulong, ulong, PendingLabel, string, int)>();
        void Add(RegionKind kind, MemoryRegion region)
        {
            if (region.Size == 0) return;
            double x0 = axis.Start(region.Base), x1 = axis.End(region.Last);
            string text = kind switch
            {
                RegionKind.Protected => "protect " + region.Name,
                RegionKind.Reserved => "reserved " + region.Name,
                _ => region.Name,
            };
            var label = Pend(lanes, new[] { text }, RegionSize, MapTextRole.RegionName, (x0 + x1) / 2, axis.Left, Width - Margin);
            string tooltip = lines.Quote(region.Span) + "\n" + text + ": host " + Format.Range(region.Base, region.Last) + ", " + Format.Size(region.Size);
            regions.Add((kind, region.Name, region.Base, region.Last, label, tooltip, region.Span.Line));
        }
        foreach (var region in Sorted(policy.Memory)) Add(RegionKind.Memory, region);
        foreach (var region in Sorted(policy.Protected)) Add(RegionKind.Protected, region);
        foreach (var region in ReservedRegions.Of(policy)) Add(RegionKind.Reserved, region);
        return regions;
    }

    /// <summary>
    /// Turns pending region labels into regions whose bands run from <paramref name="plotTop"/> to
    /// <paramref name="plotBottom"/>; the labels' lanes stack up from <paramref name="lanesEdge"/> (or down from it).
    /// </summary>
    public static List<MapRegion> Regions(
        List<(RegionKind Kind, string Name, ulong First, ulong Last, PendingLabel Label, string Tooltip, int Line)> pending,
        AddressAxis axis, double lanesEdge, double plotTop, double plotBottom, bool downward = false)
    {
        double laneHeight = LaneHeight(1, RegionSize);
        var regions = new List<MapRegion>(pending.Count);
        foreach (var (kind, name, first, last, label, tooltip, line) in pending)
        {
            double top = downward ? lanesEdge + label.Lane * laneHeight : lanesEdge - (label.Lane + 1) * laneHeight;
            var text = Lines(label, top)[0];
            double x0 = axis.Start(first), x1 = axis.End(last);
            var leader = label.Lane == 0 || downward ? (MapLine?)null : new MapLine(label.Anchor, text.Box.Bottom, label.Anchor, plotTop);
            regions.Add(new MapRegion(kind, name, first, last, new MapBox(x0, plotTop, x1 - x0, plotBottom - plotTop), text, leader, tooltip, line));
        }
        return regions;
    }

    public static IEnumerable<MemoryRegion> Sorted(IEnumerable<MemoryRegion> regions)
    {
        var list = new List<MemoryRegion>(regions);
        list.Sort((a, b) => a.Base != b.Base ? a.Base.CompareTo(b.Base) : string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    /// <summary>The text of a window's label: DMA address (or identity), size, rights, shared.</summary>
    public static string WindowLabel(Window window)
    {
        string where = window.IsIdentity || window.Iova == window.HostAddress ? "identity" : "DMA " + Format.Hex(window.Iova);
        return $"{where} · {Format.Size(window.Size)} {Format.ShortRights(window.Rights)}" + (window.Shared ? " · shared" : "");
    }

    /// <summary>The tooltip of a window: its spec line, then its exact ranges.</summary>
    public static string WindowTooltip(SpecLines lines, Domain domain, Window window) =>
        lines.Quote(window.Span) + "\n" +
        $"{domain.Name} (id {domain.Id}): DMA {Format.Range(window.Iova, window.IovaLast)} -> host {Format.Range(window.HostAddress, window.HostLast)}, " +
        $"{Format.Size(window.Size)}, {window.Rights.ToKeywords()}" + (window.Shared ? ", shared" : "") +
        (window.IsIdentity || window.Iova == window.HostAddress ? ", identity" : "");

    /// <summary>The legend entries for what the map actually shows.</summary>
    public static List<(string Key, string Text)> LegendItems(IEnumerable<MapWindow> windows, IEnumerable<RegionKind> regions, bool diff)
    {
        bool read = false, readWrite = false, write = false, identity = false, translated = false, passthrough = false, marked = false, unmarked = false;
        bool added = false, removed = false, changed = false, gains = false;
        foreach (var window in windows)
        {
            if (window.Passthrough) passthrough = true;
            else
            {
                read |= window.Rights == Rights.Read;
                readWrite |= window.Rights == Rights.ReadWrite;
                write |= window.Rights == Rights.Write;
                identity |= window.Identity;
                translated |= !window.Identity;
            }
            foreach (var strip in window.Strips)
            {
                marked |= strip.State == SharingState.Marked;
                unmarked |= strip.State == SharingState.Unmarked;
            }
            added |= window.Change == WindowChange.Added;
            removed |= window.Change == WindowChange.Removed;
            changed |= window.Change == WindowChange.Changed;
            gains |= window.GainsWrite;
        }
        bool memory = false, protect = false, reserved = false;
        foreach (var kind in regions)
        {
            memory |= kind == RegionKind.Memory;
            protect |= kind == RegionKind.Protected;
            reserved |= kind == RegionKind.Reserved;
        }
        var items = new List<(string, string)>();
        if (read) items.Add(("read", "read"));
        if (readWrite) items.Add(("read-write", "read write"));
        if (write) items.Add(("write", "write only"));
        if (translated && identity) items.Add(("translated", "translated (filled)"));
        if (identity) items.Add(("identity", "identity (outlined)"));
        if (passthrough) items.Add(("passthrough", "pass-through: all host memory"));
        if (marked) items.Add(("shared-marked", "shared with another domain, marked shared"));
        if (unmarked) items.Add(("shared-unmarked", "shared with another domain, NOT marked shared"));
        if (memory) items.Add(("memory", "memory"));
        if (protect) items.Add(("protected", "protected: no device may reach"));
        if (reserved) items.Add(("reserved", "reserved"));
        if (diff)
        {
            if (gains) items.Add(("gains-write", "GAINS WRITE"));
            if (added) items.Add(("added", "added"));
            if (changed) items.Add(("changed", "changed"));
            if (removed) items.Add(("removed", "removed (old version)"));
        }
        return items;
    }
}
