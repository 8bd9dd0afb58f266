using System;
using System.IO;

namespace VtdDsl.LanguageServer.Server;

/// <summary>The server's log: standard error (standard output carries the protocol and nothing else).</summary>
public sealed class ServerLog
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    public ServerLog(TextWriter writer) => _writer = writer;

    public void Write(string message)
    {
        lock (_gate)
        {
            try
            {
                _writer.WriteLine($"[vtd lsp {DateTime.UtcNow:HH:mm:ss.fff}] {message}");
                _writer.Flush();
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // A closed standard error must not take the server down.
            }
        }
    }
}
