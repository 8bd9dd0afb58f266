namespace VtdDsl.LanguageServer.Protocol;

/// <summary>A hover's content and the range it describes.</summary>
public sealed record Hover(MarkupContent Contents, Range? Range);

/// <summary><c>textDocument/references</c>.</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary>Whether the declaration counts as a reference.</summary>
public sealed record ReferenceContext(bool IncludeDeclaration);

/// <summary><c>textDocument/rename</c>.</summary>
public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary>The answer to prepareRename: the name's range and its current text.</summary>
public sealed record PrepareRenameResult(Range Range, string Placeholder);

/// <summary>One highlighted occurrence; kind 2 read, 3 write (the declaration).</summary>
public sealed record DocumentHighlight(Range Range, int Kind);

/// <summary>An outline entry.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, List<DocumentSymbol>? Children);

/// <summary>LSP symbol kinds used by the outline.</summary>
public static class SymbolKinds
{
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Class = 5;
    public const int Field = 8;
    public const int Interface = 11;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int Object = 19;
    public const int Event = 24;
    public const int Struct = 23;
}

/// <summary><c>textDocument/completion</c> parameters.</summary>
public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary>A completion list.</summary>
public sealed record CompletionList(bool IsIncomplete, List<CompletionItem> Items);

/// <summary>One completion.</summary>
public sealed record CompletionItem(string Label, int Kind, string? Detail, string? InsertText, int? InsertTextFormat, string? SortText = null);

/// <summary>Completion item kinds and insert formats.</summary>
public static class CompletionItemKinds
{
    public const int Variable = 6;
    public const int Value = 12;
    public const int Keyword = 14;
    public const int Snippet = 15;
    public const int Reference = 18;
    public const int PlainText = 1;
    public const int SnippetFormat = 2;
}

/// <summary><c>textDocument/formatting</c>.</summary>
public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options);

/// <summary>The client's formatting preferences (the layout is canonical; they are read and not needed).</summary>
public sealed record FormattingOptions(int TabSize, bool InsertSpaces);

/// <summary><c>textDocument/codeAction</c>.</summary>
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

/// <summary>The diagnostics the client shows at the range.</summary>
public sealed record CodeActionContext(List<Diagnostic> Diagnostics, List<string>? Only);

/// <summary>A quick fix.</summary>
public sealed record CodeAction(string Title, string Kind, List<Diagnostic>? Diagnostics, bool? IsPreferred, WorkspaceEdit Edit);

/// <summary>A foldable range of lines.</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);

/// <summary>Semantic tokens, encoded as LSP prescribes (five integers per token, relative positions).</summary>
public sealed record SemanticTokens(int[] Data);
