using System.IO;
using System.Text;

namespace VtdDsl.Compiler.Reports;

/// <summary>A <see cref="Document"/> as GitHub Markdown: <c>#</c> headings, <c>-</c> bullets, pipe tables.</summary>
public sealed class MarkdownWriter : DocumentWriter
{
    /// <summary>A writer onto <paramref name="output"/>.</summary>
    public MarkdownWriter(TextWriter output) : base(output)
    {
    }

    /// <inheritdoc/>
    protected override void WriteHeading(Document.HeadingBlock heading) =>
        Output.WriteLine(new string('#', heading.Level) + " " + heading.Text);

    /// <inheritdoc/>
    protected override void WriteBullet(string item) => Output.WriteLine("- " + item);

    /// <inheritdoc/>
    protected override void WriteTable(Document.TableBlock table)
    {
        Output.WriteLine(Row(table.Headers));
        var rule = new StringBuilder("|");
        for (int i = 0; i < table.Headers.Count; i++) rule.Append(" --- |");
        Output.WriteLine(rule.ToString());
        foreach (var row in table.Rows) Output.WriteLine(Row(row));
    }

    private static string Row(IReadOnlyList<string> cells)
    {
        var text = new StringBuilder("|");
        foreach (var cell in cells)
        {
            text.Append(' ').Append(cell.Replace("|", "\\|")).Append(" |");
        }
        return text.ToString();
    }
}
