using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace VtdDsl.LanguageServer.Server;

/// <summary>Runs the server over a pair of streams (standard input and output for <c>vtd lsp</c>).</summary>
public static class LanguageServerHost
{
    /// <summary>camelCase names, null members left out, as LSP's JSON is written.</summary>
    public static JsonSerializerOptions SerializerOptions()
    {
        return new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
        };
    }

    /// <summary>Serves until the client sends <c>exit</c> or closes the input; returns the process exit code.</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, ServerOptions? options = null)
    {
        var serverLog = new ServerLog(log);
        var server = new VtdLanguageServer(options ?? ServerOptions.Default, serverLog);
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        formatter.JsonSerializerOptions.PropertyNameCaseInsensitive = true;
        var sanitized = new Pipe();
        using var stop = new CancellationTokenSource();
        var sanitizer = new FrameSanitizer(input, sanitized.Writer, serverLog).RunAsync(stop.Token);
        var handler = new HeaderDelimitedMessageHandler(output, sanitized.Reader.AsStream(), formatter);
        using var rpc = new LspJsonRpc(handler, new LifecycleGate(), serverLog)
        {
            // Handlers start one at a time in arrival order: document changes apply in order.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        server.Attach(rpc);
        rpc.StartListening();
        serverLog.Write("listening");
        var finished = await Task.WhenAny(server.Exit, rpc.Completion).ConfigureAwait(false);
        if (finished == server.Exit)
        {
            stop.Cancel();
            return await server.Exit.ConfigureAwait(false);
        }
        try
        {
            await rpc.Completion.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            serverLog.Write($"connection ended: {exception.Message}");
        }
        serverLog.Write("the client closed the connection without 'exit'");
        return 1;
    }
}
