using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using VtdDsl.LanguageServer.Protocol;
using Range = VtdDsl.LanguageServer.Protocol.Range;
using VtdDsl.LanguageServer.Server;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>
/// The language server in-process over a pair of pipes, driven by a real StreamJsonRpc client
/// speaking LSP's Content-Length framing. Collects every publishDiagnostics notification.
/// </summary>
internal sealed class LspSession : IAsyncDisposable
{
    /// <summary>How long a test waits for an answer before it fails as hung (not a speed requirement).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly Stream _clientWriter;
    private readonly JsonRpc _client;
    private readonly List<PublishDiagnosticsParams> _published = new();
    private readonly object _gate = new();
    private readonly StringWriter _log = new();
    private TaskCompletionSource _diagnosticsArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LspSession(ServerOptions? options = null)
    {
        ServerRun = Task.Run(() => LanguageServerHost.RunAsync(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), TextWriter.Synchronized(_log),
            options ?? new ServerOptions { Debounce = TimeSpan.FromMilliseconds(20) }));
        _clientWriter = _toServer.Writer.AsStream();
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        formatter.JsonSerializerOptions.PropertyNameCaseInsensitive = true;
        _client = new JsonRpc(new HeaderDelimitedMessageHandler(_clientWriter, _toClient.Reader.AsStream(), formatter));
        _client.AddLocalRpcTarget(new ClientMethods(this));
        _client.StartListening();
    }

    /// <summary>The server's run: completes with its exit code.</summary>
    public Task<int> ServerRun { get; }

    /// <summary>What the server wrote to its log (standard error in <c>vtd lsp</c>).</summary>
    public string Log => _log.ToString();

    public static string Uri(string name) => new System.Uri(Path.Combine(Path.GetTempPath(), "vtd-lsp-tests", name)).AbsoluteUri;

    /// <summary>A session past the handshake with <paramref name="text"/> open at <paramref name="uri"/> (version 1).</summary>
    public static async Task<LspSession> OpenedAsync(string uri, string text, ServerOptions? options = null)
    {
        var session = new LspSession(options);
        try
        {
            await session.InitializeAsync();
            await session.OpenAsync(uri, text);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async Task<InitializeResult> InitializeAsync()
    {
        var result = await RequestAsync<InitializeResult>("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = new { } });
        await NotifyAsync("initialized", new { });
        return result;
    }

    public async Task<T> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var call = _client.InvokeWithParameterObjectAsync<T>(method, parameters, guard.Token);
        return await call.WaitAsync(HangGuard, CancellationToken.None);
    }

    public Task NotifyAsync(string method, object? parameters) => _client.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vtd", version, text)));

    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes.ToList()));

    /// <summary>Writes raw bytes to the server, as a broken client would.</summary>
    public async Task WriteRawAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _clientWriter.WriteAsync(bytes);
        await _clientWriter.FlushAsync();
    }

    /// <summary>Waits for the diagnostics of exactly this version of the document.</summary>
    public async Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, int? version)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var found = _published.LastOrDefault(p => p.Uri == uri && p.Version == version);
                if (found is not null) return found;
                arrived = _diagnosticsArrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no diagnostics for {uri} v{version}; server log:\n{Log}");
            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    /// <summary>Every publishDiagnostics notification received so far, in order.</summary>
    public IReadOnlyList<PublishDiagnosticsParams> Published
    {
        get
        {
            lock (_gate) return _published.ToList();
        }
    }

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync<JsonElement?>("shutdown", null);
        await NotifyAsync("exit", null);
        return await ServerRun.WaitAsync(HangGuard);
    }

    private void OnDiagnostics(JsonElement parameters)
    {
        var diagnostics = parameters.Deserialize<PublishDiagnosticsParams>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        lock (_gate)
        {
            _published.Add(diagnostics);
            var arrived = _diagnosticsArrived;
            _diagnosticsArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
        }
    }

    /// <summary>What the client answers: the server's notifications.</summary>
    private sealed class ClientMethods
    {
        private readonly LspSession _session;

        public ClientMethods(LspSession session) => _session = session;

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement parameters) => _session.OnDiagnostics(parameters);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _toServer.Writer.CompleteAsync();
        try
        {
            await ServerRun.WaitAsync(HangGuard);
        }
        catch (Exception)
        {
            // The run's own outcome is asserted by the tests that care.
        }
    }
}
