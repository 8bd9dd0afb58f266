using System.IO;
using System.Text;

namespace VtdDsl.Compiler.Reports;

/// <summary>A <see cref="Document"/> as plain text for a terminal: underlined headings, <c>*</c> bullets, aligned columns.</summary>
public sealed class PlainTextWriter : DocumentWriter
{
    /// <summary>A writer onto <paramref name="output"/>.</summary>
    public PlainTextWriter(TextWriter output) : base(output)
    {
    }

    /// <inheritdoc/>
    protected override void WriteHeading(Document.HeadingBlock heading)
    {
        Output.WriteLine(heading.Text);
        Output.WriteLine(new string(heading.Level <= 1 ? '=' : '-', heading.Text.Length));
    }

    /// <inheritdoc/>
    protected override void WriteBullet(string item) => Output.WriteLine("  * " + item);

    /// <inheritdoc/>
    protected override void WriteTable(Document.TableBlock table)
    {
        var widths = new int[table.Headers.Count];
        for (int c = 0; c < widths.Length; c++) widths[c] = table.Headers[c].Length;
        foreach (var row in table.Rows)
        {
            for (int c = 0; c < widths.Length && c < row.Count; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        }
        WriteRow(table.Headers, widths);
        var rule = new string[widths.Length];
        for (int c = 0; c < widths.Length; c++) rule[c] = new string('-', widths[c]);
        WriteRow(rule, widths);
        foreach (var row in table.Rows) WriteRow(row, widths);
    }

    private void WriteRow(IReadOnlyList<string> cells, int[] widths)
    {
        var text = new StringBuilder("  ");
        for (int c = 0; c < widths.Length; c++)
        {
            string cell = c < cells.Count ? cells[c] : string.Empty;
            text.Append(cell);
            if (c < widths.Length - 1) text.Append(' ', widths[c] - cell.Length + 2);
        }
        Output.WriteLine(text.ToString().TrimEnd());
    }
}
