using System.Linq;
using System.Reflection;
using VtdDsl.Tool.Commands;

namespace VtdDsl.Tool;

/// <summary>
/// The <c>vtd</c> command line: every command of ARCHITECTURE.md on System.CommandLine. Tests
/// run it in-process with their own writers.
/// </summary>
public static class CliApplication
{
    /// <summary>Runs <c>vtd</c> with <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, Console.In);

    /// <summary>The tool's version, e.g. <c>0.1.0+commit</c>.</summary>
    public static string Version =>
        typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApplication).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Runs with <paramref name="input"/> as standard input (what <c>-</c> reads).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        var context = new CliContext(output, error) { In = input };
        var root = new RootCommand("vtd: check, query, image, review and diff VT-d DMA remapping policies (.vtd files).");
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Add(command);
        }

        if (args is ["--version"])
        {
            // System.CommandLine would print the entry assembly's version (a test host's, in tests).
            output.WriteLine(Version);
            return ExitCodes.Success;
        }
        if (UsageErrors.Find(root, args) is { } problem)
        {
            error.WriteLine($"vtd: {problem}");
            var command = args.Length > 0 ? root.Subcommands.FirstOrDefault(c => c.Name == args[0]) : null;
            UsageErrors.WriteUsage(error, command ?? root);
            return ExitCodes.Usage;
        }
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            string prefix = command is RootCommand ? "vtd" : "vtd " + command.Name;
            if (UsageErrors.Missing(parse) is { } missing)
            {
                error.WriteLine($"{prefix}: {missing}");
            }
            else
            {
                foreach (var parseError in parse.Errors)
                {
                    error.WriteLine($"{prefix}: {parseError.Message}");
                }
            }
            UsageErrors.WriteUsage(error, command);
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(configuration);
        }
        catch (UsageException usage)
        {
            var command = root.Subcommands.FirstOrDefault(c => c.Name == args[0]);
            error.WriteLine(command is null ? $"vtd: {usage.Message}" : $"vtd {command.Name}: {usage.Message}");
            if (usage.ShowUsage && command is not null)
            {
                UsageErrors.WriteUsage(error, command);
            }
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
