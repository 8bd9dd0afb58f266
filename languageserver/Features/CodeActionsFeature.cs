using System.Linq;
using VtdDsl.Compiler.Navigation;

namespace VtdDsl.LanguageServer.Features;

/// <summary><c>textDocument/codeAction</c>: the core's quick fixes for the diagnostics in the range.</summary>
public static class CodeActionsFeature
{
    public static List<CodeAction> QuickFixes(DocumentSnapshot snapshot, AnalyzedDocument analysis, Range range)
    {
        var actions = new List<CodeAction>();
        int start = snapshot.Lines.ClampedOffsetOf(range.Start);
        int end = snapshot.Lines.ClampedOffsetOf(range.End);
        foreach (var diagnostic in analysis.Compilation.Diagnostics)
        {
            var span = diagnostic.Location.Span;
            if (span.End < start || span.Start > end)
            {
                continue;
            }
            var shown = DiagnosticsFeature.Convert(snapshot, diagnostic);
            foreach (var fix in Compiler.Navigation.QuickFixes.For(analysis, diagnostic))
            {
                var edits = fix.Changes
                    .Select(c => new TextEdit(snapshot.Lines.RangeOf(c.Start, c.Start + c.Length), c.NewText))
                    .ToList();
                actions.Add(new CodeAction(fix.Title, "quickfix", new List<Diagnostic> { shown }, fix.IsPreferred ? true : null,
                    new WorkspaceEdit(new Dictionary<string, List<TextEdit>> { [snapshot.Uri] = edits })));
            }
        }
        return actions;
    }
}
