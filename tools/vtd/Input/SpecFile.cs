using System.Text;

namespace VtdDsl.Tool.Input;

/// <summary>Reads a spec from disk (or standard input for <c>-</c>); unreadable input is a <see cref="UsageException"/>.</summary>
internal static class SpecFile
{
    /// <summary>Files larger than this are refused before reading: no real policy comes close.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The argument that means standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>What diagnostics, messages, reviews and diffs call a spec read from standard input.</summary>
    public const string StandardInputName = "<stdin>";

    /// <summary>The name users see for <paramref name="path"/>: <see cref="StandardInputName"/> for <c>-</c>, else the path as given.</summary>
    public static string DisplayName(string path) => path == StandardInput ? StandardInputName : path;

    /// <summary>
    /// The name users see for the spec read from <paramref name="path"/>: for standard input the path
    /// <c>--stdin-filename</c> gives (<paramref name="stdinFileName"/>), when given; else <see cref="DisplayName"/>.
    /// </summary>
    public static string NameOf(string path, string? stdinFileName) =>
        path == StandardInput && stdinFileName is not null ? stdinFileName : DisplayName(path);

    /// <summary>
    /// Refuses <c>--stdin-filename</c> when no spec is read from standard input (<paramref name="specs"/>,
    /// the arguments <paramref name="arguments"/> names) or when its path is empty.
    /// </summary>
    public static void CheckStdinFileName(string? stdinFileName, string arguments, params string[] specs)
    {
        if (stdinFileName is null) return;
        if (Array.IndexOf(specs, StandardInput) < 0)
        {
            throw new UsageException($"--stdin-filename names the spec read from standard input, but {arguments} - (standard input)");
        }
        if (string.IsNullOrWhiteSpace(stdinFileName))
        {
            throw new UsageException("--stdin-filename: the path is empty");
        }
    }

    /// <summary>
    /// Refuses standard input named twice among one command's inputs (<c>vtd diff - -</c>): the
    /// first read takes all of it, so the second would silently be an empty spec.
    /// </summary>
    public static void RefuseStandardInputTwice(params string[] inputs)
    {
        if (Array.IndexOf(inputs, StandardInput) != Array.LastIndexOf(inputs, StandardInput))
        {
            throw new UsageException("- (standard input) can be read only once; give the other inputs as files");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="path"/>, or all of <paramref name="standardInput"/> for <c>-</c>.</summary>
    public static string Read(string path, TextReader standardInput)
    {
        if (path == StandardInput)
        {
            return ReadStandardInput(standardInput);
        }
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new UsageException($"{path}: is a directory, not a .vtd file");
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException($"{path}: no such file");
            }
            if (info.Length > MaxBytes)
            {
                throw new UsageException($"{path}: {info.Length} bytes is larger than the {MaxBytes / (1024 * 1024)} MiB a spec may have");
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{path}: cannot be read: {exception.Message}");
        }
        return Decode(path, bytes);
    }

    /// <summary>
    /// All of standard input, refused as a file would be when it is bigger than <see cref="MaxBytes"/>
    /// (counted in characters: each is at least one byte) or holds NUL characters. Stops reading
    /// at the limit, so an endless pipe is refused instead of exhausting memory.
    /// </summary>
    private static string ReadStandardInput(TextReader standardInput)
    {
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = standardInput.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBytes)
            {
                throw new UsageException($"{StandardInputName}: larger than the {MaxBytes / (1024 * 1024)} MiB a spec may have");
            }
        }
        string spec = text.ToString();
        if (spec.Contains('\0'))
        {
            throw new UsageException($"{StandardInputName}: not text (it contains NUL characters)");
        }
        return spec.Length > 0 && spec[0] == '\uFEFF' ? spec.Substring(1) : spec;
    }

    public static string Decode(string path, byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw new UsageException($"{path}: not a text file (it contains NUL bytes)");
        }
        try
        {
            string text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException($"{path}: not UTF-8 text");
        }
    }
}
