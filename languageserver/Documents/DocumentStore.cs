using System.Text;

namespace VtdDsl.LanguageServer.Documents;

/// <summary>
/// The open documents, each at its latest version. Changes are applied in the order they arrive
/// (the server hands notifications over one at a time); a change for a version not newer than
/// the current one is stale and ignored.
/// </summary>
public sealed class DocumentStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DocumentSnapshot> _documents = new(System.StringComparer.Ordinal);

    /// <summary>The current version of a document, or null when it is not open.</summary>
    public DocumentSnapshot? Get(string uri)
    {
        lock (_gate)
        {
            return _documents.TryGetValue(uri, out var snapshot) ? snapshot : null;
        }
    }

    public DocumentSnapshot Open(TextDocumentItem item)
    {
        var snapshot = new DocumentSnapshot(item.Uri, DocumentUris.ToFilePath(item.Uri), item.Version, item.Text ?? string.Empty);
        lock (_gate)
        {
            if (_documents.TryGetValue(item.Uri, out var previous)) previous.Retire();
            _documents[item.Uri] = snapshot;
        }
        return snapshot;
    }

    /// <summary>Applies the changes in order; null when the document is not open or the change is stale.</summary>
    public DocumentSnapshot? Change(DidChangeTextDocumentParams change, out string? problem)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(change.TextDocument.Uri, out var current))
            {
                problem = $"change to a document that is not open: {change.TextDocument.Uri}";
                return null;
            }
            if (change.TextDocument.Version <= current.Version)
            {
                problem = $"stale change to {change.TextDocument.Uri}: version {change.TextDocument.Version} is not newer than {current.Version}";
                return null;
            }
            string text = current.Text;
            foreach (var edit in change.ContentChanges ?? new List<TextDocumentContentChangeEvent>())
            {
                text = Apply(text, edit);
            }
            var next = new DocumentSnapshot(current.Uri, current.FilePath, change.TextDocument.Version, text);
            current.Retire();
            _documents[current.Uri] = next;
            problem = null;
            return next;
        }
    }

    public void Close(string uri)
    {
        lock (_gate)
        {
            if (_documents.TryGetValue(uri, out var snapshot))
            {
                snapshot.Retire();
                _documents.Remove(uri);
            }
        }
    }

    /// <summary>One content change: a range replaced, or (without a range) the whole text.</summary>
    public static string Apply(string text, TextDocumentContentChangeEvent edit)
    {
        string replacement = edit.Text ?? string.Empty;
        if (edit.Range is null)
        {
            return replacement;
        }
        var lines = new LineMap(text);
        int start = lines.ClampedOffsetOf(edit.Range.Start);
        int end = lines.ClampedOffsetOf(edit.Range.End);
        if (end < start) (start, end) = (end, start);
        return new StringBuilder(text.Length - (end - start) + replacement.Length)
            .Append(text, 0, start).Append(replacement).Append(text, end, text.Length - end).ToString();
    }
}
