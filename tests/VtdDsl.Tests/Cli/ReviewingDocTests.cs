using VtdDsl.Compiler;
using VtdDsl.Compiler.Analysis.Diff;
using VtdDsl.Compiler.Reports;
using VtdDsl.Tool.Input;

namespace VtdDsl.Tests.Cli;

/// <summary>The example in docs/reviewing.md is real output: regenerate it when the format changes.</summary>
public sealed class ReviewingDocTests
{
    /// <summary>The pull request of the example: specs/two-vm.vtd with five edits.</summary>
    internal static string ModifiedTwoVm() => RepositoryPaths.ReadText("specs/two-vm.vtd")
        .Replace("domain vm1 {", "domain guest1 {")
        .Replace("-> vm1;", "-> guest1;")
        .Replace("map 0xFE00_0000 size 4KiB -> 0xE000_0000 read;", "map 0xFE00_0000 size 4KiB -> 0xE000_0000 read write;")
        .Replace("map 0x8000_0000 size 16MiB -> 0x2_0000_0000 read write shared;", "map 0x8000_0000 size 32MiB -> 0x2_0000_0000 read write shared;")
        .Replace("device old_card 06:01.0 via 05:00.0 -> guest1;", "device old_card 06:01.0 via 05:00.0 -> vm2;")
        .Replace("interrupt nic_vf1 vector 0x42 -> cpu 3 { index 7; }", "interrupt nic_vf1 vector 0x42 -> cpu 5 { index 7; }");

    private static string Doc => RepositoryPaths.ReadText("docs/reviewing.md").Replace("\r\n", "\n");

    [Fact]
    public void Diff_example_is_the_output_of_the_tool()
    {
        var before = VtdCompiler.Compile("base.vtd", RepositoryPaths.ReadText("specs/two-vm.vtd"));
        var after = VtdCompiler.Compile("specs/two-vm.vtd", ModifiedTwoVm());
        var changes = PolicyDiff.Compare(before, after);
        var output = new StringWriter { NewLine = "\n" };
        DiffReport.Write(output, "base.vtd", "specs/two-vm.vtd", changes);
        Assert.Contains("$ vtd diff base.vtd specs/two-vm.vtd\n" + output + "$ echo $?\n1\n", Doc);
        Assert.False(PolicyDiff.SameMeaning(changes));
    }

    [Fact]
    public void Review_excerpt_is_the_output_of_the_tool()
    {
        var result = VtdCompiler.Compile("specs/two-vm.vtd", ModifiedTwoVm());
        var output = new StringWriter { NewLine = "\n" };
        ReviewSheet.Build(result, TablePlanner.Plan).Write(output, DocumentFormat.Markdown);
        string sheet = output.ToString();
        string doc = Doc;
        int start = doc.IndexOf("```markdown\n") + "```markdown\n".Length;
        int end = doc.IndexOf("\n```", start);
        foreach (string part in doc.Substring(start, end - start).Split("\n...\n"))
        {
            Assert.Contains(part.Trim('\n'), sheet);
        }
    }
}
