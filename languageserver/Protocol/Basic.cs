namespace VtdDsl.LanguageServer.Protocol;

// LSP 3.17 basic structures. Property names are serialized camelCase; null members are omitted.

/// <summary>A zero-based line and a character offset in UTF-16 code units.</summary>
public sealed record Position(int Line, int Character);

/// <summary>A range of a document; the end is exclusive.</summary>
public sealed record Range(Position Start, Position End);

/// <summary>A range in a document named by its URI.</summary>
public sealed record Location(string Uri, Range Range);

/// <summary>Names a document.</summary>
public sealed record TextDocumentIdentifier(string Uri);

/// <summary>A document with the version a change applies to.</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>A document as the client opens it.</summary>
public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

/// <summary>A position in a document: the parameters of hover, definition, highlight, completion and prepareRename.</summary>
public record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>Replace a range with new text.</summary>
public sealed record TextEdit(Range Range, string NewText);

/// <summary>Edits to several documents, by URI.</summary>
public sealed record WorkspaceEdit(Dictionary<string, List<TextEdit>> Changes);

/// <summary>Markdown or plain text.</summary>
public sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

/// <summary>JSON-RPC error codes the server answers with.</summary>
public static class ErrorCodes
{
    public const int InvalidParams = -32602;
    public const int RequestFailed = -32803;
}
