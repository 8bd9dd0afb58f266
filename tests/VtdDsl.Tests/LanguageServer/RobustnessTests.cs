using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using VtdDsl.LanguageServer.Protocol;
using Range = VtdDsl.LanguageServer.Protocol.Range;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>Garbage text, unknown methods, unopened documents, positions past the end, malformed messages, cancellation, shutdown and exit.</summary>
public sealed class RobustnessTests
{
    private static readonly TextDocumentIdentifier Nowhere = new(LspSession.Uri("never-opened.vtd"));

    [Fact]
    public async Task Garbage_and_binary_text_get_diagnostics_not_a_crash()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        var random = new Random(11);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        string binary = Encoding.Latin1.GetString(bytes) + "\0\uFFFF\uD800";
        foreach (var (name, text) in new[] { ("binary.vtd", binary), ("garbage.vtd", "}}}{{ ;; -> domain domain 0x_ 99:99.9 /* unterminated"), ("empty.vtd", "") })
        {
            string uri = LspSession.Uri(name);
            await session.OpenAsync(uri, text);
            var published = await session.DiagnosticsAsync(uri, 1);
            Assert.NotEmpty(published.Diagnostics);
            Assert.All(published.Diagnostics, d => Assert.Equal("vtd", d.Source));
            // Every feature answers on it.
            var position = new TextDocumentPositionParams(new TextDocumentIdentifier(uri), new Position(0, 1));
            await session.RequestAsync<Hover?>("textDocument/hover", position);
            await session.RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(position.TextDocument, position.Position));
            await session.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentParams(position.TextDocument));
            await session.RequestAsync<TextEdit[]>("textDocument/formatting", new DocumentFormattingParams(position.TextDocument, null));
            await session.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new DocumentParams(position.TextDocument));
            await session.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new DocumentParams(position.TextDocument));
        }
        Assert.Equal(0, await session.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task An_unknown_request_gets_method_not_found()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement>("textDocument/noSuchThing", new { }));

        Assert.Equal(JsonRpcErrorCode.MethodNotFound, error.ErrorCode);
        await session.NotifyAsync("$/noSuchNotification", new { });
        Assert.NotNull(await session.RequestAsync<Hover?>("textDocument/hover", new TextDocumentPositionParams(Nowhere, new Position(0, 0))) ?? new object());
    }

    [Fact]
    public async Task A_document_that_was_never_opened_gets_empty_answers()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        var position = new TextDocumentPositionParams(Nowhere, new Position(0, 0));

        Assert.Null(await session.RequestAsync<Hover?>("textDocument/hover", position));
        Assert.Empty(await session.RequestAsync<Location[]>("textDocument/definition", position));
        Assert.Empty(await session.RequestAsync<Location[]>("textDocument/references", new ReferenceParams(Nowhere, position.Position, null)));
        Assert.Empty(await session.RequestAsync<DocumentHighlight[]>("textDocument/documentHighlight", position));
        Assert.Null(await session.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", position));
        Assert.Null(await session.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(Nowhere, position.Position, "x")));
        Assert.Empty(await session.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentParams(Nowhere)));
        Assert.Empty((await session.RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(Nowhere, position.Position))).Items);
        Assert.Empty(await session.RequestAsync<TextEdit[]>("textDocument/formatting", new DocumentFormattingParams(Nowhere, null)));
        Assert.Empty(await session.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(Nowhere, new Range(position.Position, position.Position), new CodeActionContext(new(), null))));
        Assert.Empty(await session.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new DocumentParams(Nowhere)));
        Assert.Empty((await session.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new DocumentParams(Nowhere))).Data);
        await session.ChangeAsync(Nowhere.Uri, 2, new TextDocumentContentChangeEvent(null, "policy A.B;"));
        // Notifications are handled in order: once a later request is answered, the change was handled (and refused).
        await session.RequestAsync<Hover?>("textDocument/hover", position);
        Assert.Contains("not open", session.Log);
    }

    [Fact]
    public async Task A_position_past_the_end_gets_an_empty_answer()
    {
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> vm;\n";
        string uri = LspSession.Uri("past-end.vtd");
        await using var session = await LspSession.OpenedAsync(uri, text);
        var document = new TextDocumentIdentifier(uri);

        foreach (var position in new[] { new Position(99, 0), new Position(2, 500), new Position(-1, 0), new Position(0, -3) })
        {
            var at = new TextDocumentPositionParams(document, position);
            Assert.Null(await session.RequestAsync<Hover?>("textDocument/hover", at));
            Assert.Empty(await session.RequestAsync<Location[]>("textDocument/definition", at));
            Assert.Empty(await session.RequestAsync<Location[]>("textDocument/references", new ReferenceParams(document, position, null)));
            Assert.Empty(await session.RequestAsync<DocumentHighlight[]>("textDocument/documentHighlight", at));
            Assert.Null(await session.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", at));
            Assert.Empty((await session.RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(document, position))).Items);
        }
        // The same request inside the text does answer.
        Assert.NotNull(await session.RequestAsync<Hover?>("textDocument/hover", new TextDocumentPositionParams(document, new Position(2, 21))));
    }

    [Fact]
    public async Task The_server_survives_every_malformed_message()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();

        await session.WriteRawAsync("Content-Length: 5\r\n\r\n{bad}");                         // not JSON
        await session.WriteRawAsync("this is no header\r\n\r\n");                              // no Content-Length
        await session.WriteRawAsync("Content-Length: banana\r\n\r\n");                         // bad length
        await session.WriteRawAsync("Content-Length: 2\r\n\r\n[]");                            // JSON, not a message
        await session.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"initialize\"}"));  // bad id
        await session.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"method\":42}"));             // bad method
        await session.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":\"text\"}")); // bad params
        await session.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":5}}}")); // wrong types
        await session.WriteRawAsync("junk before a real header Content-Length: 2\r\n\r\n{}");  // junk, then an empty object

        // Requests with wrong parameter shapes are refused with an error, and the server goes on.
        await Assert.ThrowsAnyAsync<RemoteInvocationException>(() => session.RequestAsync<Hover?>("textDocument/hover", new { textDocument = 3, position = "x" }));
        string uri = LspSession.Uri("after-garbage.vtd");
        await session.OpenAsync(uri, "policy A.B;\ndomain lonely { map 0x0 size 4KiB -> 0x1000 read; }\n");
        Assert.Equal("VTD2007", Assert.Single((await session.DiagnosticsAsync(uri, 1)).Diagnostics).Code);
        Assert.Contains("skipped a malformed message", session.Log);
        Assert.Equal(0, await session.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_as_cancelled_and_the_server_goes_on()
    {
        string text = LargeDocument.WithWindows(4096);
        string uri = LspSession.Uri("cancel.vtd");
        await using var session = await LspSession.OpenedAsync(uri, "policy A.B;\n", new VtdDsl.LanguageServer.Server.ServerOptions { Debounce = TimeSpan.FromMinutes(10) });
        await session.DiagnosticsAsync(uri, 1);
        // The new version is not checked in the background (long debounce): the first request starts its analysis.
        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(null, text));
        using var cancellation = new CancellationTokenSource();

        var first = session.RequestAsync<Location[]?>("textDocument/references",
            new ReferenceParams(new TextDocumentIdentifier(uri), LspText.At(text, "-> big", into: 4), null), cancellation.Token);
        cancellation.Cancel();

        // The cancellation races the answer: a server that finished first answers in full, one that
        // had not is cancelled. Either way the answer is right and the server goes on.
        try
        {
            Assert.Equal(2, (await first)!.Length);
        }
        catch (OperationCanceledException)
        {
        }
        var references = await session.RequestAsync<Location[]>("textDocument/references",
            new ReferenceParams(new TextDocumentIdentifier(uri), LspText.At(text, "-> big", into: 4), null));
        Assert.Equal(2, references.Length);
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_with_0_and_exit_alone_with_1()
    {
        await using (var session = new LspSession())
        {
            await session.InitializeAsync();
            Assert.Equal(0, await session.ShutdownAndExitAsync());
        }
        await using (var session = new LspSession())
        {
            await session.InitializeAsync();
            await session.NotifyAsync("exit", null);
            Assert.Equal(1, await session.ServerRun.WaitAsync(LspSession.HangGuard));
        }
    }

    [Fact]
    public async Task After_shutdown_requests_get_invalid_request_notifications_are_dropped_and_exit_ends_with_0()
    {
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> vm;\n";
        string uri = LspSession.Uri("after-shutdown.vtd");
        await using var session = await LspSession.OpenedAsync(uri, text);
        await session.DiagnosticsAsync(uri, 1);
        var document = new TextDocumentIdentifier(uri);
        var onDevice = new TextDocumentPositionParams(document, new Position(2, 21));
        Assert.NotNull(await session.RequestAsync<Hover?>("textDocument/hover", onDevice));

        await session.RequestAsync<JsonElement?>("shutdown", null);

        foreach (var (method, parameters) in new (string, object?)[]
        {
            ("textDocument/hover", onDevice),
            ("textDocument/completion", new CompletionParams(document, onDevice.Position)),
            ("textDocument/documentSymbol", new DocumentParams(document)),
            ("shutdown", null),
            ("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = new { } }),
        })
        {
            var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement?>(method, parameters));
            Assert.Equal(-32600, error.ErrorCode);
        }
        string lateUri = LspSession.Uri("opened-after-shutdown.vtd");
        await session.OpenAsync(lateUri, "policy A.B;\ndomain lonely { map 0x0 size 4KiB -> 0x1000 read; }\n");
        // Messages are judged in arrival order: once a later request is refused, the didOpen was dropped.
        await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<Hover?>("textDocument/hover", onDevice));
        Assert.Contains("dropped the notification 'textDocument/didOpen' after 'shutdown'", session.Log);

        await session.NotifyAsync("exit", null);
        Assert.Equal(0, await session.ServerRun.WaitAsync(LspSession.HangGuard));
        Assert.DoesNotContain(session.Published, p => p.Uri == lateUri);
    }

    [Fact]
    public async Task Before_initialize_requests_get_server_not_initialized_and_notifications_are_dropped()
    {
        string uri = LspSession.Uri("before-initialize.vtd");
        await using var session = new LspSession();
        var onDevice = new TextDocumentPositionParams(new TextDocumentIdentifier(uri), new Position(2, 21));
        await session.OpenAsync(uri, "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> vm;\n");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<Hover?>("textDocument/hover", onDevice));
        Assert.Equal(-32002, error.ErrorCode);
        error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement?>("shutdown", null));
        Assert.Equal(-32002, error.ErrorCode);

        await session.InitializeAsync();
        // The didOpen before initialize was dropped: the document is not open.
        Assert.Null(await session.RequestAsync<Hover?>("textDocument/hover", onDevice));
        Assert.Contains("dropped the notification 'textDocument/didOpen' before 'initialize'", session.Log);
        Assert.Empty(session.Published);
        Assert.Equal(0, await session.ShutdownAndExitAsync());
    }

    private static string Frame(string json) => $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";
}
