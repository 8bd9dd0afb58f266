namespace VtdDsl.Compiler.Navigation;

/// <summary>
/// Collects, while the binder runs, every name it declares and every name it looks up, so the
/// editor's navigation follows exactly the binder's resolution (first declaration wins).
/// </summary>
public sealed class NameRecorder
{
    private readonly Dictionary<(NameKind, string), SourceSpan> _declared = new();
    private readonly List<NameOccurrence> _occurrences = new();
    private readonly List<(NameKind Kind, string Name, SourceSpan Span)> _references = new();
    private readonly HashSet<(NameKind, string, int, int)> _referenced = new();

    /// <summary>A declaration the binder accepted (accepted) or rejected as a duplicate.</summary>
    public void Declare(NameKind kind, string name, SourceSpan span, bool accepted)
    {
        if (accepted && !_declared.ContainsKey((kind, name)))
        {
            _declared.Add((kind, name), span);
            _occurrences.Add(new NameOccurrence(kind, name, span, IsDeclaration: true, span));
        }
        else
        {
            _occurrences.Add(new NameOccurrence(kind, name, span, IsDeclaration: true, Declaration: null));
        }
    }

    /// <summary>A name the binder looked up among the declarations of its kind.</summary>
    public void Reference(NameKind kind, string name, SourceSpan span)
    {
        // The binder may look one written name up more than once (a run's domain, once per function).
        if (_referenced.Add((kind, name, span.Start, span.Length))) _references.Add((kind, name, span));
    }

    /// <summary>The index of every occurrence, references linked to the declaration they resolved to.</summary>
    public NameIndex Build()
    {
        var all = new List<NameOccurrence>(_occurrences.Count + _references.Count);
        all.AddRange(_occurrences);
        foreach (var (kind, name, span) in _references)
        {
            SourceSpan? declaration = _declared.TryGetValue((kind, name), out var declared) ? declared : null;
            all.Add(new NameOccurrence(kind, name, span, IsDeclaration: false, declaration));
        }
        all.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new NameIndex(all);
    }
}
