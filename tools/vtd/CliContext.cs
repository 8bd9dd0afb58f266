namespace VtdDsl.Tool;

/// <summary>Where a command writes: results to <see cref="Out"/>, errors to <see cref="Error"/>; <c>-</c> reads <see cref="In"/>.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>Standard input: what a file argument of <c>-</c> reads.</summary>
    public TextReader In { get; init; } = System.Console.In;
}
