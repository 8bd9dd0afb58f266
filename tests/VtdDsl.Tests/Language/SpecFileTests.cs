using System.Text.RegularExpressions;
using VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Tests.Language;

/// <summary>Every bundled spec: the valid ones compile cleanly, each invalid one gives exactly its diagnostics.</summary>
public sealed class SpecFileTests
{
    public static TheoryData<string> ValidSpecs() => new(RepositoryPaths.ValidSpecs());

    public static TheoryData<string> InvalidSpecs() => new(RepositoryPaths.InvalidSpecFiles());

    [Theory]
    [MemberData(nameof(ValidSpecs))]
    public void Valid_spec_has_no_errors_and_a_layout(string path)
    {
        var result = Compile.Spec(path);

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.NotNull(result.Policy);
        Assert.NotNull(result.Layout);
    }

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_spec_reports_exactly_its_expected_diagnostics(string path)
    {
        var result = Compile.Spec(path);
        string expectLine = RepositoryPaths.ReadText(path).Split('\n').First(line => line.StartsWith("// expect:"));
        var expected = expectLine.Substring("// expect:".Length).Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
        string named = System.IO.Path.GetFileNameWithoutExtension(path);

        Assert.Contains(named, expected);
        Assert.Equal(expected, result.IdsOnly());
        if (result.Diagnostics.Any(d => d.IsError))
        {
            Assert.Null(result.Layout);
        }
        Snapshot.Match("Diagnostics", named, "txt", result.Canonical());
    }

    /// <summary>
    /// Ids one file cannot show: VTD1007 needs two files (DiagnosticsTests), VTD2014 needs 65,536
    /// domains (<see cref="DomainIdTests"/>), VTD9999 a compiler bug.
    /// </summary>
    private static readonly string[] NotShownByOneSpec = { "VTD1007", "VTD2014", "VTD9999" };

    [Fact]
    public void Every_diagnostic_id_a_single_file_can_show_has_an_invalid_spec()
    {
        var files = RepositoryPaths.InvalidSpecFiles().Select(System.IO.Path.GetFileNameWithoutExtension).ToHashSet();
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).Where(id => !NotShownByOneSpec.Contains(id));

        Assert.DoesNotContain(ids, id => !files.Contains(id));
    }

    [Fact]
    public void Language_md_lists_exactly_the_diagnostics_the_compiler_defines()
    {
        string languageMd = RepositoryPaths.RequiredText("docs/spec/LANGUAGE.md");
        var documented = Regex.Matches(languageMd, @"^\| (VTD\d{4}) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        var defined = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();

        Assert.Empty(documented.Except(defined));
        Assert.Empty(defined.Except(documented));
    }
}
