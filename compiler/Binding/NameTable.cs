using VtdDsl.Compiler.Navigation;

namespace VtdDsl.Compiler.Binding;

/// <summary>Names of one kind: the first declaration wins, later ones are VTD1001 pointing back at it.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, (int Index, SourceSpan Span)> _names = new(System.StringComparer.Ordinal);
    private readonly string _kind;
    private readonly NameKind? _nameKind;

    public NameTable(string kind) => _kind = kind;

    /// <summary>A table whose declarations and lookups are recorded for navigation (when the context records).</summary>
    public NameTable(string kind, NameKind nameKind)
    {
        _kind = kind;
        _nameKind = nameKind;
    }

    /// <summary>Declares a name; false (and VTD1001) when it is taken.</summary>
    public bool Declare(BindContext context, string name, SourceSpan span, int index)
    {
        if (TryDeclare(context, name, span, index, out var first))
        {
            return true;
        }
        context.Report(DiagnosticDescriptors.DuplicateName, span, first, _kind, "'" + name + "'", "is");
        return false;
    }

    /// <summary>
    /// Declares a name without reporting a clash: false, with the span of the declaration that
    /// holds it, when it is taken. For a <c>functions</c> run, which reports one VTD1001 per
    /// declaration it clashes with rather than one per function.
    /// </summary>
    public bool TryDeclare(BindContext context, string name, SourceSpan span, int index, out SourceSpan first)
    {
        if (_names.TryGetValue(name, out var taken))
        {
            first = taken.Span;
            Record(context, name, span, accepted: false);
            return false;
        }
        first = default;
        _names.Add(name, (index, span));
        Record(context, name, span, accepted: true);
        return true;
    }

    /// <summary>Looks a written name up (recording the reference for navigation); -1 when it is not declared.</summary>
    public int Resolve(BindContext context, string name, SourceSpan span)
    {
        if (_nameKind is { } kind)
        {
            context.Names?.Reference(kind, name, span);
        }
        return IndexOf(name);
    }

    private void Record(BindContext context, string name, SourceSpan span, bool accepted)
    {
        if (_nameKind is { } kind)
        {
            context.Names?.Declare(kind, name, span, accepted);
        }
    }

    public int IndexOf(string name) => _names.TryGetValue(name, out var entry) ? entry.Index : -1;

    public bool Contains(string name) => _names.ContainsKey(name);

    /// <summary>The declared names, first declared first.</summary>
    public IEnumerable<string> Names => _names.Keys;
}
