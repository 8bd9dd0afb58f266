using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace VtdDsl.Compiler.Syntax;

/// <summary>Tokens as a user knows them: `map`, a name, a number, end of file — never ANTLR's rule names.</summary>
internal static class TokenWords
{
    /// <summary>The token found, e.g. <c>`map`</c>, <c>name `vm2`</c>, <c>end of file</c>.</summary>
    public static string Found(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        VtdLexer.NAME => "name `" + Shorten(token.Text) + "`",
        VtdLexer.NUMBER => "number `" + Shorten(token.Text) + "`",
        VtdLexer.SIZE_LITERAL => "size `" + Shorten(token.Text) + "`",
        VtdLexer.PCI_ID => "source id `" + Shorten(token.Text) + "`",
        VtdLexer.DASHED_NAME => "name `" + Shorten(token.Text) + "`",
        VtdLexer.NUMBER_WITH_WORD => "`" + Shorten(token.Text) + "`",
        _ when IsKeyword(token.Type) => "keyword `" + token.Text + "`",
        _ => "`" + Shorten(token.Text ?? string.Empty) + "`",
    };

    /// <summary>One expected token, e.g. <c>`;`</c> or <c>a name</c>.</summary>
    public static string Expected(int type) => type switch
    {
        TokenConstants.EOF => "end of file",
        VtdLexer.NAME => "a name",
        VtdLexer.NUMBER => "a number",
        VtdLexer.SIZE_LITERAL => "a size",
        VtdLexer.PCI_ID => "a source id",
        _ => "`" + Literal(type) + "`",
    };

    /// <summary>
    /// An expected set as words: <c>`;` or `{`</c>. A set holding every name token reads as
    /// "a name"; one holding the declaration keywords as "a declaration". A bare NAME in a set
    /// only stands for a misspelled keyword (the unknown-declaration and -statement rules), so it
    /// is left out.
    /// </summary>
    public static string Describe(IntervalSet expected)
    {
        var words = new List<string>();
        bool name = expected.Contains(VtdLexer.NAME) && expected.Contains(VtdLexer.DASHED_NAME);
        bool declaration = !name && expected.Contains(VtdLexer.DOMAIN) && expected.Contains(VtdLexer.DEVICE) && expected.Contains(VtdLexer.POLICY);
        if (name) words.Add("a name");
        if (declaration) words.Add("a declaration");
        foreach (int type in expected.ToArray())
        {
            if (type is VtdLexer.NAME or VtdLexer.DASHED_NAME || (name && IsKeyword(type)) || (declaration && IsKeyword(type))) continue;
            string word = type == VtdLexer.NUMBER_WITH_WORD ? "a number" : Expected(type);
            if (!words.Contains(word)) words.Add(word);
        }
        if (words.Count == 0) return "nothing more";
        if (words.Count == 1) return words[0];
        if (words.Count > 6) return string.Join(", ", words.GetRange(0, 6)) + " or another word";
        return string.Join(", ", words.GetRange(0, words.Count - 1)) + " or " + words[words.Count - 1];
    }

    /// <summary>The text of a literal token type (<c>;</c>, <c>map</c>), from the generated vocabulary.</summary>
    public static string Literal(int type)
    {
        string? literal = VtdLexer.DefaultVocabulary.GetLiteralName(type);
        return literal is { Length: >= 2 } ? literal.Substring(1, literal.Length - 2) : VtdLexer.DefaultVocabulary.GetDisplayName(type);
    }

    /// <summary>A keyword: a token whose text is a fixed word (policy, map, address-width…).</summary>
    public static bool IsKeyword(int type)
    {
        string? literal = VtdLexer.DefaultVocabulary.GetLiteralName(type);
        return literal is { Length: > 2 } && char.IsLetter(literal[1]);
    }

    private static string Shorten(string text) => Binding.Literals.Shorten(text);
}
