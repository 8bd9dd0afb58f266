using System.Globalization;
using System.IO;
using System.Xml;

namespace VtdDsl.Compiler.Reports.Html;

/// <summary>
/// One self-contained HTML page: inline CSS, inline SVG, no scripts and nothing fetched from the
/// network, so it opens anywhere, offline, as a CI artifact. Written with an
/// <see cref="XmlWriter"/>, so every text is escaped; elements that may be empty are closed with
/// a full end tag, as HTML requires.
/// </summary>
public static class HtmlPage
{
    /// <summary>The page's styles. Kept free of <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> so it is safe as raw text.</summary>
    public const string Styles = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f7fafc; color: #1a202c; font: 14px/1.45 'DejaVu Sans', Verdana, 'Liberation Sans', Arial, sans-serif; }
        main { max-width: 1320px; margin: 0 auto; padding: 24px 20px 48px; }
        header h1 { font-size: 24px; margin: 0 0 4px; }
        header p { margin: 0; color: #4a5568; }
        nav { margin: 12px 0 0; }
        nav a { margin-right: 16px; }
        a { color: #1c5fa8; }
        section { background: #ffffff; border: 1px solid #e2e8f0; border-radius: 6px; margin: 20px 0; padding: 16px 20px; }
        section h2 { font-size: 18px; margin: 0 0 12px; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        .chips { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 0; padding: 0; list-style: none; }
        .chip { border-radius: 12px; padding: 2px 10px; background: #edf2f7; color: #2d3748; }
        .chip.bad { background: #fdecea; color: #9b1c1c; font-weight: bold; }
        .chip.good { background: #e6f4ea; color: #1e5631; }
        .map { overflow-x: auto; }
        .map svg { display: block; max-width: none; }
        table { border-collapse: collapse; margin: 6px 0 10px; font-size: 13px; }
        th, td { border: 1px solid #e2e8f0; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f1f5f9; }
        td.mono { white-space: nowrap; }
        td.mono, code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12.5px; }
        ul.changes { list-style: none; padding-left: 0; }
        ul.changes li { padding: 2px 0 2px 26px; text-indent: -26px; }
        .marker { display: inline-block; width: 18px; margin-right: 8px; text-align: center; font-weight: bold; border-radius: 3px; text-indent: 0; }
        .gains-write .marker { background: #c62828; color: #ffffff; }
        .gains-write { color: #9b1c1c; font-weight: bold; }
        .more .marker { background: #f28e2b; }
        .less .marker { background: #2e7d32; color: #ffffff; }
        .changed .marker { background: #cbd5e0; }
        .cosmetic { color: #718096; }
        .verdict { font-size: 16px; font-weight: bold; }
        .none { color: #4a5568; }
        svg g.window:target rect.bar, svg g.region:target rect { stroke: #000000; stroke-width: 3; }
        footer { color: #718096; font-size: 12px; margin-top: 24px; }
        """;

    /// <summary>Writes the page: <paramref name="body"/> writes the contents of <c>&lt;main&gt;</c>.</summary>
    public static string Write(string title, Action<XmlWriter> body)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Document };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteRaw("<!DOCTYPE html>\n");
            xml.WriteStartElement("html");
            xml.WriteAttributeString("lang", "en");
            xml.WriteStartElement("head");
            xml.WriteStartElement("meta");
            xml.WriteAttributeString("charset", "utf-8");
            xml.WriteEndElement();
            xml.WriteStartElement("meta");
            xml.WriteAttributeString("name", "viewport");
            xml.WriteAttributeString("content", "width=device-width, initial-scale=1");
            xml.WriteEndElement();
            Element(xml, "title", title);
            xml.WriteStartElement("style");
            xml.WriteRaw("\n" + Styles);
            xml.WriteFullEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("body");
            xml.WriteStartElement("main");
            body(xml);
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();
        }
        return text.ToString() + "\n";
    }

    /// <summary>An element with text content (possibly empty), closed with a full end tag.</summary>
    public static void Element(XmlWriter xml, string name, string text, string? cls = null)
    {
        xml.WriteStartElement(name);
        if (cls is not null) xml.WriteAttributeString("class", cls);
        xml.WriteString(text);
        xml.WriteFullEndElement();
    }

    /// <summary>A link with text.</summary>
    public static void Link(XmlWriter xml, string href, string text)
    {
        xml.WriteStartElement("a");
        xml.WriteAttributeString("href", href);
        xml.WriteString(text);
        xml.WriteFullEndElement();
    }

    /// <summary>Starts a <c>&lt;section&gt;</c> with an id and a heading; close it with <see cref="XmlWriter.WriteFullEndElement"/>.</summary>
    public static void StartSection(XmlWriter xml, string id, string heading)
    {
        xml.WriteStartElement("section");
        xml.WriteAttributeString("id", id);
        Element(xml, "h2", heading);
    }

    /// <summary>A list of chips; those flagged bad are red, good ones green.</summary>
    public static void Chips(XmlWriter xml, params (string Text, string? Kind)[] chips)
    {
        xml.WriteStartElement("ul");
        xml.WriteAttributeString("class", "chips");
        foreach (var (text, kind) in chips) Element(xml, "li", text, kind is null ? "chip" : "chip " + kind);
        xml.WriteFullEndElement();
    }
}
