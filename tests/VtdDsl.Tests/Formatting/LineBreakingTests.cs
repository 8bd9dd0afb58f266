using System.Text;
using CsCheck;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Formatting;
using VtdDsl.Compiler.Syntax;
using VtdDsl.Tests.PropertyBased;

namespace VtdDsl.Tests.Formatting;

/// <summary>
/// Lines wider than <see cref="PolicyFormatter.MaxLineWidth"/>: the breaking rules on
/// hand-written long lines, and, over every bundled spec and random policies at narrow widths,
/// that breaking keeps the policy, its tables, its diagnostics and its comments, is idempotent,
/// and leaves no line wider than the width where a break was allowed.
/// </summary>
public sealed class LineBreakingTests
{
    private static void AssertFormatsTo(string text, string expected)
    {
        string formatted = FormattingProperties.FormatOrFail(text);
        Assert.Equal(expected, formatted);
        FormattingProperties.Hold(text, formatted);
    }

    [Fact]
    public void The_width_is_100_columns_of_code()
    {
        Assert.Equal(100, PolicyFormatter.MaxLineWidth);
        string first = new('a', 40), second = new('b', 49);
        string fits = $"group g {first}, {second};";
        Assert.Equal(100, fits.Length);
        AssertFormatsTo(fits, fits + "\n");
        AssertFormatsTo($"group g {first}, {second}b;", $"group g {first},\n    {second}b;\n");
        AssertFormatsTo($"domain d {{\n    map 0x0 size 4KiB -> 0x1000 read write; // {second}{second}\n}}", $"domain d {{\n    map 0x0 size 4KiB -> 0x1000 read write;  // {second}{second}\n}}\n");
    }

    [Fact]
    public void A_long_list_breaks_after_commas_filling_each_line_and_continues_one_level_deeper()
    {
        AssertFormatsTo(
            "policy A.B;\niommu dmar0 {\n    scope 00:00.0 .. 00:1f.7, 02:00.0, 03:00.0 .. 03:1f.7, 04:00.0, 05:00.0, 06:00.0 .. 06:1f.7, 07:00.0, 08:00.0;\n    address-width 39, 48;\n}\n",
            """
            policy A.B;
            iommu dmar0 {
                scope 00:00.0 .. 00:1f.7, 02:00.0, 03:00.0 .. 03:1f.7, 04:00.0, 05:00.0, 06:00.0 .. 06:1f.7,
                    07:00.0, 08:00.0;
                address-width 39, 48;
            }

            """);
    }

    [Fact]
    public void The_bundled_sriov_run_of_64_domains_breaks_like_this()
    {
        string text = RepositoryPaths.ReadText("specs/sriov-vfs.vtd");
        Assert.Contains(
            """
            functions vf 03:00.1 count 64 stride 1 -> g0, g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11, g12,
                g13, g14, g15, g16, g17, g18, g19, g20, g21, g22, g23, g24, g25, g26, g27, g28, g29, g30, g31,
                g32, g33, g34, g35, g36, g37, g38, g39, g40, g41, g42, g43, g44, g45, g46, g47, g48, g49, g50,
                g51, g52, g53, g54, g55, g56, g57, g58, g59, g60, g61, g62, g63;

            """, text);
        string oneLine = text.Replace(",\n    ", ", ");
        Assert.Contains("g12, g13", oneLine);
        AssertFormatsTo(oneLine, text);
    }

    [Fact]
    public void A_one_line_block_too_wide_for_its_line_gets_one_statement_per_line_and_one_that_fits_stays()
    {
        AssertFormatsTo(
            """
            domain host { identity 0x0 size 16MiB read write; identity 0x200_0000 size 3552MiB read write shared; }
            device gpu 00:02.0 -> host { ats; pri; pasid 1 -> process render; pasid 7 -> vm2; pasid 9 -> vm_three; };
            domain vm1 { map 0x0 size 2GiB -> 0x1_0000_0000 read write; }
            """,
            """
            domain host {
                identity 0x0 size 16MiB read write;
                identity 0x200_0000 size 3552MiB read write shared;
            }
            device gpu 00:02.0 -> host {
                ats;
                pri;
                pasid 1 -> process render;
                pasid 7 -> vm2;
                pasid 9 -> vm_three;
            };
            domain vm1 { map 0x0 size 2GiB -> 0x1_0000_0000 read write; }

            """);
    }

    [Fact]
    public void A_declaration_without_a_list_breaks_before_its_arrow()
    {
        AssertFormatsTo(
            """
            device storage_controller_of_the_second_socket 0000:03:10.1 via 0000:05:00.0 -> storage_guest_number_two;
            interrupt storage_controller_of_the_second_socket vector 0x41 -> cpu 2 { index 7; mode lowest-priority; trigger level; }
            """,
            """
            device storage_controller_of_the_second_socket 0000:03:10.1 via 0000:05:00.0
                -> storage_guest_number_two;
            interrupt storage_controller_of_the_second_socket vector 0x41 -> cpu 2 {
                index 7;
                mode lowest-priority;
                trigger level;
            }

            """);
    }

    [Fact]
    public void A_token_wider_than_the_line_stays_whole_and_what_follows_it_moves_on()
    {
        string name = new('n', 120);
        AssertFormatsTo($"policy Contoso.{name};\n", $"policy Contoso.{name};\n");
        AssertFormatsTo($"group g {name}, nic_a, nic_b;", $"group g {name},\n    nic_a, nic_b;\n");
        AssertFormatsTo(
            $"domain {name} {{ map 0x0 size 2GiB -> 0x1_0000_0000 read write; }}",
            $"domain {name} {{\n    map 0x0 size 2GiB -> 0x1_0000_0000 read write;\n}}\n");
        string dotted = "policy " + string.Join(".", Enumerable.Repeat("Segment", 20)) + ";\n";
        AssertFormatsTo(dotted, dotted);
    }

    [Fact]
    public void End_of_line_comments_do_not_count_and_comments_inside_a_broken_line_stay_in_place()
    {
        AssertFormatsTo(
            """
            domain vm1 {
                map 0x0 size 2GiB -> 0x1_0000_0000 read write shared;  // guest RAM, shared with the storage guest for its ring buffers
            }
            reserved rmrr_usb 0x7B80_0000 size 1MiB for xhci_controller, ehci_controller, /* the second one */ ohci_controller, uhci; // firmware
            functions vf 03:00.1 count 24 stride 1 // one per guest
                -> guest0, guest1, guest2, guest3, guest4, guest5, guest6, guest7, guest8, guest9, guest10, guest11, guest12, guest13;
            """,
            """
            domain vm1 {
                map 0x0 size 2GiB -> 0x1_0000_0000 read write shared;  // guest RAM, shared with the storage guest for its ring buffers
            }
            reserved rmrr_usb 0x7B80_0000 size 1MiB for xhci_controller, ehci_controller, /* the second one */
                ohci_controller, uhci;              // firmware
            functions vf 03:00.1 count 24 stride 1  // one per guest
                -> guest0, guest1, guest2, guest3, guest4, guest5, guest6, guest7, guest8, guest9, guest10,
                guest11, guest12, guest13;

            """);
    }

    [Fact]
    public void A_block_comment_of_several_lines_inside_a_long_list_stays_whole()
    {
        string a = new('a', 45), b = new('b', 45), c = new('c', 45);
        string text = $"group g {a}, /* the bridge\n   behind it */ {b}, {c};\n";
        string formatted = FormattingProperties.FormatOrFail(text);
        Assert.Equal($"group g {a}, /* the bridge\n   behind it */ {b},\n    {c};\n", formatted);
        FormattingProperties.Hold(text, formatted);
    }

    /// <summary>Every bundled spec, valid or not, at widths that break many of its lines.</summary>
    public static TheoryData<string, int> SpecsAtNarrowWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var spec in RepositoryPaths.ValidSpecs().Concat(RepositoryPaths.InvalidSpecFiles()))
        {
            foreach (int width in new[] { 24, 48, 72 }) data.Add(spec, width);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecsAtNarrowWidths))]
    public void Every_spec_broken_for_a_narrow_width_keeps_its_meaning_and_comments_and_is_idempotent(string spec, int width)
    {
        string text = RepositoryPaths.ReadText(spec);
        if (PolicyFormatter.Format(text, width, out _) is null)
        {
            // Left alone at every width (an unterminated comment); FormatterTests says why.
            Assert.Null(PolicyFormatter.Format(text, out _));
            return;
        }
        string formatted = FormattingProperties.FormatOrFail(text, width);

        AssertBrokenWherePossible(formatted, width);
        if (HasSyntaxErrors(text))
        {
            // The policy of a file that does not parse is a guess; its tokens (the formatter's own
            // check), comments and idempotence are what must hold.
            Assert.Equal(FormattingProperties.Comments(text), FormattingProperties.Comments(formatted));
            Assert.Equal(formatted, FormattingProperties.FormatOrFail(formatted, width));
        }
        else
        {
            FormattingProperties.Hold(text, formatted, width);
        }
    }

    [Theory]
    [MemberData(nameof(FormatterTests.Specs), MemberType = typeof(FormatterTests))]
    public void Every_spec_written_on_one_line_formats_to_the_same_policy_within_the_width(string spec)
    {
        string oneLine = OnOneLine(RepositoryPaths.ReadText(spec));
        string formatted = FormattingProperties.FormatOrFail(oneLine);

        FormattingProperties.Hold(oneLine, formatted);
        AssertBrokenWherePossible(formatted, PolicyFormatter.MaxLineWidth);
    }

    private static readonly Gen<(string Original, string Scrambled, int Width)> ScrambledAtWidth =
        Gen.Select(PolicyGenerators.Spec, Gen.Int, Gen.Int[16, 120], (spec, seed, width) => (spec.Render(), FormatterTests.Scramble(spec.Render(), seed), width));

    [Fact]
    public void Random_policies_laid_out_badly_and_broken_for_random_widths_keep_their_policy_and_are_idempotent()
    {
        PropertyRun.ForEach(ScrambledAtWidth, 150 * PropertyRun.Scale, sample =>
        {
            string formatted = FormattingProperties.FormatOrFail(sample.Scrambled, sample.Width);
            FormattingProperties.Hold(sample.Scrambled, formatted, sample.Width);
            Assert.Equal(VtdCompiler.Compile("spec.vtd", sample.Original).Layout, VtdCompiler.Compile("spec.vtd", formatted).Layout);
            AssertBrokenWherePossible(formatted, sample.Width);
        }, sample => $"width {sample.Width}:\n{sample.Scrambled}");
    }

    private static bool HasSyntaxErrors(string text) =>
        VtdCompiler.Compile("spec.vtd", text).Diagnostics.Any(d => d.Id is "VTD0001" or "VTD0006" or "VTD0007" or "VTD0012");

    /// <summary>The text with every line break replaced by a space; line comments become block comments so they end where they did.</summary>
    private static string OnOneLine(string text)
    {
        var output = new StringBuilder();
        foreach (var token in SyntaxTokens.Lex(text))
        {
            output.Append(token.Kind switch
            {
                SyntaxTokenKind.Whitespace => " ",
                SyntaxTokenKind.LineComment when !token.Text.Contains("*/") => "/*" + token.Text.Substring(2).TrimEnd() + " */",
                SyntaxTokenKind.LineComment => string.Empty,
                _ => token.Text,
            });
        }
        return output.ToString();
    }

    /// <summary>
    /// Every line whose code (end-of-line comment left out) is wider than the width has no place
    /// the rules allow a break: no comma with a token after it, no arrow with a token before it.
    /// Lines within a block comment of several lines are not judged.
    /// </summary>
    private static void AssertBrokenWherePossible(string formatted, int width)
    {
        var line = new List<SyntaxToken>();
        int number = 1;
        foreach (var token in SyntaxTokens.Lex(formatted))
        {
            if (token.Kind == SyntaxTokenKind.Whitespace && token.Text.Contains('\n'))
            {
                Judge(line, number, width);
                number += token.Text.Count(c => c == '\n');
                line.Clear();
                continue;
            }
            line.Add(token);
        }
        Judge(line, number, width);
    }

    private static void Judge(List<SyntaxToken> line, int number, int width)
    {
        if (line.Any(t => t.Text.Contains('\n'))) return;
        var code = line.Count > 0 && line[^1].Kind == SyntaxTokenKind.LineComment ? line.Take(line.Count - 1).ToList() : line;
        string text = string.Concat(code.Select(t => t.Text)).TrimEnd();
        if (text.Length <= width) return;
        var tokens = code.Where(t => t.Kind != SyntaxTokenKind.Whitespace && !t.IsComment).Select(t => t.Text).ToList();
        bool commaWithTokenAfter = tokens.Take(tokens.Count - 1).Contains(",");
        bool arrowWithTokenBefore = tokens.Skip(1).Contains("->");
        Assert.False(commaWithTokenAfter || arrowWithTokenBefore, $"line {number} is {text.Length} columns wide (more than {width}) but could be broken: {text}");
    }
}
