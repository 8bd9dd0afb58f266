namespace VtdDsl.Compiler.Text;

/// <summary>
/// "Did you mean": the closest candidate to a misspelled word by Damerau-Levenshtein distance
/// (optimal string alignment: a swap of two neighbours counts one), when it is close enough to
/// be a typo — at most max(1, length / 3) edits.
/// </summary>
public static class Suggestions
{
    /// <summary>The closest candidate, or null when none is close; ties go to the first candidate.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates, bool ignoreCase = false)
    {
        int limit = Math.Max(1, word.Length / 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (Math.Abs(candidate.Length - word.Length) > limit || candidate == word) continue;
            int distance = Distance(word, candidate, ignoreCase);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b, bool ignoreCase = false)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = Same(a[i - 1], b[j - 1], ignoreCase) ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2], ignoreCase) && Same(a[i - 2], b[j - 1], ignoreCase))
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }
                d[i, j] = value;
            }
        }
        return d[a.Length, b.Length];
    }

    private static bool Same(char x, char y, bool ignoreCase) =>
        x == y || (ignoreCase && char.ToLowerInvariant(x) == char.ToLowerInvariant(y));
}
