using System.Xml;
using VtdDsl.Compiler.Reports.Html;

namespace VtdDsl.Tool.Review;

/// <summary>The review sheet's <see cref="Document"/> as HTML: headings one level below the page's, paragraphs, lists, tables.</summary>
internal static class HtmlDocument
{
    public static void Write(XmlWriter xml, Document document)
    {
        bool first = true;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Document.HeadingBlock heading:
                    // The page has its own title: the sheet's title becomes a subtitle.
                    HtmlPage.Element(xml, first ? "h3" : heading.Level <= 2 ? "h3" : "h4", heading.Text);
                    break;
                case Document.ParagraphBlock paragraph:
                    HtmlPage.Element(xml, "p", paragraph.Text);
                    break;
                case Document.BulletBlock bullets:
                    xml.WriteStartElement("ul");
                    foreach (string item in bullets.Items) HtmlPage.Element(xml, "li", item);
                    xml.WriteFullEndElement();
                    break;
                case Document.TableBlock table:
                    xml.WriteStartElement("table");
                    xml.WriteStartElement("thead");
                    xml.WriteStartElement("tr");
                    foreach (string header in table.Headers) HtmlPage.Element(xml, "th", header);
                    xml.WriteFullEndElement();
                    xml.WriteFullEndElement();
                    xml.WriteStartElement("tbody");
                    foreach (var row in table.Rows)
                    {
                        xml.WriteStartElement("tr");
                        foreach (string cell in row) HtmlPage.Element(xml, "td", cell);
                        xml.WriteFullEndElement();
                    }
                    xml.WriteFullEndElement();
                    xml.WriteFullEndElement();
                    break;
            }
            first = false;
        }
    }
}
