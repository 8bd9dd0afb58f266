using VtdDsl.LanguageServer.Documents;
using VtdDsl.LanguageServer.Protocol;
using Range = VtdDsl.LanguageServer.Protocol.Range;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>Positions of text in a document, as LSP counts them (UTF-16 code units).</summary>
internal static class LspText
{
    /// <summary>The position of the start of the n-th (0-based) occurrence of a needle, plus an offset into it.</summary>
    public static Position At(string text, string needle, int occurrence = 0, int into = 0)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            at = text.IndexOf(needle, at + 1, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{needle}' occurs fewer than {occurrence + 1} times");
        }
        return new LineMap(text).PositionOf(at + into);
    }

    /// <summary>The range a needle's n-th occurrence covers.</summary>
    public static Range RangeOf(string text, string needle, int occurrence = 0)
    {
        var start = At(text, needle, occurrence);
        return new Range(start, start with { Character = start.Character + needle.Length });
    }

    /// <summary>Applies LSP text edits (non-overlapping) to a text.</summary>
    public static string Apply(string text, System.Collections.Generic.IEnumerable<TextEdit> edits)
    {
        var lines = new LineMap(text);
        var ordered = new System.Collections.Generic.List<(int Start, int End, string Text)>();
        foreach (var edit in edits) ordered.Add((lines.ClampedOffsetOf(edit.Range.Start), lines.ClampedOffsetOf(edit.Range.End), edit.NewText));
        ordered.Sort((a, b) => b.Start.CompareTo(a.Start));
        foreach (var (start, end, newText) in ordered) text = text.Substring(0, start) + newText + text.Substring(end);
        return text;
    }
}
