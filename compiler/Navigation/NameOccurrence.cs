namespace VtdDsl.Compiler.Navigation;

/// <summary>
/// One place a name is written: its declaration or a reference to it. <see cref="Declaration"/>
/// is the span of the declaring name (the symbol's identity), or null for a reference the
/// binder could not resolve (and for a declaration the binder rejected as a duplicate).
/// </summary>
public sealed record NameOccurrence(NameKind Kind, string Name, SourceSpan Span, bool IsDeclaration, SourceSpan? Declaration)
{
    /// <summary>True when the offset lies in the name or right after its last character (where a caret sits after typing it).</summary>
    public bool Touches(int offset) => offset >= Span.Start && offset <= Span.End;
}
