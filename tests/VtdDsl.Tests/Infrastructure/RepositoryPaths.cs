namespace VtdDsl.Tests.Infrastructure;

/// <summary>Files of the source tree the tests read: specs, snapshots, docs.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding VtdDsl.sln.</summary>
    public static string Root => RootPath.Value;

    public static string Specs => Path.Combine(Root, "specs");

    public static string InvalidSpecs => Path.Combine(Root, "specs", "invalid");

    public static string Snapshots => Path.Combine(Root, "tests", "VtdDsl.Tests", "Snapshots");

    /// <summary>The bundled valid specs (specs/*.vtd), as repo-relative paths with forward slashes.</summary>
    public static IEnumerable<string> ValidSpecs() =>
        Directory.GetFiles(Specs, "*.vtd").Select(Relative).OrderBy(path => path, StringComparer.Ordinal);

    /// <summary>specs/invalid/*.vtd, as repo-relative paths.</summary>
    public static IEnumerable<string> InvalidSpecFiles() =>
        Directory.GetFiles(InvalidSpecs, "*.vtd").Select(Relative).OrderBy(path => path, StringComparer.Ordinal);

    public static string Full(string relativePath) => Path.Combine(Root, relativePath);

    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    public static string ReadText(string relativePath) => File.ReadAllText(Full(relativePath));

    /// <summary>
    /// The text of a file the tests rely on (a normative document, a spec): a missing file
    /// fails the test with its name instead of letting it pass silently.
    /// </summary>
    public static string RequiredText(string relativePath)
    {
        string path = Full(relativePath);
        Assert.True(File.Exists(path), $"{relativePath} is missing: the tests rely on it (it belongs in the repository).");
        return File.ReadAllText(path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VtdDsl.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run inside the repository: no VtdDsl.sln above " + AppContext.BaseDirectory);
    }
}
