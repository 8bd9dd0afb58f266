namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, warnings the new version adds.</summary>
public sealed partial class PolicyDiff
{
    private void CompareWarnings()
    {
        var oldWarnings = new List<(string Id, string Message)>();
        foreach (var diagnostic in _oldResult.Diagnostics) oldWarnings.Add((diagnostic.Id, diagnostic.Message));
        var added = new List<Diagnostic>();
        foreach (var diagnostic in _newResult.Diagnostics)
        {
            int at = oldWarnings.IndexOf((diagnostic.Id, diagnostic.Message));
            if (at >= 0) oldWarnings.RemoveAt(at);
            else added.Add(diagnostic);
        }
        // A warning whose text changed only because something it names was renamed: pair it
        // with a gone warning of the same id; it is cosmetic when nothing else changed.
        foreach (var diagnostic in added)
        {
            int gone = oldWarnings.FindIndex(w => w.Id == diagnostic.Id);
            string subject = $"{diagnostic.Id} at line {diagnostic.Location.Span.Line}";
            if (gone >= 0 && SameMeaning(_changes))
            {
                oldWarnings.RemoveAt(gone);
                Add(ChangeArea.Warnings, ChangeKind.WarningReworded, ChangeImpact.Cosmetic, subject, $"reworded: {diagnostic.Message}");
            }
            else
            {
                Add(ChangeArea.Warnings, ChangeKind.WarningAdded, ChangeImpact.Changed, subject, $"new warning: {diagnostic.Message}");
            }
        }
    }
}
