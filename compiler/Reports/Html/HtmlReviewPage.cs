using System.Xml;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Compiler.Reports.Html;

/// <summary>
/// <c>vtd review --format html</c>: one page with the policy's memory map, its findings linked
/// to the map, and the review sheet.
/// </summary>
public static class HtmlReviewPage
{
    /// <summary>
    /// The page for <paramref name="policyName"/> in <paramref name="source"/>:
    /// <paramref name="facts"/> are the summary chips (kind "bad" for what a reviewer must look at),
    /// <paramref name="sheet"/> writes the review sheet's HTML.
    /// </summary>
    public static string Write(
        string policyName, string source, MapLayout map, IReadOnlyList<Diagnostic> findings,
        IReadOnlyList<(string Text, string? Kind)> facts, Action<XmlWriter> sheet)
    {
        return HtmlPage.Write($"Review: {policyName}", xml =>
        {
            xml.WriteStartElement("header");
            HtmlPage.Element(xml, "h1", $"Review: {policyName}");
            HtmlPage.Element(xml, "p", $"Source: {source}");
            var chips = new List<(string, string?)>(facts);
            HtmlPage.Chips(xml, chips.ToArray());
            xml.WriteStartElement("nav");
            HtmlPage.Link(xml, "#map", "Memory map");
            HtmlPage.Link(xml, "#findings", $"Findings ({findings.Count})");
            HtmlPage.Link(xml, "#sheet", "Review sheet");
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();

            HtmlMap.Section(xml, map, "map", "Memory map: who can reach which host memory",
                "Hover over a window or region for the line of the spec it comes from and its exact ranges.");

            HtmlPage.StartSection(xml, "findings", "Findings");
            HtmlMap.Findings(xml, findings, map, "map");
            xml.WriteFullEndElement();

            HtmlPage.StartSection(xml, "sheet", "Review sheet");
            sheet(xml);
            xml.WriteFullEndElement();

            HtmlPage.Element(xml, "footer", "Written by vtd review --format html. Self-contained: no scripts, nothing loaded from the network.");
        });
    }
}
