using System.Text;
using VtdDsl.Compiler.Formatting;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd format FILE... [--check] [--write]</c>: the canonical layout of policies. Without a
/// flag it prints the formatted text of one file; <c>--check</c> names the files that would
/// change (exit 1 if any); <c>--write</c> rewrites them in place.
/// </summary>
internal static class FormatCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "The .vtd files to format (- for standard input; not with --write).", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Name the files that are not formatted and exit 1 if there are any; change nothing." };
        var write = new Option<bool>("--write") { Description = "Rewrite the files that are not formatted." };
        var stdinFileName = CommonOptions.StdinFileName();
        var command = new Command("format", "Lay policies out canonically (comments and blank-line groups kept; code wider than 100 columns broken after commas and before ->).") { files, check, write, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(files)!, parse.GetValue(check), parse.GetValue(write), parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, bool check, bool write, string? stdinFileName)
    {
        if (check && write)
        {
            throw new UsageException("--check and --write cannot be combined (--check changes nothing)");
        }
        if (!check && !write && paths.Length != 1)
        {
            throw new UsageException($"without --check or --write, give exactly one file to print (got {paths.Length})");
        }
        if (write && Array.IndexOf(paths, SpecFile.StandardInput) >= 0)
        {
            throw new UsageException("--write cannot rewrite standard input; without --write the formatted text is printed");
        }
        SpecFile.RefuseStandardInputTwice(paths);
        SpecFile.CheckStdinFileName(stdinFileName, "no FILE is", paths);
        int exit = ExitCodes.Success;
        foreach (var path in paths)
        {
            string text = SpecFile.Read(path, context.In);
            string name = SpecFile.NameOf(path, stdinFileName);
            if (PolicyFormatter.Format(text, out string? error) is not { } formatted)
            {
                context.Error.WriteLine($"{name}: cannot be formatted: {error}");
                exit = ExitCodes.SpecErrors;
                continue;
            }
            if (!check && !write)
            {
                context.Out.Write(formatted);
            }
            else if (formatted != text)
            {
                if (check)
                {
                    context.Out.WriteLine($"{name}: not formatted");
                    exit = ExitCodes.SpecErrors;
                }
                else
                {
                    WriteFile(path, formatted);
                    context.Out.WriteLine($"{path}: formatted");
                }
            }
        }
        return exit;
    }

    private static void WriteFile(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text, Utf8);
        }
        catch (System.Exception exception) when (exception is IOException or System.UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be written: {exception.Message}");
        }
    }
}
