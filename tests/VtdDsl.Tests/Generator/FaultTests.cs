using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using VtdDsl.Generator;
using VtdDsl.Generator.Emit;
using VtdDsl.Tests.Infrastructure;

namespace VtdDsl.Tests.Generator;

/// <summary>Whatever fails inside the generator becomes VTD9999 in the spec, never CS8785; cancellation propagates.</summary>
public class FaultTests
{
    private static AdditionalText TwoVm() => GeneratorHarness.Spec("specs/two-vm.vtd", RepositoryPaths.ReadText("specs/two-vm.vtd"));

    [Fact]
    public void A_throwing_emitter_is_reported_as_VTD9999_in_the_spec()
    {
        var generator = new VtdGenerator((_, _) => throw new InvalidOperationException("emitter exploded"));
        var run = GeneratorHarness.Run(new[] { TwoVm() }, generator);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratedSources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("VTD9999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("emitter exploded", diagnostic.GetMessage());
        Assert.Equal(GeneratorHarness.ProjectDirectory + "specs/two-vm.vtd", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(WellKnownDiagnosticTags.NotConfigurable, diagnostic.Descriptor.CustomTags);
        Assert.DoesNotContain(run.Compilation.GetDiagnostics(), d => d.Id == "CS8785");
    }

    [Fact]
    public void A_failing_template_is_reported_as_VTD9999()
    {
        var template = TemplateCache.Parse("broken.sbn", "{{ no_such_variable.member }}");
        var generator = new VtdGenerator(new PolicyEmitter(template).Emit);
        var run = GeneratorHarness.Run(new[] { TwoVm() }, generator);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratedSources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("VTD9999", diagnostic.Id);
        Assert.Contains("no_such_variable", diagnostic.GetMessage());
    }

    [Fact]
    public void A_template_that_does_not_parse_is_an_error_naming_the_template()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TemplateCache.Parse("broken.sbn", "{{ for x in }}"));
        Assert.Contains("broken.sbn", exception.Message);
    }

    [Fact]
    public void Only_the_faulty_file_is_lost()
    {
        var generator = new VtdGenerator((source, token) =>
            source.PolicyName.EndsWith("TwoVmHost", StringComparison.Ordinal) ? throw new InvalidOperationException("boom") : PolicyEmitter.Default.Emit(source, token));
        var sriov = GeneratorHarness.Spec("specs/sriov-host.vtd", RepositoryPaths.ReadText("specs/sriov-host.vtd"));
        var run = GeneratorHarness.Run(new[] { TwoVm(), sriov }, generator);

        Assert.Equal(2, run.GeneratedSources.Length); // sriov-host's API and tables
        Assert.Single(run.Diagnostics, d => d.Id == "VTD9999");
    }

    [Fact]
    public void Cancellation_propagates_out_of_the_generator()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var driver = GeneratorHarness.CreateDriver(new[] { TwoVm() });

        Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGenerators(GeneratorHarness.CreateCompilation("class A { }"), cancellation.Token));
    }

    [Fact]
    public void Cancellation_inside_the_emitter_is_not_turned_into_VTD9999()
    {
        using var cancellation = new CancellationTokenSource();
        var generator = new VtdGenerator((_, token) =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            return new EmittedPolicy(string.Empty, string.Empty);
        });
        var driver = GeneratorHarness.CreateDriver(new[] { TwoVm() }, generator);

        Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGenerators(GeneratorHarness.CreateCompilation("class A { }"), cancellation.Token));
    }
}
