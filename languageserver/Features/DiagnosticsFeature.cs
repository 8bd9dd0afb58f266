using System.Linq;
using VtdDsl.Compiler.Configuration;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Navigation;
// This file converts the compiler's diagnostics into the protocol's (Lsp.*): unqualified names are the compiler's.
using Diagnostic = VtdDsl.Compiler.Diagnostics.Diagnostic;
using DiagnosticSeverity = VtdDsl.Compiler.Diagnostics.DiagnosticSeverity;
using Lsp = VtdDsl.LanguageServer.Protocol;

namespace VtdDsl.LanguageServer.Features;

/// <summary>The compiler's diagnostics of one version, as the client shows them, severities as the build reports them.</summary>
public static class DiagnosticsFeature
{
    public static Lsp.PublishDiagnosticsParams Publish(DocumentSnapshot snapshot, AnalyzedDocument analysis, SeverityConfiguration configuration) =>
        new(snapshot.Uri, snapshot.Version, Convert(snapshot, configuration.Apply(analysis.Compilation.Diagnostics)).ToList());

    public static IEnumerable<Lsp.Diagnostic> Convert(DocumentSnapshot snapshot, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            yield return Convert(snapshot, diagnostic);
        }
    }

    public static Lsp.Diagnostic Convert(DocumentSnapshot snapshot, Diagnostic diagnostic)
    {
        List<Lsp.DiagnosticRelatedInformation>? related = null;
        foreach (var location in diagnostic.RelatedLocations)
        {
            related ??= new List<Lsp.DiagnosticRelatedInformation>();
            string uri = location.FilePath == diagnostic.Location.FilePath ? snapshot.Uri : new System.Uri(System.IO.Path.GetFullPath(location.FilePath)).AbsoluteUri;
            var range = location.FilePath == diagnostic.Location.FilePath
                ? snapshot.Lines.RangeOf(location.Span)
                : new Lsp.Range(new Lsp.Position(location.Span.Line - 1, location.Span.Column - 1), new Lsp.Position(location.Span.EndLine - 1, location.Span.EndColumn - 1));
            related.Add(new Lsp.DiagnosticRelatedInformation(new Lsp.Location(uri, range), $"{diagnostic.Id}: the other location this diagnostic names"));
        }
        return new Lsp.Diagnostic(
            snapshot.Lines.RangeOf(diagnostic.Location.Span),
            diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => Lsp.DiagnosticSeverity.Error,
                DiagnosticSeverity.Warning => Lsp.DiagnosticSeverity.Warning,
                _ => Lsp.DiagnosticSeverity.Information,
            },
            diagnostic.Id,
            new Lsp.CodeDescription(HelpLinks.For(diagnostic.Id)),
            "vtd",
            diagnostic.Message,
            related);
    }
}
