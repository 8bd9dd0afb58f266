using System.Text;
using System.Threading;
using VtdDsl.Compiler;
using VtdDsl.Testing;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// <see cref="VtdCompiler.Compile(string, string, CancellationToken)"/> honours its token in every
/// phase: lexing (every 1,024 tokens), parsing (every rule), binding, the checks and the layout
/// (every declaration, window, device and interrupt). Cancellation is the one exception it
/// throws; it is never reported as VTD9999. Asserts that it throws, never how fast.
/// </summary>
public sealed class CancellationTests
{
    private static readonly Lazy<string> Large = new(() => ResourceLimitTests.TenMegabyteSpec(out _));

    [Fact]
    public void An_already_cancelled_token_throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => VtdCompiler.Compile("large.vtd", Large.Value, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => VtdCompiler.Compile("small.vtd", "policy A.B;\n", cancelled.Token));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(100)]
    public void A_token_cancelled_while_a_large_spec_compiles_throws(int milliseconds)
    {
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(milliseconds));

        var thrown = Record.Exception(() => VtdCompiler.Compile("large.vtd", Large.Value, soon.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    /// <summary>
    /// Specs dominated by one phase each (a flood of syntax errors, many regions, many domains,
    /// one domain with many windows, many devices, many interrupts), cancelled from another
    /// thread while they compile: each run throws or (if it won the race) returns a result
    /// without VTD9999 — cancellation never turns into an internal error.
    /// </summary>
    [Theory]
    [InlineData("syntax errors")]
    [InlineData("regions")]
    [InlineData("domains")]
    [InlineData("windows")]
    [InlineData("devices")]
    [InlineData("interrupts")]
    public void Cancellation_during_each_phase_is_cancellation(string phase)
    {
        string text = PhaseSpec(phase);
        var uncancelled = VtdCompiler.Compile("phase.vtd", text);
        Assert.DoesNotContain(uncancelled.Diagnostics, d => d.Id == "VTD9999");

        int cancelledRuns = 0;
        foreach (int delay in new[] { 0, 1, 2, 5, 10, 20, 50, 100, 200 })
        {
            using var source = new CancellationTokenSource();
            var cancel = new Thread(() =>
            {
                Thread.Sleep(delay);
                source.Cancel();
            });
            cancel.Start();
            try
            {
                var result = VtdCompiler.Compile("phase.vtd", text, source.Token);
                Assert.DoesNotContain(result.Diagnostics, d => d.Id == "VTD9999");
            }
            catch (OperationCanceledException)
            {
                cancelledRuns++;
            }
            cancel.Join();
        }
        Assert.True(cancelledRuns > 0, $"no run of the '{phase}' spec was cancelled");
    }

    private static string PhaseSpec(string phase)
    {
        const int count = 100_000;
        const ulong Page = SpecBuilder.KiB * 4;
        if (phase == "syntax errors")
        {
            return new SpecBuilder(null).Line(string.Concat(Enumerable.Repeat("domain { map ; } ", count))).Line("policy Hostile.Phase;").Build();
        }
        var spec = new SpecBuilder("Hostile.Phase", capacity: count * 64);
        switch (phase)
        {
            case "regions":
                for (int i = 0; i < count; i++) spec.Memory($"m{i}", (ulong)i << 12, Page);
                break;
            case "domains":
                for (int i = 0; i < count / 2; i++) spec.Domain($"d{i}", d => d.Map(0, Page, (ulong)i << 12, "read"));
                break;
            case "windows":
                spec.Domain("d", d =>
                {
                    for (int i = 0; i < count; i++) d.Map((ulong)i << 13, Page, (ulong)i << 13, "read write");
                }).Device("00:01.0", "d");
                break;
            case "devices":
                spec.Domain("d", d => d.Map(0, Page, 0, "read"));
                for (int i = 0; i < 65536; i++) spec.Device($"{i >> 8:x2}:{(i >> 3) & 31:x2}.{i & 7}", "d", name: $"n{i}");
                break;
            case "interrupts":
                spec.Domain("d", d => d.Map(0, Page, 0, "read")).Device("01:00.0", "d", name: "nic");
                for (int i = 0; i < 65536; i++) spec.Interrupt("nic", 0x40, 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(phase));
        }
        return spec.Build();
    }
}
