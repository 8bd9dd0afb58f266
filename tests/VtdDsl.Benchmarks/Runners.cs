namespace VtdDsl.Benchmarks;

/// <summary>Runs a batch of probes through one translator: one interface call per batch, none per probe.</summary>
/// <remarks>
/// Every implementation's <see cref="Translate"/> is the consumer's loop and is never inlined
/// (<see cref="System.Runtime.CompilerServices.MethodImplOptions.NoInlining"/>). Otherwise dynamic PGO
/// devirtualizes the interface call in the benchmark method and inlines the loop there, the translator
/// under it, as deep as the JIT's inlining budget goes: in BenchmarkDotNet's <c>Generated()</c> the
/// budget ran out inside Large's <c>Translate</c>, which then called <c>MemoryMarshal.Cast</c> and
/// <c>Answer.Fold</c> per probe with its locals on the stack, 34–39 ns a translation where the same loop
/// compiled as a method of its own takes 26 (docs/benchmarks.md, "Why Large's single call read 35 ns").
/// </remarks>
public interface IPolicyRunner
{
    /// <summary>Translates every probe; returns a checksum of the answers.</summary>
    ulong Translate(Probe[] probes);

    DmaTranslation TranslateOne(Probe probe);
}

/// <summary>A translator with a batch API: one call per stream of requests.</summary>
public interface IBatchRunner
{
    /// <summary>Translates every request with <c>TranslateMany</c> into <paramref name="answers"/>; returns a checksum of the answers.</summary>
    ulong TranslateMany(DmaRequest[] requests, DmaTranslation[] answers);

    /// <summary>
    /// Translates the requests as scatter-gather lists of <paramref name="list"/>'s length (one <c>TranslateMany</c>
    /// a list, its answers folded before the next), as an emulator does; returns the checksum <see cref="TranslateMany"/> returns.
    /// </summary>
    ulong TranslateInLists(DmaRequest[] requests, DmaTranslation[] list);
}

/// <summary>Folds a batch's answers into a checksum, as the single-call runners do per answer.</summary>
public static class Answers
{
    public static ulong Fold(System.ReadOnlySpan<DmaTranslation> answers)
    {
        ulong sum = 0;
        foreach (ref readonly DmaTranslation answer in answers) sum += Answer.Fold(in answer);
        return sum;
    }

    /// <summary>The requests cut into lists of <paramref name="list"/>'s length (the last may be shorter), each answered by <paramref name="translateMany"/> and folded.</summary>
    public static ulong InLists(DmaRequest[] requests, DmaTranslation[] list, TranslateManyAction translateMany)
    {
        ulong sum = 0;
        for (int at = 0; at < requests.Length; at += list.Length)
        {
            int length = System.Math.Min(list.Length, requests.Length - at);
            var answers = System.MemoryExtensions.AsSpan(list, 0, length);
            translateMany(System.MemoryExtensions.AsSpan(requests, at, length), answers);
            sum += Fold(answers);
        }
        return sum;
    }

    /// <summary>A policy's <c>TranslateMany</c>.</summary>
    public delegate void TranslateManyAction(System.ReadOnlySpan<DmaRequest> requests, System.Span<DmaTranslation> translations);
}

/// <summary>Today's engine over arrays: what the CLI runs (<c>ArrayPolicyTables</c> from the compiler's layout).</summary>
public sealed class EngineRunner : IPolicyRunner, IBatchRunner
{
    private readonly ArrayPolicyTables _tables;

    public EngineRunner(in ArrayPolicyTables tables) => _tables = tables;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public ulong Translate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in System.MemoryExtensions.AsSpan(probes))
        {
            var answer = PolicyEngine.Translate(in _tables, probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    public ulong TranslateMany(DmaRequest[] requests, DmaTranslation[] answers)
    {
        PolicyEngine.TranslateMany(in _tables, requests, answers);
        return Answers.Fold(answers);
    }

    public ulong TranslateInLists(DmaRequest[] requests, DmaTranslation[] list) =>
        Answers.InLists(requests, list, (r, a) => PolicyEngine.TranslateMany(in _tables, r, a));

    public DmaTranslation TranslateOne(Probe probe) => PolicyEngine.Translate(in _tables, probe.Source, probe.Address, probe.Access);
}

/// <summary>Lets the machine settle after a setup, before BenchmarkDotNet measures.</summary>
public static class SetupSettling
{
    /// <remarks>
    /// A setup that generates and compiles a policy allocates hundreds of megabytes. Without a full
    /// collection at its end, a background collection ran through the first case measured after it, on
    /// the other of the machine's two cores: Generated/Random256/Warm read 60-85 ns instead of 22.
    /// </remarks>
    public static void Wait()
    {
        System.GC.Collect();
        System.GC.WaitForPendingFinalizers();
        System.GC.Collect();
        System.Threading.Thread.Sleep(500);
    }
}

/// <summary>Brings a runner's loop to tier-1 code before BenchmarkDotNet measures it.</summary>
public static class RunnerWarmup
{
    private static readonly System.Collections.Generic.HashSet<IPolicyRunner> Warmed = new(System.Collections.Generic.ReferenceEqualityComparer.Instance);

    /// <remarks>
    /// Without this, the first case measured after a spec's setup (the generated assembly loaded,
    /// thousands of methods jitted at tier 0) could run the whole short job on tier-0 code: the
    /// runtime starts call counting only after 100 ms without new tier-0 compilation, and the
    /// setup keeps producing it. Medium Hits, the first Medium case, measured a stable ~60 ns then
    /// (every other case 2–11 ns) with whichever implementation ran first. Three rounds of calls
    /// with pauses let call counting start and the background tier-1 compile finish.
    /// </remarks>
    public static void Run(IPolicyRunner runner, Probe[] probes)
    {
        // Tiering is per method, not per probe stream: once a runner's code is at tier 1 it stays there.
        if (!Warmed.Add(runner)) return;
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 40; i++) runner.Translate(probes);
            System.Threading.Thread.Sleep(120);
        }
    }
}

/// <summary>
/// The generic runner over a generated policy type, instantiated with <c>MakeGenericType</c>.
/// Generated policy types are classes, so the JIT shares this code between them (<c>__Canon</c>)
/// and finds <c>TPolicy.Translate</c> through the generic dictionary: an indirect call per probe that
/// cannot be inlined. <see cref="DirectRunnerSource"/> is what the benchmarks use instead: the same
/// loop compiled next to the policy, calling it directly, as a consumer's code does.
/// </summary>
public sealed class Runner<TPolicy> : IPolicyRunner where TPolicy : IVtdPolicy
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public ulong Translate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in System.MemoryExtensions.AsSpan(probes))
        {
            var answer = TPolicy.Translate(probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    public DmaTranslation TranslateOne(Probe probe) => TPolicy.Translate(probe.Source, probe.Address, probe.Access);
}

/// <summary>The C# of a non-generic runner that calls a generated policy's static <c>Translate</c> directly.</summary>
public static class DirectRunnerSource
{
    public const string TypeName = "VtdDsl.Benchmarks.Emitted.DirectRunner";

    public static string For(string policyFullName) => $$"""
        namespace VtdDsl.Benchmarks.Emitted
        {
            public sealed class DirectRunner : global::VtdDsl.Benchmarks.IPolicyRunner, global::VtdDsl.Benchmarks.IBatchRunner
            {
                public ulong TranslateMany(global::VtdDsl.DmaRequest[] requests, global::VtdDsl.DmaTranslation[] answers)
                {
                    global::{{policyFullName}}.TranslateMany(requests, answers);
                    return global::VtdDsl.Benchmarks.Answers.Fold(answers);
                }

                public ulong TranslateInLists(global::VtdDsl.DmaRequest[] requests, global::VtdDsl.DmaTranslation[] list) =>
                    global::VtdDsl.Benchmarks.Answers.InLists(requests, list, global::{{policyFullName}}.TranslateMany);

                [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
                public ulong Translate(global::VtdDsl.Benchmarks.Probe[] probes)
                {
                    ulong sum = 0;
                    foreach (ref readonly global::VtdDsl.Benchmarks.Probe probe in global::System.MemoryExtensions.AsSpan(probes))
                    {
                        var answer = global::{{policyFullName}}.Translate(probe.Source, probe.Address, probe.Access);
                        sum += global::VtdDsl.Benchmarks.Answer.Fold(in answer);
                    }
                    return sum;
                }

                public global::VtdDsl.DmaTranslation TranslateOne(global::VtdDsl.Benchmarks.Probe probe) =>
                    global::{{policyFullName}}.Translate(probe.Source, probe.Address, probe.Access);
            }
        }
        """;
}

/// <summary>The direct runner of specs/two-vm.vtd, whose policy the generator compiled into this assembly.</summary>
public sealed class TwoVmHostRunner : IPolicyRunner, IBatchRunner
{
    public ulong TranslateMany(DmaRequest[] requests, DmaTranslation[] answers)
    {
        Contoso.Hypervisor.TwoVmHost.TranslateMany(requests, answers);
        return Answers.Fold(answers);
    }

    public ulong TranslateInLists(DmaRequest[] requests, DmaTranslation[] list) =>
        Answers.InLists(requests, list, Contoso.Hypervisor.TwoVmHost.TranslateMany);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public ulong Translate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in System.MemoryExtensions.AsSpan(probes))
        {
            var answer = Contoso.Hypervisor.TwoVmHost.Translate(probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    public DmaTranslation TranslateOne(Probe probe) => Contoso.Hypervisor.TwoVmHost.Translate(probe.Source, probe.Address, probe.Access);
}

/// <summary>The IOMMU model walking the written hardware tables.</summary>
public sealed class IommuRunner : IPolicyRunner
{
    private readonly IommuPlatform _platform;

    public IommuRunner(IommuPlatform platform) => _platform = platform;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public ulong Translate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in System.MemoryExtensions.AsSpan(probes))
        {
            var answer = _platform.Translate(probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    public DmaTranslation TranslateOne(Probe probe) => _platform.Translate(probe.Source, probe.Address, probe.Access);
}
