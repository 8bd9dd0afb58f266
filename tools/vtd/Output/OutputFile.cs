using System.Text;

namespace VtdDsl.Tool.Output;

/// <summary>Writes a command's document to <c>-o FILE</c>, or to standard output without it; a file that cannot be written is a usage error.</summary>
internal static class OutputFile
{
    public static void Write(CliContext context, string? path, string content)
    {
        if (path is null || path == "-")
        {
            context.Out.Write(content);
            return;
        }
        try
        {
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{path}: cannot be written: {exception.Message}");
        }
    }
}
