using System.Xml;

namespace VtdDsl.Compiler.Reports.Html;

/// <summary>
/// A <see cref="Document"/> (the review sheet) as HTML, beside the Markdown and plain-text
/// writers: headings one level below the page's own, paragraphs, lists and tables, every text
/// escaped.
/// </summary>
public static class HtmlDocumentWriter
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
                    HtmlPage.Element(xml, first || heading.Level <= 2 ? "h3" : "h4", heading.Text);
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
