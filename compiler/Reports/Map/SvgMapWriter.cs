using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// Writes a <see cref="MapLayout"/> as one self-contained SVG: no scripts, no external fonts,
/// styles as attributes. Every window and region is a <c>&lt;g&gt;</c> with its exact values in
/// <c>data-*</c> attributes and a <c>&lt;title&gt;</c> tooltip quoting its spec line.
/// </summary>
public static class SvgMapWriter
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";
    public const string FontFamily = "'DejaVu Sans', Verdana, 'Liberation Sans', Arial, sans-serif";

    /// <summary>The map as an SVG document (UTF-8, <c>\n</c> line ends, ends with a newline).</summary>
    public static string ToSvg(MapLayout layout)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = false, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            Write(layout, xml, "map");
            xml.WriteEndDocument();
        }
        return text.ToString().Replace("<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + "\n";
    }

    /// <summary>Writes the <c>&lt;svg&gt;</c> element; <paramref name="idPrefix"/> keeps ids unique when a page holds several maps.</summary>
    public static void Write(MapLayout layout, XmlWriter xml, string idPrefix)
    {
        xml.WriteStartElement("svg", SvgNamespace);
        Attr(xml, "width", layout.Width);
        Attr(xml, "height", layout.Height);
        xml.WriteAttributeString("viewBox", $"0 0 {Number(layout.Width)} {Number(layout.Height)}");
        xml.WriteAttributeString("role", "img");
        xml.WriteAttributeString("aria-labelledby", idPrefix + "-title");
        xml.WriteAttributeString("font-family", FontFamily);
        xml.WriteAttributeString("class", "vtd-map");
        xml.WriteStartElement("title");
        xml.WriteAttributeString("id", idPrefix + "-title");
        xml.WriteString(layout.Title);
        xml.WriteEndElement();
        Definitions(xml, idPrefix);
        Rect(xml, new MapBox(0, 0, layout.Width, layout.Height), "#ffffff");

        Group(xml, "regions");
        int memory = 0;
        foreach (var region in layout.Regions) Region(xml, region, idPrefix, memory++);
        xml.WriteEndElement();

        Group(xml, "gaps");
        foreach (var axis in layout.Axes)
        {
            if (axis.Name != "host" && layout.Axes.Count > 1) continue;
            foreach (var (x0, x1) in axis.Breaks)
            {
                Rect(xml, new MapBox(x0, layout.Plot.Y, x1 - x0, layout.Plot.Height), "#ffffff", "#cbd5e0", dash: "2 3");
            }
        }
        xml.WriteEndElement();

        Group(xml, "rows");
        foreach (var row in layout.Rows) Row(xml, row);
        xml.WriteEndElement();

        Group(xml, "windows");
        foreach (var window in layout.Windows) Window(xml, window, idPrefix);
        xml.WriteEndElement();

        Group(xml, "labels");
        foreach (var region in layout.Regions)
        {
            if (region.Leader is { } leader) Line(xml, leader, region.Kind == RegionKind.Protected ? MapColours.Protected : MapColours.Rule);
            Text(xml, region.Label, region.Kind switch
            {
                RegionKind.Protected => MapColours.Protected,
                RegionKind.Reserved => MapColours.Reserved,
                _ => MapColours.Muted,
            });
        }
        foreach (var window in layout.Windows)
        {
            if (window.Label is null) continue;
            if (window.Leader is { } leader) Line(xml, leader, "#a0aec0");
            string colour = window.Label.Role == MapTextRole.WindowInside && !window.Identity && !window.Passthrough && window.Change != WindowChange.Removed
                ? MapColours.TextOn(window.Rights)
                : MapColours.Ink;
            Text(xml, window.Label, colour, idPrefix + "-label-" + window.Id, halo: window.Passthrough || window.Label.Role == MapTextRole.WindowOutside);
        }
        xml.WriteEndElement();

        foreach (var axis in layout.Axes) Axis(xml, axis);
        Legend(xml, layout.Legend, idPrefix);
        foreach (var heading in layout.Headings) Text(xml, heading, heading.Role == MapTextRole.Title ? MapColours.Ink : MapColours.Muted);
        xml.WriteEndElement();
    }

    private static void Definitions(XmlWriter xml, string prefix)
    {
        xml.WriteStartElement("defs");
        Hatch(xml, prefix + "-protected", "#fdecea", MapColours.Protected, 2.5);
        Hatch(xml, prefix + "-reserved", "#fdf3dc", MapColours.Reserved, 2);
        Hatch(xml, prefix + "-passthrough", "#fde3c8", MapColours.ReadWrite, 4);
        xml.WriteEndElement();
    }

    private static void Hatch(XmlWriter xml, string id, string background, string stroke, double width)
    {
        xml.WriteStartElement("pattern");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("width", "8");
        xml.WriteAttributeString("height", "8");
        xml.WriteAttributeString("patternUnits", "userSpaceOnUse");
        xml.WriteAttributeString("patternTransform", "rotate(45)");
        Rect(xml, new MapBox(0, 0, 8, 8), background);
        Line(xml, new MapLine(0, 0, 0, 8), stroke, width);
        xml.WriteEndElement();
    }

    private static void Region(XmlWriter xml, MapRegion region, string prefix, int index)
    {
        xml.WriteStartElement("g");
        xml.WriteAttributeString("id", prefix + "-" + region.Id);
        xml.WriteAttributeString("class", "region");
        xml.WriteAttributeString("data-kind", region.Kind switch { RegionKind.Protected => "protect", RegionKind.Reserved => "reserved", _ => "memory" });
        xml.WriteAttributeString("data-name", region.Name);
        xml.WriteAttributeString("data-host-first", DataHex(region.First));
        xml.WriteAttributeString("data-host-last", DataHex(region.Last));
        xml.WriteAttributeString("data-rights", "none");
        xml.WriteAttributeString("data-line", region.Line.ToString(CultureInfo.InvariantCulture));
        Title(xml, region.Tooltip);
        switch (region.Kind)
        {
            case RegionKind.Protected:
                Rect(xml, region.Band, $"url(#{prefix}-protected)", MapColours.Protected, opacity: 0.85, strokeWidth: 1.5);
                break;
            case RegionKind.Reserved:
                Rect(xml, region.Band, $"url(#{prefix}-reserved)", MapColours.Reserved, opacity: 0.85, strokeWidth: 1.5, dash: "5 3");
                break;
            default:
                Rect(xml, region.Band, index % 2 == 0 ? MapColours.MemoryA : MapColours.MemoryB, "#ffffff", strokeWidth: 1);
                break;
        }
        xml.WriteEndElement();
    }

    private static void Row(XmlWriter xml, MapRow row)
    {
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "row");
        xml.WriteAttributeString("data-domain", row.Domain);
        xml.WriteAttributeString("data-id", row.Id.ToString(CultureInfo.InvariantCulture));
        Attr(xml, "data-top", row.Box.Y);
        Attr(xml, "data-bottom", row.Box.Bottom);
        Line(xml, new MapLine(row.Box.X, row.Box.Bottom, row.Box.Right, row.Box.Bottom), "#a0aec0", 0.75);
        foreach (var text in row.Gutter)
        {
            string colour = row.Change switch
            {
                WindowChange.Added => MapColours.Added,
                WindowChange.Removed => MapColours.Removed,
                _ => text.Role == MapTextRole.DomainName ? MapColours.Ink : MapColours.Muted,
            };
            Text(xml, text, colour);
        }
        xml.WriteEndElement();
    }

    private static void Window(XmlWriter xml, MapWindow window, string prefix)
    {
        xml.WriteStartElement("g");
        xml.WriteAttributeString("id", prefix + "-" + window.Id);
        xml.WriteAttributeString("class", window.Passthrough ? "window passthrough" : "window");
        xml.WriteAttributeString("data-domain", window.Domain);
        xml.WriteAttributeString("data-host-first", DataHex(window.HostFirst));
        xml.WriteAttributeString("data-host-last", DataHex(window.HostLast));
        xml.WriteAttributeString("data-iova-first", DataHex(window.IovaFirst));
        xml.WriteAttributeString("data-iova-last", DataHex(window.IovaLast));
        xml.WriteAttributeString("data-rights", window.Rights.ToKeywords());
        if (window.Shared) xml.WriteAttributeString("data-shared", "true");
        if (window.Identity) xml.WriteAttributeString("data-identity", "true");
        if (window.Sharing != SharingState.None) xml.WriteAttributeString("data-sharing", window.Sharing == SharingState.Marked ? "marked" : "unmarked");
        if (window.Change != WindowChange.Unchanged) xml.WriteAttributeString("data-change", window.Change.ToString().ToLowerInvariant());
        if (window.GainsWrite) xml.WriteAttributeString("data-gains-write", "true");
        xml.WriteAttributeString("data-line", window.Line.ToString(CultureInfo.InvariantCulture));
        Title(xml, window.Tooltip);

        string fill = MapColours.Fill(window.Rights);
        if (window.IovaBar is { } iova && window.Band is { } band) Band(xml, window, iova, band, window.Bar);
        foreach (var bar in window.IovaBar is { } top ? new[] { top, window.Bar } : new[] { window.Bar })
        {
            if (window.Change == WindowChange.Removed)
                Rect(xml, bar, "#ffffff", MapColours.Removed, opacity: 0.9, strokeWidth: 1.5, dash: "4 3", cls: "bar");
            else if (window.Passthrough)
                Rect(xml, bar, $"url(#{prefix}-passthrough)", MapColours.Edge(Rights.ReadWrite), strokeWidth: 1.5, cls: "bar");
            else if (window.Identity)
                Rect(xml, bar, fill, fill, fillOpacity: 0.28, strokeWidth: 2, cls: "bar");
            else
                Rect(xml, bar, fill, MapColours.Edge(window.Rights), strokeWidth: 1, cls: "bar");
        }
        foreach (var strip in window.Strips)
        {
            Rect(xml, strip.Box, strip.State == SharingState.Marked ? MapColours.SharedMarked : MapColours.SharedUnmarked, cls: "shared-strip");
        }
        if (window.Change is WindowChange.Added or WindowChange.Changed || window.GainsWrite)
        {
            string colour = window.GainsWrite ? MapColours.GainsWrite : window.Change == WindowChange.Added ? MapColours.Added : MapColours.Changed;
            Rect(xml, window.Bar.Inflate(2.5), "none", colour, strokeWidth: window.GainsWrite ? 3 : 2, dash: window.Change == WindowChange.Changed && !window.GainsWrite ? "5 2" : null, cls: "change");
        }
        xml.WriteEndElement();
    }

    private static void Band(XmlWriter xml, MapWindow window, MapBox iova, MapBox band, MapBox host)
    {
        xml.WriteStartElement("path");
        xml.WriteAttributeString("class", "band");
        double mid = (band.Y + band.Bottom) / 2;
        xml.WriteAttributeString("d",
            $"M{Number(iova.X)},{Number(band.Y)} C{Number(iova.X)},{Number(mid)} {Number(host.X)},{Number(mid)} {Number(host.X)},{Number(band.Bottom)} " +
            $"L{Number(host.Right)},{Number(band.Bottom)} C{Number(host.Right)},{Number(mid)} {Number(iova.Right)},{Number(mid)} {Number(iova.Right)},{Number(band.Y)} Z");
        xml.WriteAttributeString("fill", MapColours.Fill(window.Rights));
        xml.WriteAttributeString("fill-opacity", "0.28");
        xml.WriteAttributeString("stroke", MapColours.Fill(window.Rights));
        xml.WriteAttributeString("stroke-width", "1");
        xml.WriteEndElement();
    }

    private static void Axis(XmlWriter xml, MapAxis axis)
    {
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "axis");
        xml.WriteAttributeString("data-axis", axis.Name);
        Text(xml, axis.Title, MapColours.Ink);
        double from = axis.Left;
        foreach (var (x0, x1) in axis.Breaks)
        {
            if (x0 > from) Line(xml, new MapLine(from, axis.Y, x0, axis.Y), MapColours.Ink, 1.5);
            Line(xml, new MapLine(x0 + 3, axis.Y + 6, x0 + 8, axis.Y - 6), MapColours.Ink, 1.5);
            Line(xml, new MapLine(x1 - 8, axis.Y + 6, x1 - 3, axis.Y - 6), MapColours.Ink, 1.5);
            from = x1;
        }
        if (axis.Right > from) Line(xml, new MapLine(from, axis.Y, axis.Right, axis.Y), MapColours.Ink, 1.5);
        foreach (var tick in axis.Ticks)
        {
            xml.WriteStartElement("g");
            xml.WriteAttributeString("class", "tick");
            xml.WriteAttributeString("data-address", tick.Address is { } address ? DataHex(address) : "2^64");
            Line(xml, new MapLine(tick.X, axis.Y - 4, tick.X, axis.Y + 4), MapColours.Ink, 1);
            if (Math.Abs(tick.Leader.Y2 - tick.Leader.Y1) > 10) Line(xml, new MapLine(tick.X, tick.Leader.Y2 > axis.Y ? axis.Y + 4 : axis.Y - 4, tick.X, tick.Leader.Y2), "#a0aec0", 0.75);
            foreach (var label in tick.Labels) Text(xml, label, label == tick.Labels[0] ? MapColours.Ink : MapColours.Muted);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Legend(XmlWriter xml, IReadOnlyList<MapLegendItem> legend, string prefix)
    {
        Group(xml, "legend");
        foreach (var item in legend)
        {
            var box = item.Swatch;
            switch (item.Key)
            {
                case "read": Rect(xml, box, MapColours.Read, MapColours.Edge(Rights.Read)); break;
                case "read-write": Rect(xml, box, MapColours.ReadWrite, MapColours.Edge(Rights.ReadWrite)); break;
                case "write": Rect(xml, box, MapColours.Write, MapColours.Edge(Rights.Write)); break;
                case "translated": Rect(xml, box, "#a0aec0", "#4a5568"); break;
                case "identity": Rect(xml, box, "#a0aec0", "#4a5568", fillOpacity: 0.28, strokeWidth: 2); break;
                case "passthrough": Rect(xml, box, $"url(#{prefix}-passthrough)", MapColours.Edge(Rights.ReadWrite)); break;
                case "shared-marked": Rect(xml, new MapBox(box.X, box.Bottom - 6, box.Width, 6), MapColours.SharedMarked); break;
                case "shared-unmarked": Rect(xml, new MapBox(box.X, box.Bottom - 6, box.Width, 6), MapColours.SharedUnmarked); break;
                case "memory": Rect(xml, box, MapColours.MemoryB, MapColours.Rule); break;
                case "protected": Rect(xml, box, $"url(#{prefix}-protected)", MapColours.Protected); break;
                case "reserved": Rect(xml, box, $"url(#{prefix}-reserved)", MapColours.Reserved, dash: "3 2"); break;
                case "gains-write": Rect(xml, box, "none", MapColours.GainsWrite, strokeWidth: 3); break;
                case "added": Rect(xml, box, "none", MapColours.Added, strokeWidth: 2); break;
                case "changed": Rect(xml, box, "none", MapColours.Changed, strokeWidth: 2, dash: "5 2"); break;
                case "removed": Rect(xml, box, "#ffffff", MapColours.Removed, strokeWidth: 1.5, dash: "4 3"); break;
            }
            Text(xml, item.Text, MapColours.Ink);
        }
        xml.WriteEndElement();
    }

    private static void Group(XmlWriter xml, string cls)
    {
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", cls);
    }

    private static void Title(XmlWriter xml, string text)
    {
        xml.WriteStartElement("title");
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void Rect(XmlWriter xml, MapBox box, string fill, string? stroke = null, double opacity = 1, double strokeWidth = 1,
        string? dash = null, double fillOpacity = 1, string? cls = null)
    {
        xml.WriteStartElement("rect");
        if (cls is not null) xml.WriteAttributeString("class", cls);
        Attr(xml, "x", box.X);
        Attr(xml, "y", box.Y);
        Attr(xml, "width", box.Width);
        Attr(xml, "height", box.Height);
        xml.WriteAttributeString("fill", fill);
        if (fillOpacity < 1) Attr(xml, "fill-opacity", fillOpacity);
        if (opacity < 1) Attr(xml, "opacity", opacity);
        if (stroke is not null)
        {
            xml.WriteAttributeString("stroke", stroke);
            Attr(xml, "stroke-width", strokeWidth);
            if (dash is not null) xml.WriteAttributeString("stroke-dasharray", dash);
        }
        xml.WriteEndElement();
    }

    private static void Line(XmlWriter xml, MapLine line, string stroke, double width = 1)
    {
        xml.WriteStartElement("line");
        Attr(xml, "x1", line.X1);
        Attr(xml, "y1", line.Y1);
        Attr(xml, "x2", line.X2);
        Attr(xml, "y2", line.Y2);
        xml.WriteAttributeString("stroke", stroke);
        Attr(xml, "stroke-width", width);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, MapText text, string fill, string? id = null, bool halo = false)
    {
        xml.WriteStartElement("text");
        if (id is not null) xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("class", "label " + Role(text.Role));
        Attr(xml, "x", text.X);
        Attr(xml, "y", text.Baseline);
        Attr(xml, "font-size", text.FontSize);
        if (text.Role is MapTextRole.Title or MapTextRole.DomainName or MapTextRole.AxisTitle) xml.WriteAttributeString("font-weight", "bold");
        xml.WriteAttributeString("fill", fill);
        if (halo)
        {
            // A white outline under the glyphs keeps the text legible over hatching and bands.
            xml.WriteAttributeString("stroke", "#ffffff");
            xml.WriteAttributeString("stroke-width", "3");
            xml.WriteAttributeString("stroke-linejoin", "round");
            xml.WriteAttributeString("paint-order", "stroke");
        }
        xml.WriteString(text.Text);
        xml.WriteEndElement();
    }

    private static string Role(MapTextRole role) => role switch
    {
        MapTextRole.Title => "title",
        MapTextRole.Subtitle => "subtitle",
        MapTextRole.Legend => "legend",
        MapTextRole.AxisTitle => "axis-title",
        MapTextRole.Tick => "tick",
        MapTextRole.RegionName => "region-name",
        MapTextRole.DomainName => "domain-name",
        MapTextRole.DomainDetail => "domain-detail",
        MapTextRole.WindowInside => "window-label",
        MapTextRole.WindowOutside => "window-label",
        _ => "note",
    };

    private static void Attr(XmlWriter xml, string name, double value) => xml.WriteAttributeString(name, Number(value));

    /// <summary>Numbers with at most two decimals, invariant culture: the same layout writes the same bytes.</summary>
    public static string Number(double value)
    {
        string text = value.ToString("0.##", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary><c>0x100000000</c>: exact, upper-case, no separators, for tools.</summary>
    public static string DataHex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);
}
