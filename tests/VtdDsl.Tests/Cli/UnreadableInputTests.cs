namespace VtdDsl.Tests.Cli;

/// <summary>
/// Every command that reads a spec refuses input it cannot read in the same way: it says why on
/// standard error, writes nothing to standard output and exits 2.
/// </summary>
public sealed class UnreadableInputTests
{
    private static readonly string TwoVm = RepositoryPaths.Full("specs/two-vm.vtd");

    /// <summary>Each command line that reads a spec, with <c>@</c> where the spec goes.</summary>
    internal static readonly string[][] CommandLines =
    {
        new[] { "check", "@" },
        new[] { "review", "@" },
        new[] { "map", "@" },
        new[] { "format", "@" },
        new[] { "diff", TwoVm, "@" },
        new[] { "diff", "@", TwoVm },
        new[] { "translate", "@", "03:00.0", "0x1000", "read" },
        new[] { "interrupt", "@", "03:00.0", "0" },
    };

    /// <summary>What makes the file unreadable, and what the error says.</summary>
    private static readonly string[][] Inputs =
    {
        new[] { "missing", "no such file" },
        new[] { "NUL bytes", "not a text file (it contains NUL bytes)" },
        new[] { "Latin-1", "not UTF-8 text" },
        new[] { "a directory", "is a directory" },
    };

    public static TheoryData<string[], string, string> Cases()
    {
        var cases = new TheoryData<string[], string, string>();
        foreach (var commandLine in CommandLines)
        {
            foreach (var input in Inputs) cases.Add(commandLine, input[0], input[1]);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unreadable_input_exits_2_and_says_why(string[] commandLine, string input, string message)
    {
        using var files = new CliRun();
        string path = input switch
        {
            "missing" => files.Missing("absent.vtd"),
            "NUL bytes" => files.Bytes("nul.vtd", new byte[] { 0x70, 0x6F, 0x00, 0x6C }),
            "Latin-1" => files.Bytes("latin1.vtd", new byte[] { 0x70, 0xE9, 0xE9, 0x0A }),
            _ => RepositoryPaths.Specs,
        };

        CliRun.Run(commandLine.Select(arg => arg == "@" ? path : arg).ToArray()).AssertRefused($"{path}: {message}");
    }
}
