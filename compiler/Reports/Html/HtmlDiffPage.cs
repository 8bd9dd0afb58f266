using System.Xml;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Compiler.Reports.Html;

/// <summary>What a change does to access, for the HTML diff: the same markers as the text report.</summary>
public enum HtmlChangeKind
{
    GainsWrite,
    MoreAccess,
    LessAccess,
    Changed,
    Cosmetic,
}

/// <summary>One line of the diff: its area (section title), what changed, and what that does to access.</summary>
public sealed record HtmlChange(string Area, HtmlChangeKind Kind, string Text);

/// <summary>
/// <c>vtd diff --format html</c>: the changes that gain write access first, the new version's
/// map with added, removed and changed windows marked, then every change by area.
/// </summary>
public static class HtmlDiffPage
{
    public static string Write(string oldPath, string newPath, string verdict, IReadOnlyList<HtmlChange> changes, MapLayout map)
    {
        return HtmlPage.Write($"vtd diff {oldPath} -> {newPath}", xml =>
        {
            int gains = 0, meaningful = 0;
            foreach (var change in changes)
            {
                if (change.Kind == HtmlChangeKind.GainsWrite) gains++;
                if (change.Kind != HtmlChangeKind.Cosmetic) meaningful++;
            }
            xml.WriteStartElement("header");
            HtmlPage.Element(xml, "h1", "Policy change review");
            HtmlPage.Element(xml, "p", $"{oldPath} → {newPath}");
            HtmlPage.Chips(xml,
                (verdict, gains > 0 ? "bad" : meaningful == 0 ? "good" : null),
                (gains == 1 ? "1 change gains write" : $"{gains} changes gain write", gains > 0 ? "bad" : "good"));
            xml.WriteStartElement("nav");
            if (gains > 0) HtmlPage.Link(xml, "#gains-write", "Gains write");
            HtmlPage.Link(xml, "#map", "Map of the changes");
            HtmlPage.Link(xml, "#changes", "All changes");
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();

            if (gains > 0)
            {
                HtmlPage.StartSection(xml, "gains-write", "GAINS WRITE — review these first");
                var first = new List<HtmlChange>();
                foreach (var change in changes) if (change.Kind == HtmlChangeKind.GainsWrite) first.Add(change);
                Changes(xml, first);
                xml.WriteFullEndElement();
            }

            HtmlMap.Section(xml, map, "map", "Map of the changes (new version)",
                "Windows outlined green were added, blue dashed changed, red gain write access; grey dashed outlines are windows of the old version that are gone.");

            HtmlPage.StartSection(xml, "changes", "All changes");
            if (changes.Count == 0) HtmlPage.Element(xml, "p", "No change in meaning.", "none");
            var areas = new List<string>();
            var byArea = new Dictionary<string, List<HtmlChange>>();
            foreach (var change in changes)
            {
                string area = change.Kind == HtmlChangeKind.Cosmetic ? "Cosmetic (same meaning, no change in access)" : change.Area;
                if (!byArea.TryGetValue(area, out var list))
                {
                    byArea[area] = list = new List<HtmlChange>();
                    areas.Add(area);
                }
                list.Add(change);
            }
            const string cosmetic = "Cosmetic (same meaning, no change in access)";
            if (areas.Remove(cosmetic)) areas.Add(cosmetic);
            foreach (string area in areas)
            {
                HtmlPage.Element(xml, "h3", area);
                Changes(xml, byArea[area]);
            }
            xml.WriteFullEndElement();
            HtmlPage.Element(xml, "footer", "Written by vtd diff --format html. Self-contained: no scripts, nothing loaded from the network.");
        });
    }

    private static void Changes(XmlWriter xml, IEnumerable<HtmlChange> changes)
    {
        xml.WriteStartElement("ul");
        xml.WriteAttributeString("class", "changes");
        foreach (var change in changes)
        {
            var (cls, marker) = change.Kind switch
            {
                HtmlChangeKind.GainsWrite => ("gains-write", "!"),
                HtmlChangeKind.MoreAccess => ("more", "+"),
                HtmlChangeKind.LessAccess => ("less", "-"),
                HtmlChangeKind.Changed => ("changed", "~"),
                _ => ("cosmetic", "="),
            };
            xml.WriteStartElement("li");
            xml.WriteAttributeString("class", cls);
            HtmlPage.Element(xml, "span", marker, "marker");
            xml.WriteString(change.Text);
            xml.WriteFullEndElement();
        }
        xml.WriteFullEndElement();
    }
}
