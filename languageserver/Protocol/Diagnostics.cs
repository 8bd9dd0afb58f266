namespace VtdDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/publishDiagnostics</c>.</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, List<Diagnostic> Diagnostics);

/// <summary>One diagnostic as the client shows it.</summary>
public sealed record Diagnostic(
    Range Range,
    int Severity,
    string Code,
    CodeDescription? CodeDescription,
    string Source,
    string Message,
    List<DiagnosticRelatedInformation>? RelatedInformation,
    object? Data = null);

/// <summary>Where a diagnostic id is explained.</summary>
public sealed record CodeDescription(string Href);

/// <summary>A related location of a diagnostic.</summary>
public sealed record DiagnosticRelatedInformation(Location Location, string Message);

/// <summary>LSP severities.</summary>
public static class DiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}
