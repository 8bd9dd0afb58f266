using System;
using System.Linq;
using System.Text;
using System.Threading;
using VtdDsl.Compiler;

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
        var text = new StringBuilder("policy Hostile.Phase;\n");
        const int count = 100_000;
        switch (phase)
        {
            case "syntax errors":
                text.Insert(0, string.Concat(Enumerable.Repeat("domain { map ; } ", count)));
                break;
            case "regions":
                for (int i = 0; i < count; i++) text.Append($"memory m{i} 0x{(ulong)i << 12:X} size 4KiB;\n");
                break;
            case "domains":
                for (int i = 0; i < count / 2; i++) text.Append($"domain d{i} {{ map 0x0 size 4KiB -> 0x{(ulong)i << 12:X} read; }}\n");
                break;
            case "windows":
                text.Append("domain d {\n");
                for (int i = 0; i < count; i++) text.Append($"    map 0x{(ulong)i << 13:X} size 4KiB -> 0x{(ulong)i << 13:X} read write;\n");
                text.Append("}\ndevice 00:01.0 -> d;\n");
                break;
            case "devices":
                text.Append("domain d { map 0x0 size 4KiB -> 0x0 read; }\n");
                for (int i = 0; i < 65536; i++) text.Append($"device n{i} {i >> 8:x2}:{(i >> 3) & 31:x2}.{i & 7} -> d;\n");
                break;
            case "interrupts":
                text.Append("domain d { map 0x0 size 4KiB -> 0x0 read; }\ndevice nic 01:00.0 -> d;\n");
                for (int i = 0; i < 65536; i++) text.Append("interrupt nic vector 0x40 -> cpu 1;\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(phase));
        }
        return text.ToString();
    }
}
