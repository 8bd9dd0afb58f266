using System.CommandLine;
using VtdDsl.Compiler.Analysis.Diff;
using VtdDsl.Compiler.Reports;
using VtdDsl.Tool.Input;
using VtdDsl.Tool.Output;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd diff OLD NEW</c>: what changed in meaning between two versions of a policy. Exit 0
/// when the meaning is the same, 1 when it differs, 2 when either file is unreadable or invalid.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldFile = new Argument<string>("OLD") { Description = "The .vtd file before the change." };
        var newFile = new Argument<string>("NEW") { Description = "The .vtd file after the change." };
        var command = new Command("diff", "Report what changed in meaning between two versions of a policy: devices, domains, windows, rights, interrupts, protected memory.") { oldFile, newFile };
        command.SetAction(parse => Run(context, parse.GetValue(oldFile)!, parse.GetValue(newFile)!));
        return command;
    }

    private static int Run(CliContext context, string oldPath, string newPath)
    {
        var oldResult = SpecFile.Compile(oldPath);
        var newResult = SpecFile.Compile(newPath);
        bool invalid = false;
        foreach (var result in new[] { oldResult, newResult })
        {
            if (result.HasErrors || result.Policy is null)
            {
                DiagnosticText.Write(context.Error, result);
                context.Error.WriteLine($"vtd: {result.FilePath}: has errors; fix them before comparing");
                invalid = true;
            }
        }
        if (invalid) return ExitCodes.Usage;

        var changes = PolicyDiff.Compare(oldResult, newResult);
        DiffReport.Write(context.Out, oldPath, newPath, changes);
        return PolicyDiff.SameMeaning(changes) ? ExitCodes.Success : ExitCodes.SpecErrors;
    }
}
