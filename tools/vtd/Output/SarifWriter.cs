using System.Text;
using System.Text.Json;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Tool.Output;

/// <summary>
/// SARIF 2.1.0 for CI systems that annotate pull requests: one rule per diagnostic id with its
/// help text, one result per diagnostic with its region and related locations.
/// </summary>
internal static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The tool's home; rules' help links are absolute URIs under it, as SARIF requires of <c>helpUri</c>.</summary>
    public const string InformationUri = DiagnosticCatalogue.RepositoryUrl;

    /// <summary>
    /// Writes the log of <paramref name="results"/>; locations in the file named
    /// <paramref name="standardInputName"/> (a spec read from standard input that
    /// <c>--stdin-filename</c> did not name) have no URI: SARIF describes such an artifact with
    /// <c>artifactLocation.description</c> instead.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<CompilationResult> results, string? standardInputName = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json);
            WriteResults(json, results, standardInputName);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "vtd");
        json.WriteString("semanticVersion", typeof(SarifWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            json.WriteStartObject();
            json.WriteString("id", descriptor.Id);
            json.WriteString("name", PascalCase(descriptor.Title));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", descriptor.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", descriptor.HelpText);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", descriptor.HelpText);
            json.WriteEndObject();
            json.WriteString("helpUri", descriptor.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(descriptor.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResults(Utf8JsonWriter json, IReadOnlyList<CompilationResult> results, string? standardInputName)
    {
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < DiagnosticDescriptors.All.Count; i++) ruleIndex[DiagnosticDescriptors.All[i].Id] = i;
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", diagnostic.Id);
                json.WriteNumber("ruleIndex", ruleIndex[diagnostic.Id]);
                json.WriteString("level", Level(diagnostic.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", diagnostic.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                WriteLocation(json, diagnostic.Location, id: null, standardInputName);
                json.WriteEndArray();
                if (diagnostic.Suggestion is { } suggestion)
                {
                    // The replacement a quick fix offers for the location (did you mean).
                    json.WriteStartObject("properties");
                    json.WriteString("suggestion", suggestion);
                    json.WriteEndObject();
                }
                if (!diagnostic.RelatedLocations.IsEmpty)
                {
                    json.WriteStartArray("relatedLocations");
                    int id = 1;
                    foreach (var related in diagnostic.RelatedLocations)
                    {
                        WriteLocation(json, related, id++, standardInputName);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter json, SourceLocation location, int? id, string? standardInputName)
    {
        json.WriteStartObject();
        if (id is { } number)
        {
            json.WriteNumber("id", number);
        }
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        if (location.FilePath == standardInputName)
        {
            // Standard input has no URI (and "-" or "<stdin>" as a relative URI would name a file
            // in the checkout): SARIF 2.1.0 leaves "uri" out and describes the artifact instead.
            // GitHub code scanning requires a URI, so `vtd check --stdin-filename` names the file
            // and this branch is not taken.
            json.WriteStartObject("description");
            json.WriteString("text", location.FilePath);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("uri", ArtifactUri(location.FilePath));
        }
        json.WriteEndObject();
        var span = location.Span;
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, span.Line));
        json.WriteNumber("startColumn", Math.Max(1, span.Column));
        json.WriteNumber("endLine", Math.Max(1, span.EndLine));
        json.WriteNumber("endColumn", Math.Max(1, span.EndColumn));
        json.WriteNumber("charOffset", span.Start);
        json.WriteNumber("charLength", span.Length);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// A valid URI reference for a path as the user gave it: a relative path stays relative
    /// (percent-encoded, forward slashes) so CI resolves it against the checkout; a rooted path
    /// becomes a <c>file:</c> URI.
    /// </summary>
    internal static string ArtifactUri(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        }
        var segments = path.Replace('\\', '/').Split('/');
        for (int i = 0; i < segments.Length; i++) segments[i] = Uri.EscapeDataString(segments[i]);
        return string.Join("/", segments);
    }

    private static string Level(DiagnosticSeverity severity) => severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" };

    private static string PascalCase(string title)
    {
        var name = new StringBuilder();
        foreach (var word in title.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }
        return name.ToString();
    }
}
