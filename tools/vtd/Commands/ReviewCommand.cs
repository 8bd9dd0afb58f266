using System.CommandLine;
using VtdDsl.Compiler.Reports;
using VtdDsl.Tool.Input;
using VtdDsl.Tool.Output;

namespace VtdDsl.Tool.Commands;

/// <summary><c>vtd review FILE [--format markdown|text]</c>: the review sheet of a valid policy.</summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The .vtd file to review." };
        var format = new Option<string>("--format") { Description = "Output format: markdown (default, GitHub tables) or text (aligned, for a terminal).", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "text");
        var command = new Command("review", "Print a review sheet: units, domains, windows, devices, interrupts, protected and shared memory, table sizes.") { file, format };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string format)
    {
        var result = SpecFile.Compile(path);
        if (result.HasErrors || result.Policy is null)
        {
            DiagnosticText.Write(context.Error, result);
            return ExitCodes.SpecErrors;
        }
        ReviewSheet.Build(result, TablePlanner.Plan).Write(context.Out, format == "text" ? DocumentFormat.Text : DocumentFormat.Markdown);
        return ExitCodes.Success;
    }
}
