using System.Linq;

namespace VtdDsl.Compiler.Navigation;

/// <summary>Every name occurrence of one file in text order, with lookups by offset and by symbol.</summary>
public sealed class NameIndex
{
    private readonly List<NameOccurrence> _occurrences;

    internal NameIndex(List<NameOccurrence> occurrences) => _occurrences = occurrences;

    /// <summary>Every occurrence, in text order.</summary>
    public IReadOnlyList<NameOccurrence> Occurrences => _occurrences;

    /// <summary>The occurrence under (or right before) the offset, or null.</summary>
    public NameOccurrence? At(int offset)
    {
        int low = 0, high = _occurrences.Count - 1, found = -1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (_occurrences[middle].Span.Start <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found >= 0 && _occurrences[found].Touches(offset) ? _occurrences[found] : null;
    }

    /// <summary>The declaration of the symbol an occurrence belongs to, or null when it did not resolve.</summary>
    public NameOccurrence? DeclarationOf(NameOccurrence occurrence) =>
        occurrence.Declaration is { } declaration
            ? _occurrences.FirstOrDefault(o => o.IsDeclaration && SameSymbol(o, occurrence, declaration))
            : null;

    /// <summary>
    /// A symbol is its kind, its name and where it is declared: one declaration can declare
    /// several names (a run of functions declares vf0, vf1, … at the run's name).
    /// </summary>
    private static bool SameSymbol(NameOccurrence candidate, NameOccurrence occurrence, Text.SourceSpan declaration) =>
        candidate.Kind == occurrence.Kind && candidate.Name == occurrence.Name && candidate.Declaration == declaration;

    /// <summary>Every occurrence of the same symbol (declaration first, then references in text order); just itself when unresolved.</summary>
    public IReadOnlyList<NameOccurrence> OccurrencesOf(NameOccurrence occurrence)
    {
        if (occurrence.Declaration is not { } declaration)
        {
            return new[] { occurrence };
        }
        return _occurrences
            .Where(o => SameSymbol(o, occurrence, declaration))
            .OrderBy(o => o.IsDeclaration ? 0 : 1)
            .ThenBy(o => o.Span.Start)
            .ToList();
    }

    /// <summary>The accepted declarations of one kind, in text order.</summary>
    public IEnumerable<NameOccurrence> Declarations(NameKind kind) =>
        _occurrences.Where(o => o.IsDeclaration && o.Kind == kind && o.Declaration is not null);
}
