namespace VtdDsl.Compiler.Binding;

/// <summary>The size units of the language and the unit a typo most likely meant (`GB` → `GiB`).</summary>
internal static class SizeUnits
{
    public static readonly IReadOnlyList<string> All = new[] { "KiB", "MiB", "GiB", "TiB", "K", "M", "G", "T" };

    private static readonly string[] Binary = { "KiB", "MiB", "GiB", "TiB" };

    public static bool IsUnit(string word) => System.Array.IndexOf((string[])All, word) >= 0;

    /// <summary>The digits (and `_`, and a `0x` prefix) of a glued token, and the word after them.</summary>
    public static (string Digits, string Unit) Split(string text)
    {
        bool hex = text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        int i = hex ? 2 : 0;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '_' || (hex && IsHexLetter(text[i])))) i++;
        return (text.Substring(0, i), text.Substring(i));
    }

    /// <summary>
    /// The unit meant: a word starting with k, m, g or t (any case) means that binary unit
    /// (`GB`, `gib`, `Mb`, `kB`); otherwise the closest unit by edit distance, or null.
    /// </summary>
    public static string? Closest(string word)
    {
        if (word.Length is >= 1 and <= 3)
        {
            foreach (string unit in Binary)
            {
                if (char.ToUpperInvariant(word[0]) == unit[0]) return unit;
            }
        }
        return Suggestions.Closest(word, Binary, ignoreCase: true);
    }

    private static bool IsHexLetter(char c) => (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
