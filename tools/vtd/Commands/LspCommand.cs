using VtdDsl.LanguageServer.Server;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd lsp</c>: the language server on standard input and output (LSP, Content-Length
/// framing). Standard output carries only the protocol; the log goes to standard error.
/// </summary>
internal static class LspCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("lsp", "Run the language server (LSP 3.17 over standard input/output) for editors.");
        command.SetAction(_ =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return LanguageServerHost.RunAsync(input, output, context.Error).GetAwaiter().GetResult();
        });
        return command;
    }
}
