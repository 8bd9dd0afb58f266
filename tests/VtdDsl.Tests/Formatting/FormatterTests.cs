using System.Text;
using CsCheck;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Formatting;
using VtdDsl.Tests.PropertyBased;

namespace VtdDsl.Tests.Formatting;

/// <summary>The formatter on every bundled spec, on random policies laid out badly, and on its layout rules.</summary>
public sealed class FormatterTests
{
    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var spec in RepositoryPaths.ValidSpecs()) data.Add(spec);
        foreach (var spec in RepositoryPaths.InvalidSpecFiles())
        {
            if (!Compile(spec).Diagnostics.Any(d => d.Id is "VTD0001" or "VTD0006" or "VTD0007" or "VTD0012")) data.Add(spec);
        }
        return data;
    }

    private static CompilationResult Compile(string spec) => VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec));

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_spec_is_stored_formatted_and_formatting_keeps_its_meaning_and_comments(string spec)
    {
        string text = RepositoryPaths.ReadText(spec);
        string formatted = FormattingProperties.FormatOrFail(text);

        FormattingProperties.Hold(text, formatted);
        Assert.True(text == formatted, $"{spec} is not formatted: run `vtd format --write {spec}`");
    }

    [Fact]
    public void Specs_with_syntax_errors_keep_their_tokens_and_comments_too()
    {
        foreach (var spec in RepositoryPaths.InvalidSpecFiles().Where(s => Compile(s).Diagnostics.Any(d => d.Id is "VTD0001" or "VTD0006" or "VTD0007" or "VTD0012")))
        {
            string text = RepositoryPaths.ReadText(spec);
            if (PolicyFormatter.Format(text, out _) is not { } formatted) continue;
            Assert.Equal(FormattingProperties.Comments(text), FormattingProperties.Comments(formatted));
            Assert.Equal(formatted, FormattingProperties.FormatOrFail(formatted));
        }
    }

    /// <summary>A random valid policy, its whitespace scrambled and comments sprinkled in.</summary>
    private static readonly Gen<(string Original, string Scrambled)> Scrambled =
        Gen.Select(PolicyGenerators.Spec, Gen.Int, (spec, seed) => (spec.Render(), Scramble(spec.Render(), seed)));

    [Fact]
    public void Random_policies_laid_out_badly_format_to_the_same_policy_with_every_comment_and_idempotently()
    {
        PropertyRun.ForEach(Scrambled, 150 * PropertyRun.Scale, sample =>
        {
            string formatted = FormattingProperties.FormatOrFail(sample.Scrambled);
            FormattingProperties.Hold(sample.Scrambled, formatted);
            Assert.Equal(FormattingProperties.Meaning(VtdCompiler.Compile("spec.vtd", sample.Original)),
                FormattingProperties.Meaning(VtdCompiler.Compile("spec.vtd", formatted)));
        }, sample => sample.Scrambled);
    }

    /// <summary>Replaces the whitespace between tokens with random runs of spaces, tabs and newlines, and adds comments.</summary>
    internal static string Scramble(string text, int seed)
    {
        var random = new Random(seed);
        var output = new StringBuilder();
        foreach (var token in VtdDsl.Compiler.Syntax.SyntaxTokens.Lex(text))
        {
            if (token.Kind == VtdDsl.Compiler.Syntax.SyntaxTokenKind.Whitespace)
            {
                int runs = random.Next(1, 4);
                for (int i = 0; i < runs; i++) output.Append(random.Next(5) switch { 0 => "\n", 1 => "\t", 2 => "\n\n", _ => " " });
                switch (random.Next(8))
                {
                    case 0:
                        output.Append("// note ").Append(random.Next(1000)).Append("   \n");
                        break;
                    case 1:
                        output.Append("/* block ").Append(random.Next(1000)).Append(" */ ");
                        break;
                    case 2:
                        output.Append("/* two\n   lines */\n");
                        break;
                }
                continue;
            }
            output.Append(token.Text);
        }
        return output.ToString();
    }

    [Theory]
    [InlineData("policy   A . B ;", "policy A.B;\n")]
    [InlineData("policy A.B;\n\n\n\n\ndomain d{map 0x0 size 4KiB->0x1000 read write shared;}", "policy A.B;\n\ndomain d { map 0x0 size 4KiB -> 0x1000 read write shared; }\n")]
    [InlineData("policy A.B;\ndomain d{\nmap 0x0 size 4KiB->0x1000 read write shared;}", "policy A.B;\ndomain d {\n    map 0x0 size 4KiB -> 0x1000 read write shared;\n}\n")]
    [InlineData("device d 00:01.0->vm{ats;pri;};", "device d 00:01.0 -> vm { ats; pri; };\n")]
    [InlineData("device d 00:01.0->vm{\nats;pri;};", "device d 00:01.0 -> vm {\n    ats;\n    pri;\n};\n")]
    [InlineData("device d 00:01.0->vm{ats; /* why */ pri;}", "device d 00:01.0 -> vm {\n    ats; /* why */\n    pri;\n}\n")]
    [InlineData("iommu u{scope 00:00.0..00:1f.7,02:00.0;address-width 39,48;}", "iommu u { scope 00:00.0 .. 00:1f.7, 02:00.0; address-width 39, 48; }\n")]
    [InlineData("iommu u{\n  scope 00:00.0..00:1f.7,02:00.0;address-width 39,48;}", "iommu u {\n    scope 00:00.0 .. 00:1f.7, 02:00.0;\n    address-width 39, 48;\n}\n")]
    [InlineData("\n\n// header\n\npolicy A.B; // trailing   \n", "// header\n\npolicy A.B;  // trailing\n")]
    [InlineData("domain d {\n\n    id 2;   // a\n    address-width 48; // bb\n\n}\n", "domain d {\n    id 2;              // a\n    address-width 48;  // bb\n}\n")]
    [InlineData("device d 00:01.0 // why\n  -> vm;", "device d 00:01.0  // why\n    -> vm;\n")]
    [InlineData("domain d {\n    id 2;\n    // closing remark\n}", "domain d {\n    id 2;\n    // closing remark\n}\n")]
    [InlineData("/* a\n   b */ policy A.B;", "/* a\n   b */ policy A.B;\n")]
    [InlineData("policy A.B; /* x */ /* y */\ndomain d;", "policy A.B; /* x */ /* y */\ndomain d;\n")]
    [InlineData("", "")]
    public void Layout_rules(string text, string expected)
    {
        Assert.Equal(expected, FormattingProperties.FormatOrFail(text));
        Assert.Equal(expected, FormattingProperties.FormatOrFail(expected));
    }

    [Fact]
    public void Text_whose_tokens_would_run_together_is_left_alone_with_a_reason()
    {
        // Two dots apart would become '..' if the dots lost their spaces.
        Assert.Null(PolicyFormatter.Format("policy A. .B;", out string? error));
        Assert.Contains("run together", error);
    }
}
