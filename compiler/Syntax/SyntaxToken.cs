namespace VtdDsl.Compiler.Syntax;

/// <summary>What a token is, as an editor or the formatter needs to know it.</summary>
public enum SyntaxTokenKind : byte
{
    Keyword,
    Name,
    Number,
    Size,
    SourceId,
    Punctuation,
    LineComment,
    BlockComment,
    Whitespace,
    Unexpected,
}

/// <summary>One token of the concrete syntax, comments and whitespace included. <see cref="Type"/> is the lexer's token type.</summary>
public sealed record SyntaxToken(int Type, SyntaxTokenKind Kind, string Text, SourceSpan Span)
{
    /// <summary>True for comments and whitespace (the lexer's hidden channel).</summary>
    public bool IsTrivia => Kind is SyntaxTokenKind.Whitespace or SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment;

    /// <summary>True for comments.</summary>
    public bool IsComment => Kind is SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment;
}
