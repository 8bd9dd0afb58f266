using System;

namespace VtdDsl.Generator.Model;

/// <summary>
/// The path of a spec as generated code shows it: relative to the project directory with '/'
/// separators, or just the file name; never an absolute path, so output is the same on every machine.
/// </summary>
internal static class PathDisplay
{
    public static string Relative(string path, string? projectDirectory)
    {
        string normalized = path.Replace('\\', '/');
        if (!string.IsNullOrEmpty(projectDirectory))
        {
            string root = projectDirectory!.Replace('\\', '/');
            if (!root.EndsWith("/", StringComparison.Ordinal)) root += "/";
            if (normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            {
                return normalized.Substring(root.Length);
            }
        }
        if (!IsRooted(normalized)) return normalized.StartsWith("./", StringComparison.Ordinal) ? normalized.Substring(2) : normalized;
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }

    private static bool IsRooted(string path) =>
        path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');
}
