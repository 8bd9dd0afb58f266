using System;
using System.Threading;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Navigation;

namespace VtdDsl.LanguageServer.Documents;

/// <summary>
/// One version of an open document. Its analysis runs at most once, started by the debounced
/// background check or by the first request that needs it, and is cancelled when a newer
/// version replaces this one.
/// </summary>
public sealed class DocumentSnapshot
{
    private readonly Lazy<AnalyzedDocument> _analysis;
    private readonly CancellationTokenSource _cancellation = new();

    public DocumentSnapshot(string uri, string filePath, int version, string text)
    {
        Uri = uri;
        FilePath = filePath;
        Version = version;
        Text = text;
        Lines = new LineMap(text);
        _analysis = new Lazy<AnalyzedDocument>(() => VtdCompiler.Analyze(filePath, text, _cancellation.Token), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Uri { get; }

    /// <summary>The file path the URI names (used for diagnostics and for finding .globalconfig files).</summary>
    public string FilePath { get; }

    public int Version { get; }

    public string Text { get; }

    public LineMap Lines { get; }

    /// <summary>Cancelled when a newer version replaces this one or the document closes.</summary>
    public CancellationToken Stale => _cancellation.Token;

    /// <summary>Parse, bind, check and name index of this version (computed once); throws OperationCanceledException when stale.</summary>
    public AnalyzedDocument Analysis => _analysis.Value;

    /// <summary>Marks this version as replaced: its running analysis stops.</summary>
    public void Retire()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
