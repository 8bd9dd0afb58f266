using System.Text;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// One reported problem, equatable by value so it can flow through incremental generator
/// pipelines (a Roslyn Diagnostic is created from it only in the output callback).
/// </summary>
public sealed record Diagnostic(
    string Id,
    DiagnosticSeverity Severity,
    string Message,
    SourceLocation Location,
    EquatableArray<SourceLocation> RelatedLocations)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
        new(descriptor.Id, descriptor.DefaultSeverity, descriptor.Format(arguments), location, EquatableArray<SourceLocation>.Empty);

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, SourceLocation related, params object?[] arguments) =>
        new(descriptor.Id, descriptor.DefaultSeverity, descriptor.Format(arguments), location, EquatableArray.Create(related));

    /// <summary>The canonical form: <c>file(line,col): error VTD3005: message</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(Location.FilePath).Append('(').Append(Location.Span.Line).Append(',').Append(Location.Span.Column).Append("): ")
            .Append(SeverityText(Severity)).Append(' ')
            .Append(Id).Append(": ").Append(Message);
        return text.ToString();
    }

    /// <summary>The word the canonical form uses: <c>error</c>, <c>warning</c> or <c>info</c>.</summary>
    public static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
