using System.IO;
using System.Linq;
using System.Threading;
using Antlr4.Runtime;

namespace VtdDsl.Compiler.Syntax;

/// <summary>The language's lexer, for tools that work on the concrete syntax (formatter, editor).</summary>
public static class SyntaxTokens
{
    private static readonly Dictionary<int, string> KeywordTypes = FindKeywords();

    /// <summary>Every keyword of the language, as written.</summary>
    public static IReadOnlyCollection<string> Keywords { get; } = KeywordTypes.Values.OrderBy(k => k, System.StringComparer.Ordinal).ToArray();

    /// <summary>Every token of the text, trivia included, in order; the end-of-file token is left out.</summary>
    public static IReadOnlyList<SyntaxToken> Lex(string text, CancellationToken cancellationToken = default)
    {
        var lexer = new VtdLexer(new AntlrInputStream(text), TextWriter.Null, TextWriter.Null);
        lexer.RemoveErrorListeners();
        var tokens = new List<SyntaxToken>();
        int count = 0;
        for (var token = lexer.NextToken(); token.Type != TokenConstants.EOF; token = lexer.NextToken())
        {
            if ((++count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            tokens.Add(new SyntaxToken(token.Type, KindOf(token.Type), token.Text, Spans.Of(token)));
        }
        return tokens;
    }

    /// <summary>True when the word is one of the language's keywords.</summary>
    public static bool IsKeyword(string word) => KeywordTypes.ContainsValue(word);

    /// <summary>The keyword a token type stands for, or null.</summary>
    public static string? KeywordOf(int tokenType) => KeywordTypes.TryGetValue(tokenType, out var word) ? word : null;

    /// <summary>
    /// True when the text can be written as a declared name: one name token, or a keyword the
    /// grammar accepts in a name's place (asked of the parser itself, with a declaration).
    /// </summary>
    public static bool IsValidName(string text)
    {
        if (text.Length == 0) return false;
        var tokens = Lex(text);
        if (tokens.Count != 1) return false;
        if (tokens[0].Type == VtdLexer.NAME) return true;
        if (tokens[0].Kind != SyntaxTokenKind.Keyword) return false;
        var diagnostics = new Diagnostics.DiagnosticBag();
        SyntaxParser.Parse(string.Empty, "process " + text + ";", diagnostics, CancellationToken.None);
        return diagnostics.ToSortedArray().Count == 0;
    }

    internal static SyntaxTokenKind KindOf(int type)
    {
        if (KeywordTypes.ContainsKey(type)) return SyntaxTokenKind.Keyword;
        return type switch
        {
            VtdLexer.NAME => SyntaxTokenKind.Name,
            VtdLexer.DASHED_NAME => SyntaxTokenKind.Name, // not a valid name (VTD0011), but read as one
            VtdLexer.NUMBER => SyntaxTokenKind.Number,
            VtdLexer.SIZE_LITERAL => SyntaxTokenKind.Size,
            VtdLexer.PCI_ID => SyntaxTokenKind.SourceId,
            VtdLexer.LINE_COMMENT => SyntaxTokenKind.LineComment,
            VtdLexer.BLOCK_COMMENT => SyntaxTokenKind.BlockComment,
            VtdLexer.WS => SyntaxTokenKind.Whitespace,
            VtdLexer.UNEXPECTED_CHAR => SyntaxTokenKind.Unexpected,
            VtdLexer.NUMBER_WITH_WORD => SyntaxTokenKind.Unexpected, // '4GB', '0x10zz': a number glued to a word
            _ => SyntaxTokenKind.Punctuation,
        };
    }

    /// <summary>Keywords are the literal tokens spelled with letters ('domain', 'address-width', …).</summary>
    private static Dictionary<int, string> FindKeywords()
    {
        var keywords = new Dictionary<int, string>();
        var vocabulary = VtdLexer.DefaultVocabulary;
        for (int type = 1; type <= VtdLexer._ATN.maxTokenType; type++)
        {
            string? literal = vocabulary.GetLiteralName(type);
            if (literal is { Length: > 2 } && literal[0] == '\'' && char.IsLetter(literal[1]))
            {
                keywords.Add(type, literal.Substring(1, literal.Length - 2));
            }
        }
        return keywords;
    }
}
