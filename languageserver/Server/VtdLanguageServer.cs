using System;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using VtdDsl.Compiler.Configuration;
using VtdDsl.Compiler.Navigation;
using VtdDsl.LanguageServer.Features;

namespace VtdDsl.LanguageServer.Server;

/// <summary>
/// The LSP methods. Notifications that change documents are handled synchronously, one at a
/// time in arrival order (the host runs handlers on a non-concurrent synchronization context);
/// checks run in the background, debounced, and a newer version cancels the older check.
/// Requests answer from the analysis of the version current when they arrive; a request for
/// a document that is not open, or a position past its end, gets an empty answer. No handler
/// runs for a message before <c>initialize</c> or after <c>shutdown</c> (except <c>exit</c>):
/// <see cref="LspJsonRpc"/> refuses or drops those first.
/// </summary>
public sealed class VtdLanguageServer
{
    /// <summary>LSP's ContentModified: the document changed while the request was being answered.</summary>
    private const int ContentModified = -32801;

    private readonly DocumentStore _documents = new();
    private readonly ServerOptions _options;
    private readonly ServerLog _log;
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonRpc? _rpc;
    private bool _shutdownRequested;

    public VtdLanguageServer(ServerOptions options, ServerLog log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>Completes with the process exit code when the client sends <c>exit</c>: 0 after <c>shutdown</c>, 1 without.</summary>
    public Task<int> Exit => _exit.Task;

    internal void Attach(JsonRpc rpc) => _rpc = rpc;

    [JsonRpcMethod("initialize")]
    public InitializeResult Initialize(InitializeParams? parameters)
    {
        _log.Write($"initialize from process {parameters?.ProcessId?.ToString() ?? "?"}, root {parameters?.RootUri ?? "none"}");
        var capabilities = new ServerCapabilities(
            PositionEncoding: "utf-16",
            TextDocumentSync: new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental),
            HoverProvider: true,
            DefinitionProvider: true,
            ReferencesProvider: true,
            RenameProvider: new RenameOptions(PrepareProvider: true),
            DocumentHighlightProvider: true,
            DocumentSymbolProvider: true,
            CompletionProvider: new CompletionOptions(new[] { ">", " " }),
            DocumentFormattingProvider: true,
            CodeActionProvider: new CodeActionOptions(new[] { "quickfix" }),
            FoldingRangeProvider: true,
            SemanticTokensProvider: new SemanticTokensOptions(SemanticTokensFeature.Legend, Full: true));
        return new InitializeResult(capabilities, new ServerInfo("vtd", typeof(VtdLanguageServer).Assembly.GetName().Version?.ToString() ?? "0"));
    }

    [JsonRpcMethod("initialized")]
    public void Initialized()
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        _shutdownRequested = true;
        _log.Write("shutdown");
        return null;
    }

    [JsonRpcMethod("exit")]
    public void ExitNotification()
    {
        _log.Write(_shutdownRequested ? "exit" : "exit without shutdown");
        _exit.TrySetResult(_shutdownRequested ? 0 : 1);
    }

    [JsonRpcMethod("textDocument/didOpen")]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        if (parameters?.TextDocument?.Uri is null) return;
        var snapshot = _documents.Open(parameters.TextDocument);
        ScheduleCheck(snapshot, TimeSpan.Zero);
    }

    [JsonRpcMethod("textDocument/didChange")]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        if (parameters?.TextDocument?.Uri is null) return;
        if (_documents.Change(parameters, out string? problem) is { } snapshot)
        {
            ScheduleCheck(snapshot, _options.Debounce);
        }
        else
        {
            _log.Write(problem!);
        }
    }

    [JsonRpcMethod("textDocument/didClose")]
    public void DidClose(DidCloseTextDocumentParams parameters)
    {
        if (parameters?.TextDocument?.Uri is not { } uri) return;
        _documents.Close(uri);
        _ = PublishAsync(new PublishDiagnosticsParams(uri, null, new List<Diagnostic>()));
    }

    [JsonRpcMethod("textDocument/didSave")]
    public void DidSave()
    {
    }

    [JsonRpcMethod("textDocument/hover")]
    public Task<Hover?> Hover(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        AtPosition<Hover?>(parameters, null, (snapshot, analysis, offset) => HoverFeature.Hover(snapshot, analysis, offset), cancellationToken);

    [JsonRpcMethod("textDocument/definition")]
    public Task<List<Location>> Definition(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        AtPosition(parameters, new List<Location>(), NavigationFeature.Definition, cancellationToken);

    [JsonRpcMethod("textDocument/references")]
    public Task<List<Location>> References(ReferenceParams parameters, CancellationToken cancellationToken) =>
        AtPosition(parameters, new List<Location>(),
            (snapshot, analysis, offset) => NavigationFeature.References(snapshot, analysis, offset, parameters.Context?.IncludeDeclaration ?? true),
            cancellationToken);

    [JsonRpcMethod("textDocument/documentHighlight")]
    public Task<List<DocumentHighlight>> DocumentHighlight(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        AtPosition(parameters, new List<DocumentHighlight>(), NavigationFeature.Highlights, cancellationToken);

    [JsonRpcMethod("textDocument/prepareRename")]
    public Task<PrepareRenameResult?> PrepareRename(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        AtPosition<PrepareRenameResult?>(parameters, null, NavigationFeature.PrepareRename, cancellationToken);

    [JsonRpcMethod("textDocument/rename")]
    public Task<WorkspaceEdit?> Rename(RenameParams parameters, CancellationToken cancellationToken) =>
        AtPosition<WorkspaceEdit?>(parameters, null, (snapshot, analysis, offset) =>
        {
            var edit = NavigationFeature.Rename(snapshot, analysis, offset, parameters.NewName ?? string.Empty, out string? error);
            if (error is not null) throw new LocalRpcException(error) { ErrorCode = ErrorCodes.InvalidParams };
            return edit;
        }, cancellationToken);

    [JsonRpcMethod("textDocument/documentSymbol")]
    public Task<List<DocumentSymbol>> DocumentSymbol(DocumentParams parameters, CancellationToken cancellationToken) =>
        WholeDocument(parameters?.TextDocument, new List<DocumentSymbol>(), SymbolsFeature.Outline, cancellationToken);

    [JsonRpcMethod("textDocument/completion")]
    public Task<CompletionList> Completion(CompletionParams parameters, CancellationToken cancellationToken) =>
        AtPosition(parameters, new CompletionList(false, new List<CompletionItem>()),
            (snapshot, analysis, offset) => CompletionFeature.Complete(snapshot, analysis, offset), cancellationToken);

    [JsonRpcMethod("textDocument/formatting")]
    public List<TextEdit> Formatting(DocumentFormattingParams parameters, CancellationToken cancellationToken) =>
        parameters?.TextDocument?.Uri is { } uri && _documents.Get(uri) is { } snapshot
            ? FormattingFeature.Format(snapshot, cancellationToken)
            : new List<TextEdit>();

    [JsonRpcMethod("textDocument/codeAction")]
    public Task<List<CodeAction>> CodeAction(CodeActionParams parameters, CancellationToken cancellationToken) =>
        WholeDocument(parameters?.TextDocument, new List<CodeAction>(),
            (snapshot, analysis) => parameters!.Range is null ? new List<CodeAction>() : CodeActionsFeature.QuickFixes(snapshot, analysis, parameters.Range),
            cancellationToken);

    [JsonRpcMethod("textDocument/foldingRange")]
    public List<FoldingRange> FoldingRange(DocumentParams parameters) =>
        parameters?.TextDocument?.Uri is { } uri && _documents.Get(uri) is { } snapshot
            ? FoldingFeature.Ranges(snapshot)
            : new List<FoldingRange>();

    [JsonRpcMethod("textDocument/semanticTokens/full")]
    public Task<SemanticTokens> SemanticTokens(DocumentParams parameters, CancellationToken cancellationToken) =>
        WholeDocument(parameters?.TextDocument, new SemanticTokens(Array.Empty<int>()), SemanticTokensFeature.Tokens, cancellationToken);

    private async Task<T> AtPosition<T>(TextDocumentPositionParams? parameters, T empty,
        Func<DocumentSnapshot, AnalyzedDocument, int, T> answer, CancellationToken cancellationToken)
    {
        if (parameters?.TextDocument?.Uri is not { } uri || parameters.Position is null || _documents.Get(uri) is not { } snapshot)
        {
            return empty;
        }
        if (snapshot.Lines.OffsetOf(parameters.Position) is not { } offset)
        {
            return empty;
        }
        var analysis = await AnalyzeAsync(snapshot, cancellationToken).ConfigureAwait(true);
        return answer(snapshot, analysis, offset);
    }

    private async Task<T> WholeDocument<T>(TextDocumentIdentifier? document, T empty,
        Func<DocumentSnapshot, AnalyzedDocument, T> answer, CancellationToken cancellationToken)
    {
        if (document?.Uri is not { } uri || _documents.Get(uri) is not { } snapshot)
        {
            return empty;
        }
        var analysis = await AnalyzeAsync(snapshot, cancellationToken).ConfigureAwait(true);
        return answer(snapshot, analysis);
    }

    /// <summary>The snapshot's analysis, off the message loop; ContentModified when a newer version replaced it meanwhile.</summary>
    private static async Task<AnalyzedDocument> AnalyzeAsync(DocumentSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => snapshot.Analysis, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && snapshot.Stale.IsCancellationRequested)
        {
            throw new LocalRpcException("the document changed while the request was answered") { ErrorCode = ContentModified };
        }
    }

    /// <summary>Checks a version after the debounce unless a newer one replaces it first, then publishes its diagnostics.</summary>
    private void ScheduleCheck(DocumentSnapshot snapshot, TimeSpan delay)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, snapshot.Stale).ConfigureAwait(false);
                var analysis = snapshot.Analysis;
                var configuration = Configuration(snapshot.FilePath);
                var diagnostics = DiagnosticsFeature.Publish(snapshot, analysis, configuration);
                await PublishAsync(diagnostics, snapshot).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (snapshot.Stale.IsCancellationRequested)
            {
                // A newer version replaced this one; its own check publishes.
            }
            catch (Exception exception)
            {
                _log.Write($"check of {snapshot.Uri} v{snapshot.Version} failed: {exception}");
            }
        });
    }

    private SeverityConfiguration Configuration(string filePath)
    {
        if (!System.IO.Path.IsPathRooted(filePath)) return SeverityConfiguration.Empty;
        try
        {
            var configuration = SeverityConfiguration.ForFile(filePath);
            foreach (var problem in configuration.Problems) _log.Write(problem);
            return configuration;
        }
        catch (Exception exception) when (exception is System.IO.IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            _log.Write($"no severity configuration for {filePath}: {exception.Message}");
            return SeverityConfiguration.Empty;
        }
    }

    /// <summary>Publishes in order; a check of a version that is no longer current publishes nothing.</summary>
    private async Task PublishAsync(PublishDiagnosticsParams diagnostics, DocumentSnapshot? of = null)
    {
        if (_rpc is null) return;
        await _publishGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (of is not null && !ReferenceEquals(_documents.Get(of.Uri), of)) return;
            await _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException)
        {
        }
        finally
        {
            _publishGate.Release();
        }
    }
}
