using VtdDsl.Compiler;
using VtdDsl.Compiler.Formatting;
using VtdDsl.Compiler.Syntax;
using VtdDsl.Compiler.Writing;

namespace VtdDsl.Tests.Formatting;

/// <summary>What formatting must keep: the bound policy, the table layout, the diagnostics, every comment; and that it is idempotent.</summary>
internal static class FormattingProperties
{
    public static string FormatOrFail(string text, int maxWidth = PolicyFormatter.MaxLineWidth)
    {
        string? formatted = PolicyFormatter.Format(text, maxWidth, out string? error);
        Assert.True(formatted is not null, error);
        return formatted!;
    }

    /// <summary><paramref name="formatted"/> (laid out for <paramref name="maxWidth"/>) means what <paramref name="text"/> means and formats to itself.</summary>
    public static void Hold(string text, string formatted, int maxWidth = PolicyFormatter.MaxLineWidth)
    {
        var before = VtdCompiler.Compile("spec.vtd", text);
        var after = VtdCompiler.Compile("spec.vtd", formatted);
        Assert.Equal(Meaning(before), Meaning(after));
        Assert.Equal(before.Layout, after.Layout);
        Assert.Equal(Comments(text), Comments(formatted));
        Assert.Equal(formatted, FormatOrFail(formatted, maxWidth));
    }

    /// <summary>The policy as the canonical writer prints it, and the diagnostics without their positions (also those in messages).</summary>
    public static string Meaning(CompilationResult result) =>
        (result.Policy is { } policy ? PolicyWriter.Write(policy) : "(no policy)") + "\n"
        + string.Join("\n", result.Diagnostics.Select(d => $"{d.Severity} {d.Id}: {LinePositions.Replace(d.Message, "line N")}"));

    private static readonly System.Text.RegularExpressions.Regex LinePositions = new(@"\bline \d+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static List<string> Comments(string text) =>
        SyntaxTokens.Lex(text).Where(t => t.IsComment).Select(t => t.Kind == SyntaxTokenKind.LineComment ? t.Text.TrimEnd() : t.Text).ToList();
}
