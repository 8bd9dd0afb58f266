using System.Text;
using VtdDsl.Tool;

namespace VtdDsl.Tests.Cli;

/// <summary>An internal failure is not a usage error: it exits 3 with a bug report request, distinct from 2.</summary>
public sealed class ExitCodeTests
{
    /// <summary>Standard output that breaks on the first write, as a closed pipe would in a way vtd does not expect.</summary>
    private sealed class BrokenWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the output broke");
    }

    [Fact]
    public void An_unexpected_exception_exits_3_with_internal_error_on_stderr()
    {
        var error = new StringWriter { NewLine = "\n" };

        int exit = CliApplication.Run(new[] { "check", RepositoryPaths.Full("specs/two-vm.vtd") }, new BrokenWriter(), error);

        Assert.Equal(ExitCodes.InternalError, exit);
        Assert.Equal(3, exit);
        Assert.StartsWith("vtd: internal error: InvalidOperationException: the output broke\n", error.ToString());
        Assert.Contains("This is a bug in vtd", error.ToString());
    }

    [Fact]
    public void The_exit_codes_are_distinct_and_the_readme_documents_each()
    {
        var codes = new[] { ExitCodes.Success, ExitCodes.SpecErrors, ExitCodes.Usage, ExitCodes.InternalError };
        Assert.Equal(new[] { 0, 1, 2, 3 }, codes);
        string readme = RepositoryPaths.ReadText("README.md");
        Assert.Contains("2 bad usage or unreadable input, 3 an internal error", readme);
    }
}
