using VtdDsl.Compiler;
using VtdDsl.Compiler.Formatting;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// The editor's answers on broken text: deterministic mutants of the bundled specs through
/// hover, completion, the name index, quick fixes and the formatter. None may throw; the
/// formatter keeps every token and comment and is idempotent whenever it formats.
/// </summary>
public sealed class EditorFeatureMutationTests
{
    public const int MutantCount = 200;

    [Fact]
    public void Editor_features_answer_on_every_mutant_without_throwing()
    {
        var mutator = new SpecMutator(MutationFuzzTests.Corpus(), MutationFuzzTests.Seed + 11);
        for (int i = 0; i < MutantCount; i++)
        {
            string text = mutator.Mutant(i, out string description);
            if (text.Length > 64 * 1024) continue;
            var analysis = VtdCompiler.Analyze("mutant.vtd", text);
            int step = System.Math.Max(1, text.Length / 10);
            for (int offset = 0, n = 0; offset <= text.Length; offset += step, n++)
            {
                HoverFacts.At(analysis, offset);
                // Completion parses once per candidate token: a third of the offsets keeps the run short.
                if (n % 3 == 0) Completion.At(text, offset);
                if (analysis.Names.At(offset) is { } occurrence)
                {
                    Assert.Contains(occurrence, analysis.Names.OccurrencesOf(occurrence));
                }
            }
            foreach (var diagnostic in analysis.Compilation.Diagnostics)
            {
                foreach (var fix in QuickFixes.For(analysis, diagnostic))
                {
                    Assert.All(fix.Changes, c => Assert.True(c.Start >= 0 && c.Start + c.Length <= text.Length, description));
                }
            }
            if (PolicyFormatter.Format(text, out _) is { } formatted)
            {
                Assert.Equal(Significant(text), Significant(formatted));
                Assert.Equal(formatted, PolicyFormatter.Format(formatted, out _));
            }
        }
    }

    private static List<string> Significant(string text) =>
        SyntaxTokens.Lex(text).Where(t => t.Kind != SyntaxTokenKind.Whitespace).Select(t => t.Kind == SyntaxTokenKind.LineComment ? t.Text.TrimEnd() : t.Text).ToList();
}
