using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VtdDsl.Generator;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>The pipeline caches by value: unrelated edits and edits to another spec redo nothing.</summary>
public class IncrementalTests
{
    private static readonly string[] TrackedSteps =
    {
        TrackingNames.VtdFiles, TrackingNames.EmitOptions, TrackingNames.Compiled, TrackingNames.DuplicatePolicies,
        TrackingNames.Model, TrackingNames.Diagnostics, TrackingNames.Source,
    };

    private static AdditionalText TwoVm() => GeneratorHarness.Spec("specs/two-vm.vtd", RepositoryPaths.ReadText("specs/two-vm.vtd"));

    private static AdditionalText SriovHost() => GeneratorHarness.Spec("specs/sriov-host.vtd", RepositoryPaths.ReadText("specs/sriov-host.vtd"));

    [Fact]
    public void Editing_an_unrelated_CSharp_file_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(new[] { TwoVm(), SriovHost() }).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("class A { int B => 1; }", GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
            foreach (var output in result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}");
            }
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_spec_leaves_the_other_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation("class A { }");
        var twoVm = TwoVm();
        var driver = GeneratorHarness.CreateDriver(new[] { twoVm, SriovHost() }).RunGenerators(compilation);

        var editedText = twoVm.GetText()!.ToString().Replace("cpu 2;", "cpu 4;");
        driver = driver.ReplaceAdditionalText(twoVm, GeneratorHarness.Spec("specs/two-vm.vtd", editedText));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var sources = result.TrackedSteps[TrackingNames.Source].SelectMany(run => run.Outputs).ToArray();
        Assert.Equal(2, sources.Length);
        Assert.Single(sources, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(sources, output => output.Reason == IncrementalStepRunReason.Cached);

        var compiled = result.TrackedSteps[TrackingNames.Compiled].SelectMany(run => run.Outputs).ToArray();
        Assert.Single(compiled, output => output.Reason == IncrementalStepRunReason.Cached);

        // the edit keeps the policy names, so the cross-file check is unchanged
        Assert.All(result.TrackedSteps[TrackingNames.DuplicatePolicies].SelectMany(run => run.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(4, result.GeneratedSources.Length); // two policies, each an API and a tables file
    }

    [Fact]
    public void Editing_only_a_comment_in_a_spec_regenerates_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation("class A { }");
        var twoVm = TwoVm();
        var driver = GeneratorHarness.CreateDriver(new[] { twoVm }).RunGenerators(compilation);

        // the line numbers the doc comments show stay the same: the comment is at the end of a line
        var editedText = twoVm.GetText()!.ToString().Replace("// guest RAM", "// the guest's RAM");
        driver = driver.ReplaceAdditionalText(twoVm, GeneratorHarness.Spec("specs/two-vm.vtd", editedText));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.Source].SelectMany(run => run.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, output.Reason.ToString()));
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_compilations_or_Roslyn_diagnostics()
    {
        var run = GeneratorHarness.Run(new[] { TwoVm(), GeneratorHarness.Spec("specs/invalid/VTD1002.vtd", RepositoryPaths.ReadText("specs/invalid/VTD1002.vtd")) });
        var result = run.Result.Results.Single();

        // our steps only: Roslyn's own "SourceOutput" step holds the Diagnostic objects it reports
        foreach (var step in TrackedSteps.SelectMany(name => result.TrackedSteps[name]))
        {
            foreach (var (value, _) in step.Outputs)
            {
                AssertNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step.Name ?? "?");
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        Assert.False(
            value is ISymbol || value is Compilation || value is Diagnostic || value is SyntaxNode || value is SemanticModel,
            $"{path} holds a {value.GetType().FullName}");
        if (value.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true && value is not IEnumerable && !IsTuple(value)) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) AssertNoRoslynObjects(item, seen, $"{path}[{i++}]");
            return;
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), seen, $"{path}.{field.Name}");
        }
    }

    private static bool IsTuple(object value) => value.GetType().FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true;
}
