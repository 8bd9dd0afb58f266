using VtdDsl.Compiler.Analysis.Diff;
using VtdDsl.Compiler.Reports;
using VtdDsl.Compiler.Reports.Html;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd diff OLD NEW [--format text|html] [-o OUT]</c>: what changed in meaning between two
/// versions of a policy. Exit 0 when the meaning is the same, 1 when it differs, 2 when either
/// file is unreadable or invalid.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldFile = new Argument<string>("OLD") { Description = "The .vtd file before the change (- for standard input)." };
        var newFile = new Argument<string>("NEW") { Description = "The .vtd file after the change (- for standard input)." };
        var format = CommonOptions.Format("Output format: text (default) or html (one self-contained page: write-access gains first, the map with the changed windows marked).", "text", "html");
        var output = CommonOptions.Output();
        var stdinFileName = CommonOptions.StdinFileName("The path of the file the spec on standard input (-) stands for, e.g. HEAD:specs/policy.vtd: shown instead of <stdin>.");
        var command = new Command("diff", "Report what changed in meaning between two versions of a policy: devices, domains, windows, rights, interrupts, protected memory.") { oldFile, newFile, format, output, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(oldFile)!, parse.GetValue(newFile)!, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string oldPath, string newPath, string format, string? outputPath, string? stdinFileName)
    {
        SpecFile.RefuseStandardInputTwice(oldPath, newPath);
        SpecFile.CheckStdinFileName(stdinFileName, "neither OLD nor NEW is", oldPath, newPath);
        string oldName = SpecFile.NameOf(oldPath, stdinFileName), newName = SpecFile.NameOf(newPath, stdinFileName);
        var oldSpec = LoadedSpec.Load(oldPath, context, stdinFileName);
        if (oldSpec is null) context.Error.WriteLine($"vtd: {oldName}: has errors; fix them before comparing");
        var newSpec = LoadedSpec.Load(newPath, context, stdinFileName);
        if (newSpec is null) context.Error.WriteLine($"vtd: {newName}: has errors; fix them before comparing");
        if (oldSpec is null || newSpec is null) return ExitCodes.Usage;

        var changes = PolicyDiff.Compare(oldSpec.Result, newSpec.Result);
        var report = new StringWriter { NewLine = "\n" };
        DiffReport.Write(report, oldName, newName, changes);
        if (format == "html")
        {
            var pairs = PolicyDiff.PairDomains(oldSpec.Result, newSpec.Result);
            var marks = MapDiff.Compute(oldSpec.Policy, newSpec.Policy, pairs, oldSpec.Lines);
            var map = HostMapBuilder.Build(newSpec.Policy, newSpec.Lines, marks);
            OutputFile.Write(context, outputPath, HtmlDiffPage.Write(oldName, newName, Verdict(report.ToString()), Lines(changes), map));
        }
        else
        {
            OutputFile.Write(context, outputPath, report.ToString());
        }
        return PolicyDiff.SameMeaning(changes) ? ExitCodes.Success : ExitCodes.SpecErrors;
    }

    /// <summary>The report's verdict line (<c>The meaning changed: …</c> or <c>No change in meaning.</c>).</summary>
    private static string Verdict(string report)
    {
        foreach (string line in report.Split('\n'))
        {
            if (line.StartsWith("The meaning changed", StringComparison.Ordinal) || line.StartsWith("No change in meaning", StringComparison.Ordinal)) return line;
        }
        return "";
    }

    /// <summary>The changes in the report's order: by area, gains-write first within the page's first section.</summary>
    private static List<HtmlChange> Lines(IReadOnlyList<PolicyChange> changes)
    {
        var lines = new List<HtmlChange>();
        var ordered = new List<(int Order, PolicyChange Change)>();
        for (int i = 0; i < changes.Count; i++) ordered.Add((i, changes[i]));
        ordered.Sort((a, b) => a.Change.Area != b.Change.Area ? a.Change.Area.CompareTo(b.Change.Area) : a.Order.CompareTo(b.Order));
        foreach (var (_, change) in ordered)
        {
            var kind = change.Impact switch
            {
                ChangeImpact.GainsWrite => HtmlChangeKind.GainsWrite,
                ChangeImpact.MoreAccess => HtmlChangeKind.MoreAccess,
                ChangeImpact.LessAccess => HtmlChangeKind.LessAccess,
                ChangeImpact.Changed => HtmlChangeKind.Changed,
                _ => HtmlChangeKind.Cosmetic,
            };
            lines.Add(new HtmlChange(DiffReport.Title(change.Area), kind, $"{change.Subject}: {change.Detail}"));
        }
        return lines;
    }
}
