using System.Linq;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.LanguageServer.Features;

/// <summary>Definition, references, highlights and rename: all from the core's name index.</summary>
public static class NavigationFeature
{
    public static List<Location> Definition(DocumentSnapshot snapshot, AnalyzedDocument analysis, int offset)
    {
        var locations = new List<Location>();
        if (analysis.Names.At(offset) is { } occurrence && analysis.Names.DeclarationOf(occurrence) is { } declaration)
        {
            locations.Add(new Location(snapshot.Uri, snapshot.Lines.RangeOf(declaration.Span)));
        }
        return locations;
    }

    public static List<Location> References(DocumentSnapshot snapshot, AnalyzedDocument analysis, int offset, bool includeDeclaration)
    {
        if (analysis.Names.At(offset) is not { } occurrence)
        {
            return new List<Location>();
        }
        return analysis.Names.OccurrencesOf(occurrence)
            .Where(o => includeDeclaration || !o.IsDeclaration)
            .Select(o => new Location(snapshot.Uri, snapshot.Lines.RangeOf(o.Span)))
            .ToList();
    }

    public static List<DocumentHighlight> Highlights(DocumentSnapshot snapshot, AnalyzedDocument analysis, int offset)
    {
        if (analysis.Names.At(offset) is not { } occurrence)
        {
            return new List<DocumentHighlight>();
        }
        return analysis.Names.OccurrencesOf(occurrence)
            .Select(o => new DocumentHighlight(snapshot.Lines.RangeOf(o.Span), o.IsDeclaration ? 3 : 2))
            .ToList();
    }

    /// <summary>The name under the caret when it can be renamed: a declared name or a resolved reference, written out everywhere.</summary>
    public static PrepareRenameResult? PrepareRename(DocumentSnapshot snapshot, AnalyzedDocument analysis, int offset) =>
        Renamable(analysis, offset) is { } occurrence && WrittenOut(analysis, occurrence)
            ? new PrepareRenameResult(snapshot.Lines.RangeOf(occurrence.Span), occurrence.Name)
            : null;

    /// <summary>True when every occurrence of the symbol is its name as written (not a name a run of functions derives).</summary>
    private static bool WrittenOut(AnalyzedDocument analysis, NameOccurrence occurrence) =>
        analysis.Names.OccurrencesOf(occurrence).All(o =>
            o.Span.Length == o.Name.Length && o.Span.End <= analysis.Text.Length && string.CompareOrdinal(analysis.Text, o.Span.Start, o.Name, 0, o.Name.Length) == 0);

    /// <summary>Every occurrence renamed; null when there is nothing to rename here; an error text when the new name is not a name.</summary>
    public static WorkspaceEdit? Rename(DocumentSnapshot snapshot, AnalyzedDocument analysis, int offset, string newName, out string? error)
    {
        error = null;
        if (Renamable(analysis, offset) is not { } occurrence)
        {
            return null;
        }
        if (!WrittenOut(analysis, occurrence))
        {
            error = $"'{occurrence.Name}' is not written out where it is declared (it is one of a run's names); rename the run";
            return null;
        }
        if (!IsUsableName(newName))
        {
            error = $"'{newName}' is not a valid name: a name starts with a letter or '_' and holds letters, digits and '_'";
            return null;
        }
        var edits = analysis.Names.OccurrencesOf(occurrence)
            .Select(o => new TextEdit(snapshot.Lines.RangeOf(o.Span), newName))
            .ToList();
        return new WorkspaceEdit(new Dictionary<string, List<TextEdit>> { [snapshot.Uri] = edits });
    }

    /// <summary>A new name must be one name token (a keyword only where the grammar takes it as a name).</summary>
    public static bool IsUsableName(string name) => SyntaxTokens.IsValidName(name);

    private static NameOccurrence? Renamable(AnalyzedDocument analysis, int offset) =>
        analysis.Names.At(offset) is { Declaration: not null } occurrence ? occurrence : null;
}
