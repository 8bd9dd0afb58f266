using System.Text.Json;

namespace VtdDsl.LanguageServer.Protocol;

/// <summary>The parts of <c>initialize</c>'s parameters the server reads.</summary>
public sealed record InitializeParams(int? ProcessId, string? RootUri, JsonElement? Capabilities, JsonElement? ClientInfo);

/// <summary>The answer to <c>initialize</c>.</summary>
public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

/// <summary>Who the server is.</summary>
public sealed record ServerInfo(string Name, string Version);

/// <summary>Every feature the server has, announced to the client.</summary>
public sealed record ServerCapabilities(
    string PositionEncoding,
    TextDocumentSyncOptions TextDocumentSync,
    bool HoverProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    RenameOptions RenameProvider,
    bool DocumentHighlightProvider,
    bool DocumentSymbolProvider,
    CompletionOptions CompletionProvider,
    bool DocumentFormattingProvider,
    CodeActionOptions CodeActionProvider,
    bool FoldingRangeProvider,
    SemanticTokensOptions SemanticTokensProvider);

/// <summary>Full open/close notifications and incremental changes.</summary>
public sealed record TextDocumentSyncOptions(bool OpenClose, int Change);

/// <summary>Rename with a prepare step.</summary>
public sealed record RenameOptions(bool PrepareProvider);

/// <summary>Completion triggered by these characters too.</summary>
public sealed record CompletionOptions(string[] TriggerCharacters);

/// <summary>The kinds of code action offered.</summary>
public sealed record CodeActionOptions(string[] CodeActionKinds);

/// <summary>Semantic tokens of a whole document.</summary>
public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full);

/// <summary>The token types and modifiers the numbers of semantic tokens index.</summary>
public sealed record SemanticTokensLegend(string[] TokenTypes, string[] TokenModifiers);

/// <summary>Sync kinds.</summary>
public static class TextDocumentSyncKind
{
    public const int Incremental = 2;
}
