using System;
using System.CommandLine;
using System.IO;
using VtdDsl.Tool.Commands;

namespace VtdDsl.Tool;

/// <summary>
/// The <c>vtd</c> command line: every command of ARCHITECTURE.md on System.CommandLine. Tests
/// run it in-process with their own writers.
/// </summary>
public static class CliApplication
{
    /// <summary>Runs <c>vtd</c> with <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("vtd: check, query, image, review and diff VT-d DMA remapping policies (.vtd files).");
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Add(command);
        }

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"vtd: {parseError.Message}");
            }
            error.WriteLine("Run 'vtd --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(configuration);
        }
        catch (UsageException usage)
        {
            error.WriteLine($"vtd: {usage.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            error.WriteLine($"vtd: internal error: {unexpected.GetType().Name}: {unexpected.Message}");
            error.WriteLine("This is a bug in vtd; please report it with the input that caused it.");
            return ExitCodes.InternalError;
        }
    }
}
