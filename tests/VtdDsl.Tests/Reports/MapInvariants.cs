using System.Globalization;
using System.Xml.Linq;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tests.Reports;

/// <summary>What every map must satisfy, checked on the layout the code computes and on the SVG it writes.</summary>
internal static class MapInvariants
{
    public static readonly XNamespace Svg = SvgMapWriter.SvgNamespace;

    /// <summary>No two texts of the layout overlap; nothing is drawn outside the canvas.</summary>
    public static void LabelsDoNotOverlap(MapLayout layout)
    {
        var texts = layout.Texts().ToList();
        for (int i = 0; i < texts.Count; i++)
        {
            var box = texts[i].Box;
            Assert.True(box.X >= 0 && box.Right <= layout.Width + 0.01 && box.Y >= 0 && box.Bottom <= layout.Height + 0.01,
                $"'{texts[i].Text}' at {box} is outside the {layout.Width}x{layout.Height} canvas");
            for (int j = i + 1; j < texts.Count; j++)
            {
                Assert.False(box.Overlaps(texts[j].Box), $"'{texts[i].Text}' {box} overlaps '{texts[j].Text}' {texts[j].Box}");
            }
        }
    }

    /// <summary>Rows are stacked without overlapping, and each window's bar lies inside its domain's row.</summary>
    public static void RowsDoNotOverlap(MapLayout layout)
    {
        var rows = layout.Rows.OrderBy(row => row.Box.Y).ToList();
        for (int i = 1; i < rows.Count; i++)
        {
            Assert.True(rows[i].Box.Y >= rows[i - 1].Box.Bottom - 0.01, $"row {rows[i].Domain} starts at {rows[i].Box.Y}, above the end of row {rows[i - 1].Domain} ({rows[i - 1].Box.Bottom})");
        }
        foreach (var window in layout.Windows)
        {
            var row = layout.Rows.Single(r => r.Domain == window.Domain);
            Assert.True(window.Bar.Y >= row.Box.Y && window.Bar.Bottom <= row.Box.Bottom, $"{window.Id} {window.Bar} is outside its row {row.Box}");
        }
    }

    /// <summary>x increases with address: on the host axis for every pair of windows and regions, and along every axis's ticks.</summary>
    public static void XIncreasesWithAddress(MapLayout layout)
    {
        var spans = new List<(ulong First, ulong Last, double X0, double X1, string What)>();
        foreach (var window in layout.Windows.Where(w => !w.Passthrough)) spans.Add((window.HostFirst, window.HostLast, window.Bar.X, window.Bar.Right, window.Id));
        foreach (var region in layout.Regions) spans.Add((region.First, region.Last, region.Band.X, region.Band.Right, region.Name));
        foreach (var a in spans)
        {
            Assert.True(a.X1 > a.X0, $"{a.What} has no width");
            foreach (var b in spans)
            {
                if (a.First < b.First) Assert.True(a.X0 < b.X0, $"{a.What} starts before {b.What} but is drawn at {a.X0} >= {b.X0}");
                if (a.Last < b.Last) Assert.True(a.X1 < b.X1, $"{a.What} ends before {b.What} but is drawn to {a.X1} >= {b.X1}");
                if (a.Last < b.First) Assert.True(a.X1 <= b.X0 + 0.01, $"{a.What} lies below {b.What} but reaches {a.X1} > {b.X0}");
            }
        }
        foreach (var axis in layout.Axes)
        {
            for (int i = 1; i < axis.Ticks.Count; i++)
            {
                Assert.True(axis.Ticks[i].X > axis.Ticks[i - 1].X, $"tick {i} of the {axis.Name} axis is not right of tick {i - 1}");
                Assert.True(axis.Ticks[i - 1].Address is not null && (axis.Ticks[i].Address is null || axis.Ticks[i].Address > axis.Ticks[i - 1].Address));
            }
        }
    }

    /// <summary>
    /// The SVG is well-formed and has one element per window and per region with the exact
    /// values of the policy in its <c>data-*</c> attributes and a tooltip.
    /// </summary>
    public static XDocument SvgMatchesPolicy(string svg, Policy policy, IEnumerable<int>? onlyDomains = null)
    {
        var document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        var domains = (onlyDomains ?? Enumerable.Range(0, policy.Domains.Count)).Select(d => policy.Domains[d]).ToList();

        var expectedWindows = new List<string>();
        foreach (var domain in domains)
        {
            if (domain.IsPassthrough) expectedWindows.Add($"{domain.Name} 0x0 0xFFFFFFFFFFFFFFFF read write");
            else expectedWindows.AddRange(domain.Windows.Where(w => w.Size > 0).Select(w => $"{domain.Name} {Hex(w.HostAddress)} {Hex(w.HostLast)} {w.Rights.ToKeywords()}"));
        }
        var windows = Elements(document, "window").ToList();
        var actualWindows = windows.Select(g => $"{g.Attribute("data-domain")!.Value} {g.Attribute("data-host-first")!.Value} {g.Attribute("data-host-last")!.Value} {g.Attribute("data-rights")!.Value}");
        Assert.Equal(expectedWindows.OrderBy(s => s, System.StringComparer.Ordinal), actualWindows.OrderBy(s => s, System.StringComparer.Ordinal));

        var expectedRegions = policy.Memory.Where(r => r.Size > 0).Select(r => $"memory {r.Name} {Hex(r.Base)} {Hex(r.Last)}")
            .Concat(policy.Protected.Where(r => r.Size > 0).Select(r => $"protect {r.Name} {Hex(r.Base)} {Hex(r.Last)}"))
            .Concat(policy.Reserved.Where(r => r.Size > 0).Select(r => $"reserved {r.Name} {Hex(r.Base)} {Hex(r.Last)}"));
        var regions = Elements(document, "region").ToList();
        var actualRegions = regions.Select(g => $"{g.Attribute("data-kind")!.Value} {g.Attribute("data-name")!.Value} {g.Attribute("data-host-first")!.Value} {g.Attribute("data-host-last")!.Value}");
        Assert.Equal(expectedRegions.OrderBy(s => s, System.StringComparer.Ordinal), actualRegions.OrderBy(s => s, System.StringComparer.Ordinal));

        foreach (var element in windows.Concat(regions))
        {
            var title = element.Element(Svg + "title");
            Assert.True(title is not null && title.Value.Contains(".vtd:"), $"{element} has no tooltip quoting its spec line");
        }
        return document;
    }

    public static IEnumerable<XElement> Elements(XDocument document, string cls) =>
        document.Descendants(Svg + "g").Where(g => (g.Attribute("class")?.Value ?? "").Split(' ').Contains(cls));

    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);
}
