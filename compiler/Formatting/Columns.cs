namespace VtdDsl.Compiler.Formatting;

/// <summary>
/// Columns as an editor shows them: one per character (a surrogate pair is one), counted again
/// from 0 after each line break inside the text (a block comment of several lines).
/// </summary>
internal static class Columns
{
    /// <summary>The widest column the text reaches when it starts at <paramref name="start"/>.</summary>
    public static int Widest(int start, string text)
    {
        int column = start, widest = start;
        foreach (char c in text)
        {
            if (c == '\n') column = 0;
            else if (!char.IsLowSurrogate(c)) widest = Math.Max(widest, ++column);
        }
        return widest;
    }

    /// <summary>The column the text's first line ends in when it starts at <paramref name="start"/>.</summary>
    public static int FirstLineEnd(int start, string text)
    {
        int column = start;
        foreach (char c in text)
        {
            if (c == '\n') break;
            if (!char.IsLowSurrogate(c)) column++;
        }
        return column;
    }

    /// <summary>The column after the text when it starts at <paramref name="start"/>.</summary>
    public static int End(int start, string text)
    {
        int column = start;
        foreach (char c in text)
        {
            if (c == '\n') column = 0;
            else if (!char.IsLowSurrogate(c)) column++;
        }
        return column;
    }
}
