using VtdDsl.Compiler.Reports;
using VtdDsl.Compiler.Reports.Html;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tool.Commands;

/// <summary><c>vtd review FILE [--format markdown|text|html] [-o OUT]</c>: the review sheet of a valid policy.</summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.PolicyFile("The .vtd file to review.");
        var format = CommonOptions.Format("Output format: markdown (default, GitHub tables), text (aligned, for a terminal) or html (one self-contained page with the memory map).", "markdown", "text", "html");
        var output = CommonOptions.Output();
        var stdinFileName = CommonOptions.StdinFileName();
        var command = new Command("review", "Print a review sheet: units, domains, windows, devices, interrupts, protected and shared memory, table sizes.") { file, format, output, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string path, string format, string? outputPath, string? stdinFileName)
    {
        SpecFile.CheckStdinFileName(stdinFileName, "FILE is not", path);
        var spec = LoadedSpec.Load(path, context, stdinFileName);
        if (spec is null) return ExitCodes.SpecErrors;
        var sheet = ReviewSheet.Build(spec.Result, TablePlanner.Plan);
        if (format != "html")
        {
            var text = new StringWriter { NewLine = "\n" };
            sheet.Write(text, format == "text" ? DocumentFormat.Text : DocumentFormat.Markdown);
            OutputFile.Write(context, outputPath, text.ToString());
            return ExitCodes.Success;
        }
        var map = HostMapBuilder.Build(spec.Policy, spec.Lines);
        string page = HtmlReviewPage.Write(spec.Policy.FullName, spec.Result.FilePath, map, spec.Result.Diagnostics, Facts(spec, map), xml => HtmlDocumentWriter.Write(xml, sheet));
        OutputFile.Write(context, outputPath, page);
        return ExitCodes.Success;
    }

    /// <summary>The page's summary chips: sizes, then what a reviewer must look at (red) or may relax about.</summary>
    private static List<(string, string?)> Facts(LoadedSpec spec, MapLayout map)
    {
        var policy = spec.Policy;
        var facts = new List<(string, string?)>
        {
            (Format.Count(policy.Domains.Count, "domain"), null),
            (Format.Count(policy.Devices.Count, "device"), null),
            (Format.Count(spec.Result.Diagnostics.Count, "warning"), spec.Result.Diagnostics.Count > 0 ? "bad" : "good"),
        };
        var passthrough = new List<string>();
        foreach (var domain in policy.Domains) if (domain.IsPassthrough) passthrough.Add(domain.Name);
        if (passthrough.Count > 0) facts.Add(("pass-through: " + string.Join(", ", passthrough), "bad"));
        int unmarked = 0;
        foreach (var window in map.Windows) if (!window.Passthrough && window.Sharing == SharingState.Unmarked) unmarked++;
        if (unmarked > 0) facts.Add((Format.Count(unmarked, "window") + " sharing host memory without 'shared'", "bad"));
        facts.Add((policy.Protected.Count == 0 ? "no protected memory" : Format.Count(policy.Protected.Count, "protected region"), policy.Protected.Count == 0 ? null : "good"));
        return facts;
    }
}
