using VtdDsl.Tool;

namespace VtdDsl.Tests.Cli;

/// <summary>Runs <c>vtd</c> in-process with its own writers, and holds temp files for inline specs.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vtd-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRun() => Directory.CreateDirectory(_directory);

    /// <summary>Writes text to a temp file with that name and returns its path.</summary>
    public string File(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Bytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Missing(string name) => Path.Combine(_directory, name);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CliApplication.Run(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>vtd</c> through its entry point with <paramref name="input"/> as standard input.</summary>
    public static Result WithInput(string input, params string[] args) => WithInput(new StringReader(input), args);

    /// <summary>Runs <c>vtd</c> through its entry point reading standard input from <paramref name="input"/>.</summary>
    public static Result WithInput(TextReader input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CliApplication.Run(args, output, error, input);
        return new Result(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal sealed record Result(int ExitCode, string Out, string Error)
    {
        public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>Asserts a successful run that printed exactly <paramref name="text"/> and nothing on standard error.</summary>
        public void AssertPrinted(string text)
        {
            Assert.True(ExitCode == 0, ToString());
            Assert.Equal(text, Out);
            Assert.Empty(Error);
        }

        /// <summary>Asserts a refused run (exit 2) that says <paramref name="message"/> on standard error and prints nothing.</summary>
        public void AssertRefused(string message)
        {
            Assert.True(ExitCode == 2, ToString());
            Assert.Contains(message, Error);
            Assert.Empty(Out);
        }

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
    }
}
