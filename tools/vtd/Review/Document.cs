using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace VtdDsl.Tool.Review;

/// <summary>
/// A small document model — headings, paragraphs, bullet lists and tables of plain text — so one
/// review sheet renders both as GitHub Markdown and as aligned plain text for a terminal.
/// </summary>
internal sealed class Document
{
    private readonly List<Block> _blocks = new();

    public IReadOnlyList<Block> Blocks => _blocks;

    public Document Heading(int level, string text)
    {
        _blocks.Add(new HeadingBlock(level, text));
        return this;
    }

    public Document Paragraph(string text)
    {
        _blocks.Add(new ParagraphBlock(text));
        return this;
    }

    public Document Bullets(IReadOnlyList<string> items)
    {
        if (items.Count > 0) _blocks.Add(new BulletBlock(items));
        return this;
    }

    public Document Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        _blocks.Add(new TableBlock(headers, rows));
        return this;
    }

    public void Write(TextWriter output, DocumentFormat format)
    {
        if (format == DocumentFormat.Markdown) WriteMarkdown(output);
        else WriteText(output);
    }

    private void WriteMarkdown(TextWriter output)
    {
        bool first = true;
        foreach (var block in _blocks)
        {
            if (!first) output.WriteLine();
            first = false;
            switch (block)
            {
                case HeadingBlock heading:
                    output.WriteLine(new string('#', heading.Level) + " " + heading.Text);
                    break;
                case ParagraphBlock paragraph:
                    output.WriteLine(paragraph.Text);
                    break;
                case BulletBlock bullets:
                    foreach (var item in bullets.Items) output.WriteLine("- " + item);
                    break;
                case TableBlock table:
                    output.WriteLine(MarkdownRow(table.Headers));
                    output.WriteLine("|" + string.Concat(RepeatCells(" --- |", table.Headers.Count)));
                    foreach (var row in table.Rows) output.WriteLine(MarkdownRow(row));
                    break;
            }
        }
    }

    private static IEnumerable<string> RepeatCells(string cell, int count)
    {
        for (int i = 0; i < count; i++) yield return cell;
    }

    private static string MarkdownRow(IReadOnlyList<string> cells)
    {
        var text = new StringBuilder("|");
        foreach (var cell in cells)
        {
            text.Append(' ').Append(cell.Replace("|", "\\|")).Append(" |");
        }
        return text.ToString();
    }

    private void WriteText(TextWriter output)
    {
        bool first = true;
        foreach (var block in _blocks)
        {
            if (!first) output.WriteLine();
            first = false;
            switch (block)
            {
                case HeadingBlock heading:
                    output.WriteLine(heading.Text);
                    output.WriteLine(new string(heading.Level <= 1 ? '=' : '-', heading.Text.Length));
                    break;
                case ParagraphBlock paragraph:
                    output.WriteLine(paragraph.Text);
                    break;
                case BulletBlock bullets:
                    foreach (var item in bullets.Items) output.WriteLine("  * " + item);
                    break;
                case TableBlock table:
                    WriteAligned(output, table);
                    break;
            }
        }
    }

    private static void WriteAligned(TextWriter output, TableBlock table)
    {
        var widths = new int[table.Headers.Count];
        for (int c = 0; c < widths.Length; c++) widths[c] = table.Headers[c].Length;
        foreach (var row in table.Rows)
        {
            for (int c = 0; c < widths.Length && c < row.Count; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        }
        WriteAlignedRow(output, table.Headers, widths);
        var rule = new string[widths.Length];
        for (int c = 0; c < widths.Length; c++) rule[c] = new string('-', widths[c]);
        WriteAlignedRow(output, rule, widths);
        foreach (var row in table.Rows) WriteAlignedRow(output, row, widths);
    }

    private static void WriteAlignedRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var text = new StringBuilder("  ");
        for (int c = 0; c < widths.Length; c++)
        {
            string cell = c < cells.Count ? cells[c] : string.Empty;
            text.Append(cell);
            if (c < widths.Length - 1) text.Append(' ', widths[c] - cell.Length + 2);
        }
        output.WriteLine(text.ToString().TrimEnd());
    }

    internal abstract record Block;

    internal sealed record HeadingBlock(int Level, string Text) : Block;

    internal sealed record ParagraphBlock(string Text) : Block;

    internal sealed record BulletBlock(IReadOnlyList<string> Items) : Block;

    internal sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
}

internal enum DocumentFormat
{
    Markdown,
    Text,
}
