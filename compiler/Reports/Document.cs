using System.IO;

namespace VtdDsl.Compiler.Reports;

/// <summary>
/// A small document model — headings, paragraphs, bullet lists and tables of plain text — so one
/// review sheet renders both as GitHub Markdown (<see cref="MarkdownWriter"/>) and as aligned
/// plain text for a terminal (<see cref="PlainTextWriter"/>).
/// </summary>
public sealed class Document
{
    private readonly List<Block> _blocks = new();

    /// <summary>The blocks in order.</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Adds a heading of <paramref name="level"/> 1 (title) to 3.</summary>
    public Document Heading(int level, string text)
    {
        _blocks.Add(new HeadingBlock(level, text));
        return this;
    }

    /// <summary>Adds a paragraph.</summary>
    public Document Paragraph(string text)
    {
        _blocks.Add(new ParagraphBlock(text));
        return this;
    }

    /// <summary>Adds a bullet list (nothing when <paramref name="items"/> is empty).</summary>
    public Document Bullets(IReadOnlyList<string> items)
    {
        if (items.Count > 0) _blocks.Add(new BulletBlock(items));
        return this;
    }

    /// <summary>Adds a table.</summary>
    public Document Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        _blocks.Add(new TableBlock(headers, rows));
        return this;
    }

    /// <summary>Writes the document in <paramref name="format"/>.</summary>
    public void Write(TextWriter output, DocumentFormat format)
    {
        DocumentWriter writer = format == DocumentFormat.Markdown ? new MarkdownWriter(output) : new PlainTextWriter(output);
        writer.Write(this);
    }

    /// <summary>One block of a document.</summary>
    public abstract record Block;

    /// <summary>A heading.</summary>
    public sealed record HeadingBlock(int Level, string Text) : Block;

    /// <summary>A paragraph.</summary>
    public sealed record ParagraphBlock(string Text) : Block;

    /// <summary>A bullet list.</summary>
    public sealed record BulletBlock(IReadOnlyList<string> Items) : Block;

    /// <summary>A table: a header row and rows of cells.</summary>
    public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
}

/// <summary>How a document is written.</summary>
public enum DocumentFormat
{
    /// <summary>GitHub Markdown.</summary>
    Markdown,

    /// <summary>Aligned plain text for a terminal.</summary>
    Text,
}
