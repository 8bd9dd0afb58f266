using System.Collections.Generic;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Compiler.Binding;

/// <summary>Names of one kind: the first declaration wins, later ones are VTD1001 pointing back at it.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, (int Index, SourceSpan Span)> _names = new(System.StringComparer.Ordinal);
    private readonly string _kind;

    public NameTable(string kind) => _kind = kind;

    /// <summary>Declares a name; false (and VTD1001) when it is taken.</summary>
    public bool Declare(BindContext context, string name, SourceSpan span, int index)
    {
        if (_names.TryGetValue(name, out var first))
        {
            context.Report(DiagnosticDescriptors.DuplicateName, span, first.Span, _kind, name);
            return false;
        }
        _names.Add(name, (index, span));
        return true;
    }

    public int IndexOf(string name) => _names.TryGetValue(name, out var entry) ? entry.Index : -1;

    public bool Contains(string name) => _names.ContainsKey(name);

    /// <summary>The declared names, first declared first.</summary>
    public IEnumerable<string> Names => _names.Keys;
}
