using System.Linq;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Tool;

/// <summary>
/// Usage errors in the words of the command line: what is missing or unknown, then the usage of
/// that command, once (`vtd interrupt FILE` → "missing SID and INDEX"). An unknown command is
/// answered with the closest one; a word starting with `-` is never taken for a file.
/// </summary>
internal static class UsageErrors
{
    private static readonly string[] HelpOptions = { "--help", "-h", "-?", "/?", "/h" };

    /// <summary>The first problem with <paramref name="args"/> before System.CommandLine reads them, or null.</summary>
    public static string? Find(RootCommand root, string[] args)
    {
        if (args.Length == 0)
        {
            return "missing a command (" + string.Join(", ", root.Subcommands.Select(c => c.Name)) + ")";
        }
        if (args[0].StartsWith("-", StringComparison.Ordinal))
        {
            return args[0] is "--version" || HelpOptions.Contains(args[0]) ? null : $"unknown option '{args[0]}'";
        }
        var command = root.Subcommands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            string? closest = Suggestions.Closest(args[0], root.Subcommands.Select(c => c.Name));
            return $"unknown command '{args[0]}'" + (closest is null ? string.Empty : $"; did you mean '{closest}'?")
                + (closest is null ? " (" + string.Join(", ", root.Subcommands.Select(c => c.Name)) + ")" : string.Empty);
        }
        var known = new HashSet<string>(HelpOptions, StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            known.Add(option.Name);
            foreach (string alias in option.Aliases) known.Add(alias);
        }
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--") break;
            if (arg.Length > 1 && arg[0] == '-' && !known.Contains(arg.Split('=')[0]))
            {
                return $"unknown option '{arg}'";
            }
        }
        return null;
    }

    /// <summary>What is missing from a parsed command line: its required arguments and options.</summary>
    public static string? Missing(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var missing = new List<string>();
        foreach (var argument in command.Arguments)
        {
            var result = parse.GetResult(argument);
            if (argument.Arity.MinimumNumberOfValues > 0 && (result is null || result.Tokens.Count == 0))
            {
                missing.Add(argument.Name);
            }
        }
        foreach (var option in command.Options)
        {
            if (option.Required && parse.GetResult(option)?.IdentifierToken is null)
            {
                missing.Add(option.Name);
            }
        }
        return missing.Count == 0 ? null : "missing " + Join(missing);
    }

    /// <summary>The usage of one command: its arguments, then its options.</summary>
    public static void WriteUsage(TextWriter error, Command command)
    {
        bool root = command is RootCommand;
        string name = root ? "vtd" : "vtd " + command.Name;
        var words = command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? a.Name + "..." : a.Name).ToList();
        if (root) words.Add("COMMAND");
        error.WriteLine("Usage: " + name + (words.Count > 0 ? " " + string.Join(" ", words) : string.Empty) + (command.Options.Any(o => !o.Hidden) ? " [options]" : string.Empty));
        foreach (var sub in command.Subcommands)
        {
            error.WriteLine($"  {sub.Name,-10} {sub.Description}");
        }
        foreach (var option in command.Options.Where(o => !o.Hidden && !HelpOptions.Contains(o.Name) && o.Name != "--version"))
        {
            error.WriteLine($"  {option.Name,-14} {option.Description}");
        }
        error.WriteLine($"Run '{name} --help' for more.");
    }

    private static string Join(List<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[words.Count - 1];
}
