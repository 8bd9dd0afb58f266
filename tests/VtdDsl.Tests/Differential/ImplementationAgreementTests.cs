using System.Collections.Generic;
using System.Linq;
using System.Text;
using VtdDsl.Tool.Input;
using VtdDsl.Tests.Cli;
using VtdDsl.Tests.Generator;
using Xunit.Abstractions;
using VtdDsl.Tests.PropertyBased;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// The other two front doors over the same random policies: the <c>vtd</c> command (in-process,
/// many probes per <c>translate --queries</c> call) and the generated code (the generator run
/// over a batch of policies at once, compiled and loaded once) answer every probe, with and
/// without a PASID, exactly as the PolicyEngine does, whose answers <see cref="IsolationPropertyTests"/> checks against the
/// oracle and the IOMMU model.
/// </summary>
public sealed class ImplementationAgreementTests
{
    private readonly ITestOutputHelper _output;

    public ImplementationAgreementTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Cli_answers_every_probe_like_the_engine()
    {
        int count = 150 * PropertyRun.Scale;
        long queries = 0, pasidQueries = 0, interrupts = 0;
        using var files = new CliRun();
        PropertyRun.ForEach(PolicyGenerators.Policy, count, generated =>
        {
            var policy = generated.Result.Policy!;
            var tables = RuntimeTables.From(generated.Result.Layout!);
            var probes = new IsolationProbes(policy, generated.Text, maxDma: 400);
            string name = "p" + IsolationProbes.StableHash(generated.Text).ToString("x8") + "-" + System.Environment.CurrentManagedThreadId;
            string spec = files.File(name + ".vtd", generated.Text);
            var lines = new StringBuilder("# probes\n");
            foreach (var probe in probes.Dma) lines.Append(probe.ToQueryLine()).Append('\n');
            foreach (var probe in probes.Pasid) lines.Append(probe.ToQueryLine()).Append('\n');
            string queryFile = files.File(name + ".q", lines.ToString());

            var run = CliRun.Run("translate", spec, "--queries", queryFile);
            Assert.True(run.ExitCode == 0, run.ToString());
            var answers = run.OutLines;
            Assert.Equal(probes.Dma.Count + probes.Pasid.Count, answers.Count);
            for (int i = 0; i < probes.Dma.Count; i++)
            {
                var probe = probes.Dma[i];
                string expected = PolicyEngine.Translate(in tables, probe.Source, probe.Address, probe.Access).ToString();
                Assert.True(expected == answers[i], $"vtd translate {probe.ToQueryLine()}: engine '{expected}', CLI '{answers[i]}'");
            }
            for (int i = 0; i < probes.Pasid.Count; i++)
            {
                var probe = probes.Pasid[i];
                var answer = PolicyEngine.TranslateWithPasid(in tables, probe.Source, probe.Pasid, probe.Address, probe.Access);
                string expected = answer.ToString(answer.Process >= 0 ? policy.Processes[answer.Process].Name : null);
                string actual = answers[probes.Dma.Count + i];
                Assert.True(expected == actual, $"vtd translate {probe.ToQueryLine()}: engine '{expected}', CLI '{actual}'");
            }
            System.Threading.Interlocked.Add(ref queries, probes.Dma.Count);
            System.Threading.Interlocked.Add(ref pasidQueries, probes.Pasid.Count);

            foreach (var probe in probes.Interrupts.Where(p => p.Index >= 0).Take(6))
            {
                var answer = CliRun.Run("interrupt", spec, probe.Source.ToString(), probe.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(answer.ExitCode == 0, answer.ToString());
                string expected = PolicyEngine.RemapInterrupt(in tables, probe.Source, probe.Index).ToString();
                Assert.True(expected == answer.OutLines.Single(), $"vtd interrupt {probe}: engine '{expected}', CLI '{answer.Out}'");
                System.Threading.Interlocked.Increment(ref interrupts);
            }

            var check = CliRun.Run("check", spec);
            Assert.True(check.ExitCode == 0, check.ToString());
        }, IsolationPropertyTests.Print);
        _output.WriteLine($"{count} policies, {queries} translate queries, {pasidQueries} with a PASID, {interrupts} interrupt queries through the CLI");
    }

    [Fact]
    public void Generated_code_answers_every_probe_like_the_engine()
    {
        int count = 80 * PropertyRun.Scale;
        const int batch = 40;
        long dma = 0, transfers = 0, interrupts = 0, pasid = 0;
        for (int start = 0; start < count; start += batch)
        {
            var policies = new List<GeneratedPolicy>();
            for (int i = start; i < start + batch && i < count; i++)
            {
                var generated = PropertyRun.Nth(PolicyGenerators.Policy, i, out _);
                var renamed = generated.Spec.WithName($"Prop.Batch{start}.P{i}");
                policies.Add(new GeneratedPolicy(renamed, global::VtdDsl.Compiler.VtdCompiler.Compile($"specs/p{i}.vtd", renamed.Render())));
            }
            var run = GeneratorHarness.Run(policies.Select((p, i) => GeneratorHarness.Spec($"specs/p{start + i}.vtd", p.Text)).ToArray());
            Assert.Null(run.Exception);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            using var assembly = GeneratedAssembly.Load(run.Compilation);
            foreach (var generated in policies)
            {
                var policy = generated.Result.Policy!;
                var tables = RuntimeTables.From(generated.Result.Layout!);
                var code = assembly.Policy(policy.FullName);
                var probes = new IsolationProbes(policy, generated.Text);
                foreach (var probe in probes.Dma)
                {
                    var expected = PolicyEngine.Translate(in tables, probe.Source, probe.Address, probe.Access);
                    var actual = code.Translate(probe.Source, probe.Address, probe.Access);
                    Assert.True(expected == actual, $"generated Translate {probe.ToQueryLine()}: engine {IsolationPropertyTests.Describe(expected)}, generated {IsolationPropertyTests.Describe(actual)}\n{generated.Text}");
                }
                foreach (var probe in probes.Transfers)
                {
                    var expected = PolicyEngine.CheckTransfer(in tables, probe.Source, probe.Address, probe.Length, probe.Access);
                    var actual = code.CheckTransfer(probe.Source, probe.Address, probe.Length, probe.Access);
                    Assert.True(expected == actual, $"generated CheckTransfer {probe}: engine {IsolationPropertyTests.Describe(expected)}, generated {IsolationPropertyTests.Describe(actual)}\n{generated.Text}");
                }
                foreach (var probe in probes.Interrupts)
                {
                    var expected = PolicyEngine.RemapInterrupt(in tables, probe.Source, probe.Index);
                    var actual = code.RemapInterrupt(probe.Source, probe.Index);
                    Assert.True(expected == actual, $"generated RemapInterrupt {probe}: engine {expected}, generated {actual}\n{generated.Text}");
                }
                if (probes.Pasid.Count > 0)
                {
                    // A policy with no scalable-mode unit has no PASID members (and every PASID request faults 0x31 or 0x39).
                    var pasids = code.Pasids;
                    foreach (var probe in probes.Pasid)
                    {
                        var expected = PolicyEngine.TranslateWithPasid(in tables, probe.Source, probe.Pasid, probe.Address, probe.Access);
                        if (pasids is null)
                        {
                            Assert.True(expected.Fault is FaultReason.PasidRequestInLegacyMode or FaultReason.ScalableRootEntryNotPresent,
                                $"no PASID members, engine {IsolationPropertyTests.Describe(expected)} for {probe.ToQueryLine()}\n{generated.Text}");
                            continue;
                        }
                        var actual = pasids.TranslateWithPasid(probe.Source, probe.Pasid, probe.Address, probe.Access);
                        Assert.True(expected == actual, $"generated TranslateWithPasid {probe.ToQueryLine()}: engine {IsolationPropertyTests.Describe(expected)}, generated {IsolationPropertyTests.Describe(actual)}\n{generated.Text}");
                    }
                    pasid += probes.Pasid.Count;
                }
                dma += probes.Dma.Count;
                transfers += probes.Transfers.Count;
                interrupts += probes.Interrupts.Count;
            }
        }
        _output.WriteLine($"{count} policies compiled by the generator in batches of {batch}: {dma} DMA requests, {transfers} transfers, {interrupts} interrupts, {pasid} requests with a PASID");
    }
}
