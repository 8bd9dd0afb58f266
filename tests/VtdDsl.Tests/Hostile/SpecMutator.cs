using System.Text;
using System.Text.RegularExpressions;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// Deterministic mutations of <c>.vtd</c> text: byte flips, token deletions, duplications and
/// swaps, splices between two specs, huge and boundary numbers, random Unicode, comment
/// openers, repeated lines. Mutant i of a run is a pure function of (seed, i, corpus), so a
/// failure is reproduced by its index.
/// </summary>
public sealed class SpecMutator
{
    private static readonly Regex Tokens = new(@"0[xX][0-9A-Fa-f_]+|[0-9][0-9_]*(?:KiB|MiB|GiB|TiB|K|M|G|T)?|[A-Za-z_][A-Za-z0-9_-]*|[0-9A-Fa-f]+:[0-9A-Fa-f:.]+|->|\.\.|\s+|.", RegexOptions.CultureInvariant);
    private static readonly Regex Numbers = new(@"0[xX][0-9A-Fa-f_]+|\b[0-9][0-9_]*", RegexOptions.CultureInvariant);

    private static readonly string[] BoundaryNumbers =
    {
        "0", "1", "0xFFF", "0x1000", "0x1001", "4095", "4097", "0x1FFFFF", "0x200000", "0x3FFFFFFF", "0x40000000",
        "0x7FFFFFFFFF", "0x8000000000", "0xFFFFFFFFFFFF", "0x1000000000000", "0x10000000000000", "0xFFFFFFFFFFFFF000",
        "0xFFFFFFFFFFFFFFFF", "18446744073709551615", "18446744073709551616", "0x1_0000_0000_0000_0000", "65535", "65536",
        "65537", "0x_", "0x", "1_", "_1", "16383", "2147483647", "2147483648", "4294967295", "4294967296", "255", "256", "0xFE", "0xFF",
    };

    private static readonly string[] Keywords =
    {
        "policy", "iommu", "segment", "scope", "all", "address-width", "domains", "superpages", "none", "passthrough", "interrupts",
        "mode", "legacy", "scalable", "pasid-bits", "memory", "protect", "process", "size", "domain", "id", "map", "identity", "shared",
        "read", "write", "device", "via", "ats", "pri", "pasid", "interrupt", "vector", "cpu", "index", "fixed", "lowest-priority",
        "trigger", "edge", "level", "->", "..", ".", ";", ",", "{", "}", "03:00.0", "0000:ff:1f.7", "00:20.0", "1GiB", "2MiB", "4KiB", "0TiB",
    };

    private static readonly string[] Unicode =
    {
        "\u0000", "\uFEFF", "\u200B", "\u202E", "\u00E9", "\u0301", "\uD83D\uDE00", "\uD800", "\uDC00", "\u2028", "\u0085", "\r", "\r\n",
        "\t", "\u000B", "\u000C", "\uFFFD", "\uFFFF", "\u4E2D", "\u0660", "\uFF10", "\u212A", "K\u0131B",
    };

    /// <summary>Mutants are cut to this many characters, so the run stays about mutations, not sizes.</summary>
    public const int MaxLength = 256 * 1024;

    private readonly string[] _corpus;
    private readonly int _seed;

    public SpecMutator(IEnumerable<string> corpus, int seed)
    {
        _corpus = corpus.ToArray();
        _seed = seed;
    }

    public string Mutant(int index, out string description)
    {
        var random = new Random(HashCode(_seed, index));
        int source = random.Next(_corpus.Length);
        string text = _corpus[source];
        var applied = new List<string> { $"corpus[{source}]" };
        int count = 1 + random.Next(4);
        for (int i = 0; i < count; i++)
        {
            int kind = random.Next(12);
            text = kind switch
            {
                0 => FlipBytes(text, random),
                1 => DeleteTokens(text, random),
                2 => DuplicateTokens(text, random),
                3 => SwapTokens(text, random),
                4 => Splice(text, _corpus[random.Next(_corpus.Length)], random),
                5 => HugeNumber(text, random),
                6 or 7 => BoundaryNumber(text, random),
                8 => InsertUnicode(text, random),
                9 => InsertKeyword(text, random),
                10 => RepeatLine(text, random),
                _ => CommentOpeners(text, random),
            };
            applied.Add(KindNames[kind]);
            if (text.Length > MaxLength) text = text.Substring(0, MaxLength); // huge inputs are ResourceLimitTests' business
        }
        description = string.Join(" + ", applied);
        return text;
    }

    private static readonly string[] KindNames =
    {
        "byte flips", "token deletion", "token duplication", "token swap", "splice", "huge number", "boundary number", "boundary number",
        "unicode", "keyword insertion", "line repetition", "comment openers",
    };

    private static string FlipBytes(string text, Random random)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0) return text;
        int flips = 1 + random.Next(8);
        for (int i = 0; i < flips; i++)
        {
            int at = random.Next(bytes.Length);
            bytes[at] = random.Next(3) switch
            {
                0 => (byte)(bytes[at] ^ (1 << random.Next(8))),
                1 => (byte)random.Next(256),
                _ => (byte)"{};:.-0x9fF_ \n"[random.Next(14)],
            };
        }
        return Encoding.UTF8.GetString(bytes);
    }

    private static List<string> Split(string text) => Tokens.Matches(text).Select(m => m.Value).ToList();

    private static string DeleteTokens(string text, Random random)
    {
        var tokens = Split(text);
        int deletions = 1 + random.Next(4);
        for (int i = 0; i < deletions && tokens.Count > 0; i++)
        {
            int at = random.Next(tokens.Count);
            int length = Math.Min(tokens.Count - at, random.Next(5) == 0 ? 1 + random.Next(20) : 1);
            tokens.RemoveRange(at, length);
        }
        return string.Concat(tokens);
    }

    private static string DuplicateTokens(string text, Random random)
    {
        var tokens = Split(text);
        if (tokens.Count == 0) return text;
        int at = random.Next(tokens.Count);
        int length = Math.Min(tokens.Count - at, 1 + random.Next(30));
        int copies = random.Next(10) == 0 ? 200 + random.Next(2000) : 1 + random.Next(3);
        var run = tokens.GetRange(at, length);
        for (int i = 0; i < copies; i++) tokens.InsertRange(at, run);
        return string.Concat(tokens);
    }

    private static string SwapTokens(string text, Random random)
    {
        var tokens = Split(text);
        if (tokens.Count < 2) return text;
        for (int i = 0; i < 1 + random.Next(3); i++)
        {
            int a = random.Next(tokens.Count), b = random.Next(tokens.Count);
            (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
        }
        return string.Concat(tokens);
    }

    private static string Splice(string text, string other, Random random)
    {
        int cut = random.Next(text.Length + 1);
        int from = random.Next(other.Length + 1);
        return text.Substring(0, cut) + other.Substring(from);
    }

    private static string HugeNumber(string text, Random random)
    {
        string number = random.Next(4) switch
        {
            0 => new string('9', 20 + random.Next(5000)),
            1 => "0x" + new string('F', 17 + random.Next(200)),
            2 => "1" + new string('0', 19) + (random.Next(2) == 0 ? "TiB" : ""),
            _ => string.Concat(Enumerable.Repeat("1_", 50 + random.Next(500))) + "1",
        };
        return ReplaceNumber(text, number, random);
    }

    private static string BoundaryNumber(string text, Random random)
    {
        string number = BoundaryNumbers[random.Next(BoundaryNumbers.Length)];
        if (random.Next(4) == 0) number += new[] { "K", "KiB", "M", "MiB", "G", "GiB", "T", "TiB" }[random.Next(8)];
        return ReplaceNumber(text, number, random);
    }

    private static string ReplaceNumber(string text, string number, Random random)
    {
        var matches = Numbers.Matches(text);
        if (matches.Count == 0) return text + " " + number;
        var match = matches[random.Next(matches.Count)];
        return text.Substring(0, match.Index) + number + text.Substring(match.Index + match.Length);
    }

    private static string InsertUnicode(string text, Random random)
    {
        var result = new StringBuilder(text);
        for (int i = 0; i < 1 + random.Next(5); i++)
        {
            string insert = random.Next(3) == 0 ? ((char)random.Next(0x20, 0xFFFF)).ToString() : Unicode[random.Next(Unicode.Length)];
            result.Insert(random.Next(result.Length + 1), insert);
        }
        return result.ToString();
    }

    private static string InsertKeyword(string text, Random random)
    {
        var tokens = Split(text);
        for (int i = 0; i < 1 + random.Next(3); i++)
        {
            tokens.Insert(random.Next(tokens.Count + 1), (random.Next(2) == 0 ? " " : "") + Keywords[random.Next(Keywords.Length)] + " ");
        }
        return string.Concat(tokens);
    }

    private static string RepeatLine(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int at = random.Next(lines.Count);
        int copies = random.Next(5) == 0 ? 1000 + random.Next(4000) : 1 + random.Next(20);
        lines.InsertRange(at, Enumerable.Repeat(lines[at], copies));
        return string.Join("\n", lines);
    }

    private static string CommentOpeners(string text, Random random)
    {
        string insert = random.Next(4) switch
        {
            0 => string.Concat(Enumerable.Repeat("/*", 1 + random.Next(3000))),
            1 => "/* " + string.Concat(Enumerable.Repeat("/*", random.Next(100))) + " */",
            2 => "//" + new string('x', random.Next(1000)),
            _ => "*/",
        };
        int at = random.Next(text.Length + 1);
        return text.Substring(0, at) + insert + text.Substring(at);
    }

    private static int HashCode(int seed, int index)
    {
        unchecked
        {
            uint h = 2166136261;
            h = (h ^ (uint)seed) * 16777619;
            h = (h ^ (uint)index) * 16777619;
            h ^= h >> 15;
            return (int)(h * 2246822519u);
        }
    }
}
