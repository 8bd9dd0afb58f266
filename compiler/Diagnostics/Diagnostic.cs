using System.Text;

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

    /// <summary>
    /// The text of each hole of the descriptor's message format, in the order of
    /// <see cref="DiagnosticDescriptor.Holes"/>: a host that formats messages itself (Roslyn)
    /// gets the same message from <see cref="DiagnosticDescriptor.PositionalFormat"/> and these.
    /// </summary>
    public EquatableArray<string> Arguments { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// The replacement a quick fix can offer for the span (the closest declared name, the size
    /// unit meant, the keyword meant), or null. The message already says "did you mean".
    /// </summary>
    public string? Suggestion { get; init; }

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
        Build(descriptor, location, null, null, arguments);

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, SourceLocation related, params object?[] arguments) =>
        Build(descriptor, location, related, null, arguments);

    /// <summary>A diagnostic whose message offers <paramref name="suggestion"/> (when not null) through <c>{didYouMean}</c>.</summary>
    public static Diagnostic CreateWithSuggestion(DiagnosticDescriptor descriptor, SourceLocation location, string? suggestion, params object?[] arguments) =>
        Build(descriptor, location, null, suggestion, arguments);

    private static Diagnostic Build(DiagnosticDescriptor descriptor, SourceLocation location, SourceLocation? related, string? suggestion, object?[] arguments)
    {
        var texts = descriptor.FormatArguments(arguments, related?.Span.Line, suggestion);
        var relatedLocations = related is { } other ? EquatableArray.Create(other) : EquatableArray<SourceLocation>.Empty;
        return new Diagnostic(descriptor.Id, descriptor.DefaultSeverity, descriptor.Render(texts), location, relatedLocations)
        {
            Arguments = new EquatableArray<string>(texts),
            Suggestion = suggestion,
        };
    }

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
