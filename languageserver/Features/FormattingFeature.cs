using VtdDsl.Compiler.Formatting;

namespace VtdDsl.LanguageServer.Features;

/// <summary><c>textDocument/formatting</c>: the formatter of <c>vtd format</c>, as one edit of the whole text.</summary>
public static class FormattingFeature
{
    public static List<TextEdit> Format(DocumentSnapshot snapshot, System.Threading.CancellationToken cancellationToken)
    {
        var edits = new List<TextEdit>();
        if (PolicyFormatter.Format(snapshot.Text, out _, cancellationToken) is { } formatted && formatted != snapshot.Text)
        {
            edits.Add(new TextEdit(snapshot.Lines.RangeOf(0, snapshot.Text.Length), formatted));
        }
        return edits;
    }
}
