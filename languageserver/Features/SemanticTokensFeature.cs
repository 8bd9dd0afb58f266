using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.LanguageServer.Features;

/// <summary>
/// <c>textDocument/semanticTokens/full</c>: keywords, numbers, comments from the lexer; names
/// typed by what they resolved to, declarations marked.
/// </summary>
public static class SemanticTokensFeature
{
    public static readonly SemanticTokensLegend Legend = new(
        new[] { "keyword", "number", "comment", "string", "namespace", "class", "variable", "enumMember", "type", "struct" },
        new[] { "declaration" });

    private const int Keyword = 0, Number = 1, Comment = 2, SourceId = 3;

    private static int NameType(NameKind kind) => kind switch
    {
        NameKind.Domain => 4,
        NameKind.Device => 5,
        NameKind.Memory => 6,
        NameKind.Protected => 7,
        NameKind.Unit => 8,
        _ => 9,
    };

    /// <summary>The token's type and modifiers (1: a declaration), or null for a token the grammar's colouring is left to.</summary>
    private static (int Type, int Modifiers)? Colour(SyntaxToken token, AnalyzedDocument analysis) => token.Kind switch
    {
        // A name, or a contextual keyword written as one: coloured as the name it is.
        SyntaxTokenKind.Name or SyntaxTokenKind.Keyword when analysis.Names.At(token.Span.Start) is { } name && name.Span == token.Span
            => (NameType(name.Kind), name.IsDeclaration ? 1 : 0),
        SyntaxTokenKind.Keyword => (Keyword, 0),
        SyntaxTokenKind.Number or SyntaxTokenKind.Size => (Number, 0),
        SyntaxTokenKind.SourceId => (SourceId, 0),
        SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment => (Comment, 0),
        _ => null,
    };

    public static SemanticTokens Tokens(DocumentSnapshot snapshot, AnalyzedDocument analysis)
    {
        var data = new List<int>();
        int previousLine = 0, previousCharacter = 0;
        foreach (var token in SyntaxTokens.Lex(snapshot.Text, snapshot.Stale))
        {
            if (Colour(token, analysis) is not (int type, int modifiers)) continue;
            var start = snapshot.Lines.PositionOf(token.Span.Start);
            var end = snapshot.Lines.PositionOf(token.Span.End);
            if (end.Line != start.Line) continue; // multi-line tokens (block comments) are left to the grammar's colouring
            data.Add(start.Line - previousLine);
            data.Add(start.Line == previousLine ? start.Character - previousCharacter : start.Character);
            data.Add(end.Character - start.Character);
            data.Add(type);
            data.Add(modifiers);
            previousLine = start.Line;
            previousCharacter = start.Character;
        }
        return new SemanticTokens(data.ToArray());
    }
}
