using System.IO;

namespace VtdDsl.Compiler.Configuration;

/// <summary>
/// The severities a build would give VTD diagnostics: <c>dotnet_diagnostic.ID.severity</c> from the
/// <c>.globalconfig</c> files the .NET SDK discovers (the file's folder and every folder above
/// it). <c>vtd check</c>, the language server and the tests apply it so that they agree with
/// <c>dotnet build</c>. When two files set the same key, the higher <c>global_level</c> wins; at
/// equal levels with different values the key is dropped, as Roslyn does.
/// </summary>
public sealed class SeverityConfiguration
{
    private readonly IReadOnlyDictionary<string, string> _severities;

    private SeverityConfiguration(IReadOnlyDictionary<string, string> severities, IReadOnlyList<string> files, IReadOnlyList<string> problems)
    {
        _severities = severities;
        Files = files;
        Problems = problems;
    }

    /// <summary>No configuration: every diagnostic keeps its default severity.</summary>
    public static SeverityConfiguration Empty { get; } = new(new Dictionary<string, string>(), Array.Empty<string>(), Array.Empty<string>());

    /// <summary>The config files that were read, nearest first.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>What could not be understood (bad lines, unknown severities, conflicting keys).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// The configuration a build of a project holding <paramref name="specPath"/> would see: every
    /// <c>.globalconfig</c> from the spec's folder up to the root. Unreadable files are reported in
    /// <see cref="Problems"/>, never thrown.
    /// </summary>
    public static SeverityConfiguration ForFile(string specPath)
    {
        var files = new List<GlobalConfigFile>();
        var problems = new List<string>();
        string? folder;
        try
        {
            folder = Path.GetDirectoryName(Path.GetFullPath(specPath));
        }
        catch (Exception invalid) when (invalid is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Empty;
        }
        for (; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            string candidate = Path.Combine(folder!, GlobalConfigFile.DiscoveredFileName);
            if (!File.Exists(candidate))
            {
                continue;
            }
            try
            {
                files.Add(GlobalConfigFile.Load(candidate));
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{candidate}: {unreadable.Message}");
            }
        }
        return Merge(files, problems);
    }

    /// <summary>The configuration of one explicit file (<c>vtd check --config FILE</c>); throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> if it cannot be read.</summary>
    public static SeverityConfiguration Load(string path) => Merge(new[] { GlobalConfigFile.Load(path) }, new List<string>());

    /// <summary>The configuration of config texts already read, nearest first.</summary>
    public static SeverityConfiguration FromFiles(IReadOnlyList<GlobalConfigFile> files) => Merge(files, new List<string>());

    /// <summary>
    /// The diagnostics as the build reports them: re-severitied by configuration, without those
    /// set to <c>none</c> or <c>silent</c>. Syntax errors and internal errors are not configurable.
    /// </summary>
    public IReadOnlyList<Diagnostic> Apply(IEnumerable<Diagnostic> diagnostics)
    {
        var reported = new List<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            var severity = SeverityOf(diagnostic);
            if (severity is { } kept)
            {
                reported.Add(kept == diagnostic.Severity ? diagnostic : diagnostic with { Severity = kept });
            }
        }
        return reported;
    }

    /// <summary>The severity a diagnostic is reported with, or <c>null</c> when it is suppressed.</summary>
    public DiagnosticSeverity? SeverityOf(Diagnostic diagnostic)
    {
        if (!IsConfigurable(diagnostic.Id) || !_severities.TryGetValue(diagnostic.Id.ToLowerInvariant(), out var value))
        {
            return diagnostic.Severity;
        }
        return value switch
        {
            "error" => DiagnosticSeverity.Error,
            "warning" => DiagnosticSeverity.Warning,
            "suggestion" or "info" => DiagnosticSeverity.Info,
            "silent" or "hidden" or "none" => null,
            _ => diagnostic.Severity,
        };
    }

    private static bool IsConfigurable(string id)
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            if (descriptor.Id == id)
            {
                return descriptor.IsConfigurable;
            }
        }
        return false;
    }

    private static SeverityConfiguration Merge(IReadOnlyList<GlobalConfigFile> files, List<string> problems)
    {
        const string Prefix = "dotnet_diagnostic.";
        const string Suffix = ".severity";
        var chosen = new Dictionary<string, (string Value, int Level, string File)>(StringComparer.Ordinal);
        var conflicted = new HashSet<string>(StringComparer.Ordinal);
        var paths = new List<string>();
        foreach (var file in files)
        {
            paths.Add(file.Path);
            problems.AddRange(file.Problems);
            foreach (var entry in file.Entries)
            {
                if (!entry.Key.StartsWith(Prefix, StringComparison.Ordinal) || !entry.Key.EndsWith(Suffix, StringComparison.Ordinal))
                {
                    continue;
                }
                string id = entry.Key.Substring(Prefix.Length, entry.Key.Length - Prefix.Length - Suffix.Length);
                string value = entry.Value.ToLowerInvariant();
                if (!IsKnownSeverity(value))
                {
                    problems.Add($"{file.Path}: '{entry.Value}' is not a severity (error, warning, suggestion, silent, none, default)");
                    continue;
                }
                if (!chosen.TryGetValue(id, out var earlier) || file.Level > earlier.Level)
                {
                    chosen[id] = (value, file.Level, file.Path);
                    conflicted.Remove(id);
                }
                else if (file.Level == earlier.Level && value != earlier.Value)
                {
                    conflicted.Add(id);
                    problems.Add($"{file.Path}: '{entry.Key}' is also set in {earlier.File} at the same global_level; neither applies");
                }
            }
        }
        var severities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in chosen)
        {
            if (!conflicted.Contains(entry.Key) && entry.Value.Value != "default")
            {
                severities[entry.Key] = entry.Value.Value;
            }
        }
        return new SeverityConfiguration(severities, paths, problems);
    }

    private static bool IsKnownSeverity(string value) =>
        value is "error" or "warning" or "suggestion" or "info" or "silent" or "hidden" or "none" or "default";
}
