using System.Text.RegularExpressions;

namespace VtdDsl.Tests.Language;

/// <summary>
/// The normative documents live in the repository (docs/spec/), and every reference points
/// inside it: a missing document fails, it does not pass silently.
/// </summary>
public sealed class NormativeDocumentTests
{
    /// <summary>The documents the tests and the other documents rely on.</summary>
    public static IEnumerable<object[]> RequiredDocuments() => new[]
    {
        "docs/spec/LANGUAGE.md", "docs/spec/VTD-FORMATS.md", "docs/spec/ARCHITECTURE.md",
        "docs/diagnostics.md", "docs/language-guide.md", "docs/hardware-tables.md", "docs/reviewing.md", "README.md",
    }.Select(path => new object[] { path });

    [Theory]
    [MemberData(nameof(RequiredDocuments))]
    public void A_required_document_is_present_and_not_empty(string path)
    {
        Assert.False(string.IsNullOrWhiteSpace(RepositoryPaths.RequiredText(path)), $"{path} is empty");
    }

    [Fact]
    public void A_missing_required_document_fails_instead_of_passing()
    {
        var failure = Assert.ThrowsAny<Exception>(() => RepositoryPaths.RequiredText("docs/spec/NO-SUCH-DOCUMENT.md"));
        Assert.Contains("docs/spec/NO-SUCH-DOCUMENT.md is missing", failure.Message);
    }

    [Fact]
    public void Nothing_in_the_repository_refers_to_the_design_folder_outside_it()
    {
        string outside = "shared" + "/design"; // spelled in two parts so this file does not match itself
        var offenders = TextFiles().Where(path => File.ReadAllText(path).Contains(outside, StringComparison.Ordinal)).Select(RepositoryPaths.Relative).ToList();

        Assert.True(offenders.Count == 0, "refer to docs/spec/ instead: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_relative_link_of_the_documentation_points_at_a_file_inside_the_repository()
    {
        var broken = new List<string>();
        foreach (string document in TextFiles().Where(path => path.EndsWith(".md", StringComparison.Ordinal)))
        {
            foreach (Match link in Regex.Matches(File.ReadAllText(document), @"\]\(([^)\s#]+)(#[^)\s]*)?\)"))
            {
                string target = link.Groups[1].Value;
                if (Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)) continue; // https:, mailto:
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(target)));
                bool inside = full.StartsWith(RepositoryPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (!inside || !(File.Exists(full) || Directory.Exists(full)))
                {
                    broken.Add($"{RepositoryPaths.Relative(document)}: {target}");
                }
            }
        }

        Assert.True(broken.Count == 0, "links that leave the repository or lead nowhere: " + string.Join("; ", broken));
    }

    /// <summary>The repository's text files, without build output and installed packages.</summary>
    private static IEnumerable<string> TextFiles()
    {
        var skipped = new[] { "bin", "obj", "artifacts", "node_modules", ".git", "TestResults", "BenchmarkDotNet.Artifacts" };
        var extensions = new[] { ".md", ".cs", ".vtd", ".g4", ".sbn", ".props", ".csproj", ".json", ".js", ".sh", ".txt", ".yml" };
        var pending = new Stack<string>();
        pending.Push(RepositoryPaths.Root);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            foreach (string child in Directory.GetDirectories(directory))
            {
                if (!skipped.Contains(Path.GetFileName(child))) pending.Push(child);
            }
            foreach (string file in Directory.GetFiles(directory))
            {
                if (extensions.Contains(Path.GetExtension(file)) || Path.GetFileName(file) == "run") yield return file;
            }
        }
    }
}
