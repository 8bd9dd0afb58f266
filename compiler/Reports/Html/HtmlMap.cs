using System.Xml;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Compiler.Reports.Html;

/// <summary>The map and the findings table of an HTML page; each finding links to the map elements of the spec lines it names.</summary>
public static class HtmlMap
{
    /// <summary>
    /// The page's map section: its heading, a caption saying how to read the map, and the map
    /// inline in a horizontally scrolling box; <paramref name="id"/> names the section and
    /// prefixes the ids of the map's elements.
    /// </summary>
    public static void Section(XmlWriter xml, MapLayout layout, string id, string heading, string caption)
    {
        HtmlPage.StartSection(xml, id, heading);
        HtmlPage.Element(xml, "p", caption, "none");
        xml.WriteStartElement("div");
        xml.WriteAttributeString("class", "map");
        SvgMapWriter.Write(layout, xml, id);
        xml.WriteFullEndElement();
        xml.WriteFullEndElement();
    }

    /// <summary>
    /// The findings (warnings) in a table: id, message, spec line, and links to the windows and
    /// regions of the map declared on the lines the finding points at.
    /// </summary>
    public static void Findings(XmlWriter xml, IReadOnlyList<Diagnostic> findings, MapLayout layout, string idPrefix)
    {
        if (findings.Count == 0)
        {
            HtmlPage.Element(xml, "p", "No findings: the compiler reports no warnings for this policy.", "none");
            return;
        }
        xml.WriteStartElement("table");
        xml.WriteAttributeString("class", "findings");
        xml.WriteStartElement("thead");
        xml.WriteStartElement("tr");
        foreach (string header in new[] { "id", "severity", "message", "where", "on the map" }) HtmlPage.Element(xml, "th", header);
        xml.WriteFullEndElement();
        xml.WriteFullEndElement();
        xml.WriteStartElement("tbody");
        foreach (var finding in findings)
        {
            xml.WriteStartElement("tr");
            xml.WriteAttributeString("class", "finding");
            HtmlPage.Element(xml, "td", finding.Id, "mono");
            HtmlPage.Element(xml, "td", finding.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            HtmlPage.Element(xml, "td", finding.Message);
            HtmlPage.Element(xml, "td", finding.Location.ToString(), "mono");
            xml.WriteStartElement("td");
            bool any = false;
            foreach (var (id, text) in Targets(finding, layout))
            {
                if (any) xml.WriteString(", ");
                HtmlPage.Link(xml, "#" + idPrefix + "-" + id, text);
                any = true;
            }
            if (!any) xml.WriteString("—");
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();
        }
        xml.WriteFullEndElement();
        xml.WriteFullEndElement();
    }

    /// <summary>The map elements declared on a line the finding or one of its related locations points at.</summary>
    public static List<(string Id, string Text)> Targets(Diagnostic finding, MapLayout layout)
    {
        var lines = new HashSet<int> { finding.Location.Span.Line };
        foreach (var related in finding.RelatedLocations)
        {
            if (related.FilePath == finding.Location.FilePath) lines.Add(related.Span.Line);
        }
        var targets = new List<(string, string)>();
        foreach (var window in layout.Windows)
        {
            if (lines.Contains(window.Line))
            {
                targets.Add((window.Id, window.Passthrough ? $"{window.Domain} (pass-through, line {window.Line})" : $"{window.Domain} window at line {window.Line}"));
            }
        }
        foreach (var region in layout.Regions)
        {
            if (lines.Contains(region.Line)) targets.Add((region.Id, $"{region.Name} at line {region.Line}"));
        }
        return targets;
    }
}
