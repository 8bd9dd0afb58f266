using System.Globalization;
using System.IO;

namespace VtdDsl.Compiler.Configuration;

/// <summary>
/// One global analyzer config file (<c>.globalconfig</c>) as Roslyn reads it: <c>key = value</c>
/// lines before any section, <c>#</c> and <c>;</c> comments, keys compared case-insensitively,
/// and a <c>global_level</c> that decides which file wins when two set the same key
/// (100 by default for a file named <c>.globalconfig</c>, 0 for any other file).
/// </summary>
public sealed class GlobalConfigFile
{
    /// <summary>The file name the .NET SDK discovers in a project's folder and every folder above it.</summary>
    public const string DiscoveredFileName = ".globalconfig";

    private GlobalConfigFile(string path, int level, IReadOnlyDictionary<string, string> entries, IReadOnlyList<string> problems)
    {
        Path = path;
        Level = level;
        Entries = entries;
        Problems = problems;
    }

    /// <summary>Where the file was read from.</summary>
    public string Path { get; }

    /// <summary>The file's <c>global_level</c>: a higher level wins a conflicting key.</summary>
    public int Level { get; }

    /// <summary>Every key (lower case) and its value, from the global section.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    /// <summary>Lines that could not be read, as <c>path(line): message</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads a file; an unreadable file is an <see cref="IOException"/> for the caller to report.</summary>
    public static GlobalConfigFile Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses the text of a config file.</summary>
    public static GlobalConfigFile Parse(string text, string path)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        bool inSection = false;
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }
            if (line[0] == '[')
            {
                // Sections of a global config apply to single files, never to the whole project;
                // severities for .vtd diagnostics are read from the global section only.
                inSection = true;
                continue;
            }
            int equals = line.IndexOf('=');
            if (equals <= 0)
            {
                problems.Add($"{path}({index + 1}): expected 'key = value'");
                continue;
            }
            if (inSection)
            {
                continue;
            }
            string key = line.Substring(0, equals).Trim().ToLowerInvariant();
            string value = StripComment(line.Substring(equals + 1)).Trim();
            entries[key] = value;
        }

        int level = IsDiscoveredName(path) ? 100 : 0;
        if (entries.TryGetValue("global_level", out var levelText))
        {
            if (int.TryParse(levelText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed))
            {
                level = parsed;
            }
            else
            {
                problems.Add($"{path}: global_level '{levelText}' is not a number");
            }
        }
        return new GlobalConfigFile(path, level, entries, problems);
    }

    private static bool IsDiscoveredName(string path) =>
        string.Equals(System.IO.Path.GetFileName(path), DiscoveredFileName, StringComparison.OrdinalIgnoreCase);

    private static string StripComment(string value)
    {
        // Roslyn treats ' #' and ' ;' as the start of a trailing comment.
        for (int i = 1; i < value.Length; i++)
        {
            if ((value[i] == '#' || value[i] == ';') && char.IsWhiteSpace(value[i - 1]))
            {
                return value.Substring(0, i);
            }
        }
        return value;
    }
}
