namespace VtdDsl.Tool.Commands;

/// <summary>The arguments and options several commands take, spelled and described alike everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>FILE</c>: the one policy a command reads (<c>-</c> for standard input).</summary>
    public static Argument<string> PolicyFile(string description = "The .vtd policy.") => new("FILE") { Description = description };

    /// <summary><c>--format</c>: one of <paramref name="formats"/>, the first when it is not given.</summary>
    public static Option<string> Format(string description, params string[] formats)
    {
        var format = new Option<string>("--format") { Description = description, DefaultValueFactory = _ => formats[0] };
        format.AcceptOnlyFromAmong(formats);
        return format;
    }

    /// <summary><c>--stdin-filename</c>: the path a spec read from standard input (<c>-</c>) is shown as, instead of <c>&lt;stdin&gt;</c>.</summary>
    public static Option<string> StdinFileName(string description = "The path of the file the spec on standard input (-) stands for: shown instead of <stdin>.") =>
        new("--stdin-filename") { Description = description };

    /// <summary><c>--output</c>/<c>-o</c>: the file <see cref="OutputFile"/> writes the document to, standard output without it.</summary>
    public static Option<string> Output(string document = "file") =>
        new("--output", "-o") { Description = $"The {document} to write (standard output without it)." };
}
