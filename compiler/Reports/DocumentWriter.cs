using System.IO;

namespace VtdDsl.Compiler.Reports;

/// <summary>Writes a <see cref="Document"/> block by block, a blank line between blocks; each format says how one block looks.</summary>
public abstract class DocumentWriter
{
    /// <summary>A writer onto <paramref name="output"/>.</summary>
    protected DocumentWriter(TextWriter output)
    {
        Output = output;
    }

    /// <summary>Where the document goes.</summary>
    protected TextWriter Output { get; }

    /// <summary>Writes every block of <paramref name="document"/>.</summary>
    public void Write(Document document)
    {
        bool first = true;
        foreach (var block in document.Blocks)
        {
            if (!first) Output.WriteLine();
            first = false;
            switch (block)
            {
                case Document.HeadingBlock heading:
                    WriteHeading(heading);
                    break;
                case Document.ParagraphBlock paragraph:
                    Output.WriteLine(paragraph.Text);
                    break;
                case Document.BulletBlock bullets:
                    foreach (var item in bullets.Items) WriteBullet(item);
                    break;
                case Document.TableBlock table:
                    WriteTable(table);
                    break;
            }
        }
    }

    /// <summary>Writes a heading.</summary>
    protected abstract void WriteHeading(Document.HeadingBlock heading);

    /// <summary>Writes one item of a bullet list.</summary>
    protected abstract void WriteBullet(string item);

    /// <summary>Writes a table.</summary>
    protected abstract void WriteTable(Document.TableBlock table);
}
