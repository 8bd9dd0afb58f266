using System.Text.RegularExpressions;
using VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Tests.Cli;

public sealed class DiagnosticsCatalogTests
{
    /// <summary>docs/diagnostics.md has one <c>## VTDnnnn: Title</c> heading per id, no more and no fewer.</summary>
    [Fact]
    public void Catalogue_covers_exactly_the_ids_of_the_compiler()
    {
        string path = RepositoryPaths.Full("docs/diagnostics.md");
        Assert.True(File.Exists(path), "docs/diagnostics.md is missing");
        var headings = Regex.Matches(File.ReadAllText(path), @"^## (VTD\d{4}): \S.*$", RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value)
            .ToList();
        var duplicates = headings.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(duplicates.Count == 0, "ids with more than one heading: " + string.Join(", ", duplicates));
        var expected = DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToList();
        var missing = expected.Except(headings).ToList();
        var extra = headings.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing from docs/diagnostics.md: {string.Join(", ", missing)}; documented but unknown: {string.Join(", ", extra)}");
    }
}
