using System.Collections.Generic;
using System.CommandLine;
using VtdDsl.Tool.Input;
using VtdDsl.Tool.Output;
using VtdDsl.Compiler;

namespace VtdDsl.Tool.Commands;

/// <summary><c>vtd check FILE...</c>: every diagnostic of every file, then a count; <c>--format sarif</c> for CI annotations.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "The .vtd files to check.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Output format: text (default) or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "sarif");
        var command = new Command("check", "Check policies and report every diagnostic.") { files, format };
        command.SetAction(parse => Run(context, parse.GetValue(files)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string format)
    {
        var sources = new List<(string, string)>();
        foreach (var path in paths)
        {
            sources.Add((path, SpecFile.Read(path)));
        }
        var results = VtdCompiler.CompileAll(sources);
        int errors = 0, warnings = 0, omitted = 0;
        bool failed = false;
        foreach (var result in results)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                if (diagnostic.IsError) errors++;
                else warnings++;
            }
            omitted += result.OmittedDiagnostics;
            failed |= result.HasErrors;
        }
        if (format == "sarif")
        {
            SarifWriter.Write(context.Out, results);
        }
        else
        {
            foreach (var result in results)
            {
                DiagnosticText.Write(context.Out, result);
            }
            string more = omitted > 0 ? $", {omitted} more not shown" : string.Empty;
            context.Out.WriteLine($"{DiagnosticText.Count(paths.Length, "file")} checked: {DiagnosticText.Count(errors, "error")}, {DiagnosticText.Count(warnings, "warning")}{more}");
        }
        return failed ? ExitCodes.SpecErrors : ExitCodes.Success;
    }
}
