using System.Text;
using VtdDsl.Fuzz;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Tests.Cli;
using VtdDsl.Testing;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// Hostile sizes: each input completes with bounded output (diagnostics capped at 1,000, the rest
/// counted; messages quote at most a short prefix of huge tokens). No timing assertions: a
/// regression shows up as a hang or a huge allocation, which the suite would notice.
/// </summary>
public sealed class ResourceLimitTests
{
    /// <summary>A valid spec of about 10 MB: one domain per 512 windows, 4 KiB pages apart.</summary>
    public static string TenMegabyteSpec(out int windows)
    {
        var spec = new SpecBuilder("Hostile.TenMegabytes", capacity: 10_600_000);
        int count = 0;
        int domain = 0;
        while (spec.Length < 10_000_000)
        {
            spec.Domain($"d{domain}", body =>
            {
                for (int i = 0; i < 512; i++, count++)
                {
                    body.Map((ulong)i * 0x2000, 4 * SpecBuilder.KiB, 0x1_0000_0000UL + ((ulong)count << 12), "read write");
                }
            });
            spec.Device($"{domain / 256 % 256:x2}:{domain / 8 % 32:x2}.{domain % 8}", $"d{domain}");
            domain++;
        }
        windows = count;
        return spec.Build();
    }

    [Fact]
    public void A_ten_megabyte_spec_compiles_to_all_its_windows()
    {
        string text = TenMegabyteSpec(out int windows);
        Assert.True(text.Length >= 10_000_000);

        var result = VtdCompiler.Compile("big.vtd", text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(windows, result.Layout!.WindowCount);
        var tables = VtdDsl.Tool.Input.RuntimeTables.From(result.Layout!);
        byte[] image = DmarImage.Create(in tables, FuzzPipeline.ImageBase, out var layout);
        Assert.Equal(layout.TotalBytes, (ulong)image.Length);
        Assert.True(image.Length < 64 << 20, $"{image.Length} bytes of tables for {windows} 4 KiB windows");
    }

    [Fact]
    public void A_million_character_line_is_one_token_or_capped_errors()
    {
        string comment = "policy Hostile.Line;\n// " + new string('x', 1_000_000) + "\ndomain d { }\n";
        var commented = VtdCompiler.Compile("line.vtd", comment);
        Assert.Equal(new[] { "VTD2007" }, commented.Diagnostics.Select(d => d.Id));

        string name = "policy Hostile.Line;\ndomain " + new string('a', 1_000_000) + " { }\n";
        var named = VtdCompiler.Compile("name.vtd", name);
        var unused = Assert.Single(named.Diagnostics);
        Assert.True(unused.Message.Length < 1_100_000);

        string garbage = "policy Hostile.Line;\n" + new string('@', 1_000_000) + "\n";
        var result = VtdCompiler.Compile("garbage.vtd", garbage);
        Assert.InRange(result.Diagnostics.Count, 1, DiagnosticBag.DefaultLimit);
        Assert.All(result.Diagnostics, d => Assert.Equal("VTD0001", d.Id));
        Assert.True(result.Diagnostics.Sum(d => d.Message.Length) < 1_000_000, "messages must not quote the whole line");
        Assert.True(result.HasErrors);
        Assert.Null(result.Layout);
    }

    [Fact]
    public void Ten_thousand_comment_openers_are_one_unterminated_comment()
    {
        // "/* " ten thousand times: the first opener starts a comment that swallows the rest
        // (written "/*/*" the openers would close each other: "/*/*/" is a whole comment, as in C)
        string unterminated = "policy Hostile.Comments;\n" + string.Concat(Enumerable.Repeat("/* ", 10_000)) + "\n";
        var result = VtdCompiler.Compile("comments.vtd", unterminated);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("VTD0012", error.Id);
        Assert.Contains("Unterminated comment", error.Message);

        // comments do not nest: the first */ closes the comment and the other 9,999 are stray tokens
        string closed = "policy Hostile.Comments;\n" + string.Concat(Enumerable.Repeat("/* ", 10_000)) + string.Concat(Enumerable.Repeat("*/ ", 10_000)) + "\n";
        var stray = VtdCompiler.Compile("closed.vtd", closed);
        Assert.True(stray.HasErrors);
        Assert.True(stray.Diagnostics.Count <= DiagnosticBag.DefaultLimit);
        Assert.All(stray.Diagnostics, d => Assert.Equal("VTD0001", d.Id));
    }

    [Fact]
    public void A_five_thousand_digit_number_is_VTD0005_quoting_a_prefix()
    {
        string digits = new('9', 5_000);
        var result = VtdCompiler.Compile("digits.vtd", $"policy Hostile.Digits;\ndomain d {{ id {digits}; map 0x0 size {digits}KiB -> 0x{new string('F', 5_000)} read; }}\ndevice 00:01.0 -> d;\n");

        Assert.Equal(new[] { "VTD0005", "VTD0005", "VTD0005" }, result.Diagnostics.Select(d => d.Id));
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.Length < 200, d.Message));
    }

    [Fact]
    public void A_hundred_thousand_errors_are_capped_and_counted_and_the_CLI_says_how_many_more()
    {
        var text = new StringBuilder("policy Hostile.Errors;\ndomain d { }\n");
        for (int i = 0; i < 100_000; i++)
        {
            text.Append("device 00:20.").Append(i % 8).Append(" -> d;\n"); // device 0x20 is out of range: VTD0003
        }

        var result = VtdCompiler.Compile("errors.vtd", text.ToString());

        Assert.Equal(DiagnosticBag.DefaultLimit, result.Diagnostics.Count);
        Assert.True(result.Diagnostics.Count + result.OmittedDiagnostics >= 100_000, $"{result.OmittedDiagnostics} omitted");
        Assert.True(result.HasErrors);

        using var files = new CliRun();
        var check = CliRun.Run("check", files.File("errors.vtd", text.ToString()));
        Assert.Equal(1, check.ExitCode);
        var lines = check.OutLines;
        Assert.True(lines.Count <= DiagnosticBag.DefaultLimit + 2, $"{lines.Count} lines");
        Assert.Contains(lines, line => line.EndsWith($": {result.OmittedDiagnostics} more not shown", System.StringComparison.Ordinal));
        Assert.Contains($"{result.OmittedDiagnostics} more not shown", lines[^1]);
    }
}
