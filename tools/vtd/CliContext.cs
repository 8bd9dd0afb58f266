using System.IO;

namespace VtdDsl.Tool;

/// <summary>Where a command writes: results to <see cref="Out"/>, errors to <see cref="Error"/>.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);
