namespace VtdDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/didOpen</c>.</summary>
public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary><c>textDocument/didChange</c>: changes applied in order.</summary>
public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, List<TextDocumentContentChangeEvent> ContentChanges);

/// <summary>A change of a range (incremental) or of the whole text (no range).</summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

/// <summary><c>textDocument/didClose</c>.</summary>
public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>Parameters that name only a document (documentSymbol, foldingRange, semanticTokens/full).</summary>
public sealed record DocumentParams(TextDocumentIdentifier TextDocument);
