using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VtdDsl.Tool.Input;
using VtdDsl.Compiler.Model;
using VtdDsl.Tests.Generator;
using Xunit.Abstractions;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// The isolation guarantee over random valid policies. Every request is answered by the
/// PolicyEngine over the CLI's tables, by the IOMMU model walking the DmarImage, and by an
/// oracle computed straight from the bound model (<see cref="PolicyOracle"/>); they must agree
/// exactly (fault reasons and domain ids included), and the answers must satisfy:
/// (1) allowed only through a window of the requester's domain with every right the access
///     needs, at the window's translation;
/// (2) no allowed request reaches protected memory;
/// (3) without VTD3008, host memory one domain can write is reachable from no other domain
///     (except where both windows say <c>shared</c>);
/// (4) CheckTransfer is allowed exactly when every page of the range is, else it reports the
///     lowest faulting address;
/// (5) an interrupt is remapped only for its entry's requester id (the device's own id, or its
///     <c>via</c> id).
/// Requests with a PASID (scalable-mode units) are answered by the engine, the model and the
/// oracle too; (1) and (2) hold for them with the domain the PASID selects.
/// </summary>
public sealed class IsolationPropertyTests
{
    /// <summary>Host address the image is built for (any 4 KiB aligned address below 2^52 would do).</summary>
    public const ulong ImageBase = 0xFE00_0000_0000UL;

    private static long s_policies, s_dma, s_transfers, s_interrupts, s_pasid;
    private readonly ITestOutputHelper _output;

    public IsolationPropertyTests(ITestOutputHelper output) => _output = output;

    public static int PolicyCount => 300 * PropertyRun.Scale;

    [Fact]
    public void Engine_image_and_oracle_agree_and_isolate_domains()
    {
        long policies0 = Interlocked.Read(ref s_policies), dma0 = Interlocked.Read(ref s_dma), transfers0 = Interlocked.Read(ref s_transfers), interrupts0 = Interlocked.Read(ref s_interrupts);
        long pasid0 = Interlocked.Read(ref s_pasid);
        PropertyRun.ForEach(PolicyGenerators.Policy, PolicyCount, CheckPolicy, Print);
        _output.WriteLine($"{Interlocked.Read(ref s_policies) - policies0} policies, {Interlocked.Read(ref s_dma) - dma0} DMA requests, "
            + $"{Interlocked.Read(ref s_transfers) - transfers0} transfers, {Interlocked.Read(ref s_interrupts) - interrupts0} interrupts, "
            + $"{Interlocked.Read(ref s_pasid) - pasid0} requests with a PASID");
    }

    internal static string Print(GeneratedPolicy generated) => "--- spec (.vtd) ---\n" + generated.Text
        + "--- diagnostics ---\n" + string.Join("\n", generated.Result.Diagnostics.Select(d => d.ToString()));

    internal static void CheckPolicy(GeneratedPolicy generated)
    {
        var policy = generated.Result.Policy!;
        var tables = RuntimeTables.From(generated.Result.Layout!);
        var oracle = new PolicyOracle(policy);
        var probes = new IsolationProbes(policy, generated.Text);
        byte[] image = DmarImage.Create(in tables, ImageBase, out var layout);
        var platform = IommuPlatform.FromImage(in tables, layout, image);
        bool checkSharing = !generated.Result.Diagnostics.Any(d => d.Id == "VTD3008");
        var reach = new Dictionary<ulong, List<(int Domain, bool Write, bool Shared)>>();

        foreach (var probe in probes.Dma)
        {
            var engine = PolicyEngine.Translate(in tables, probe.Source, probe.Address, probe.Access);
            var expected = oracle.Translate(probe.Source, probe.Address, probe.Access);
            var model = platform.Translate(probe.Source, probe.Address, probe.Access);
            Equal(expected, engine, "engine vs oracle (property 1)", probe);
            Equal(engine, model, "engine vs IOMMU model over the image", probe);
            if (!engine.IsAllowed) continue;

            int d = oracle.DomainOf(probe.Source);
            var domain = policy.Domains[d];
            Window? window = domain.IsPassthrough ? null : PolicyOracle.WindowAt(domain, probe.Address);
            if (!domain.IsPassthrough)
            {
                // (1), spelled out: a window of the requester's domain covers it with every right needed
                Assert.True(window is not null, $"allowed without a window: {probe}");
                Assert.True(((DmaAccess)(byte)window!.Rights & probe.Access) == probe.Access, $"allowed without the rights: {probe}");
                Assert.Equal(window.HostAddress + (probe.Address - window.Iova), engine.HostAddress);
            }
            // (2)
            foreach (var region in policy.Protected)
            {
                Assert.False(engine.HostAddress >= region.Base && engine.HostAddress <= region.Last,
                    $"{probe} reaches protected region '{region.Name}' at 0x{engine.HostAddress:x}");
            }
            bool canWrite = domain.IsPassthrough || (window!.Rights & Rights.Write) != 0;
            bool shared = !domain.IsPassthrough && window!.Shared;
            ulong page = engine.HostAddress >> 12;
            if (!reach.TryGetValue(page, out var list)) reach[page] = list = new List<(int, bool, bool)>();
            list.Add((d, canWrite, shared));
        }

        // (2) over the whole layout, not just the probes: no window's host range touches protected memory
        foreach (var domain in policy.Domains)
        {
            Assert.False(domain.IsPassthrough && policy.Protected.Count > 0, $"pass-through domain '{domain.Name}' with protected memory");
            foreach (var window in domain.Windows)
            {
                Assert.DoesNotContain(policy.Protected, r => r.Base <= window.HostLast && window.HostAddress <= r.Last);
            }
        }

        if (checkSharing)
        {
            // (3) over the translation results
            foreach (var (page, list) in reach)
            {
                foreach (var a in list)
                {
                    foreach (var b in list)
                    {
                        if (a.Domain != b.Domain && a.Write && !(a.Shared && b.Shared))
                        {
                            Assert.Fail($"host page 0x{page << 12:x} is writable from domain '{policy.Domains[a.Domain].Name}' and reachable from '{policy.Domains[b.Domain].Name}' without VTD3008");
                        }
                    }
                }
            }
            // (3) over the whole model: no two domains' windows overlap in host memory with a writer
            var windows = policy.Domains.SelectMany((domain, d) => domain.Windows.Select(w => (Domain: d, Window: w))).ToArray();
            Assert.DoesNotContain(policy.Domains, domain => domain.IsPassthrough && windows.Any(w => policy.Domains[w.Domain] != domain));
            for (int i = 0; i < windows.Length; i++)
            {
                for (int j = i + 1; j < windows.Length; j++)
                {
                    var (a, b) = (windows[i], windows[j]);
                    bool overlap = a.Window.HostAddress <= b.Window.HostLast && b.Window.HostAddress <= a.Window.HostLast;
                    bool write = ((a.Window.Rights | b.Window.Rights) & Rights.Write) != 0;
                    Assert.False(a.Domain != b.Domain && overlap && write && !(a.Window.Shared && b.Window.Shared),
                        $"windows of '{policy.Domains[a.Domain].Name}' and '{policy.Domains[b.Domain].Name}' share writable host memory without VTD3008");
                }
            }
        }

        foreach (var probe in probes.Transfers)
        {
            var engine = PolicyEngine.CheckTransfer(in tables, probe.Source, probe.Address, probe.Length, probe.Access);
            if (oracle.CheckTransfer(probe.Source, probe.Address, probe.Length, probe.Access) is { } expected)
            {
                Assert.True(expected == engine, $"CheckTransfer (property 4) of {probe}: expected {Describe(expected)}, engine {Describe(engine)}");
            }
        }

        foreach (var probe in probes.Interrupts)
        {
            var engine = PolicyEngine.RemapInterrupt(in tables, probe.Source, probe.Index);
            var expected = oracle.RemapInterrupt(probe.Source, probe.Index);
            var model = platform.RemapInterrupt(probe.Source, probe.Index);
            Assert.True(expected == engine, $"interrupt (property 5) {probe}: expected {expected}, engine {engine}");
            Assert.True(engine == model, $"interrupt {probe}: engine {engine}, IOMMU model {model}");
            if (engine.IsAllowed)
            {
                // (5), spelled out: the entry at that index belongs to this requester id
                int unit = oracle.UnitFor(probe.Source);
                var entry = policy.Interrupts.Single(i => i.UnitIndex == unit && i.Index == probe.Index);
                var device = policy.Devices[entry.DeviceIndex];
                Assert.Equal((device.Via ?? device.Source).RequesterId, probe.Source.RequesterId);
            }
        }

        CheckPasidRequests(policy, tables, oracle, platform, probes.Pasid);

        Interlocked.Increment(ref s_policies);
        Interlocked.Add(ref s_pasid, probes.Pasid.Count);
        Interlocked.Add(ref s_dma, probes.Dma.Count);
        Interlocked.Add(ref s_transfers, probes.Transfers.Count);
        Interlocked.Add(ref s_interrupts, probes.Interrupts.Count);
    }

    /// <summary>
    /// Requests with a PASID: engine = oracle; engine = IOMMU model, except that a process PASID is not present in
    /// the image until its process is bound (0x59); an allowed second-stage answer goes through a window of the
    /// domain the PASID selects, with the rights, and never reaches protected memory.
    /// </summary>
    private static void CheckPasidRequests(Policy policy, ArrayPolicyTables tables, PolicyOracle oracle, IommuPlatform platform, IReadOnlyList<PasidProbe> probes)
    {
        foreach (var probe in probes)
        {
            var engine = PolicyEngine.TranslateWithPasid(in tables, probe.Source, probe.Pasid, probe.Address, probe.Access);
            var expected = oracle.TranslateWithPasid(probe.Source, probe.Pasid, probe.Address, probe.Access);
            var model = platform.TranslateWithPasid(probe.Source, probe.Pasid, probe.Address, probe.Access);
            if (expected != engine) Assert.Fail($"engine vs oracle (PASID): {probe.ToQueryLine()}: expected {Describe(expected)}, got {Describe(engine)}");
            if (engine.IsFirstStage && !engine.IsFault)
            {
                Assert.True(model.Fault == FaultReason.PasidEntryNotPresent, $"{probe.ToQueryLine()}: IOMMU model {Describe(model)} for an unbound process");
                continue;
            }
            if (engine != model) Assert.Fail($"engine vs IOMMU model over the image (PASID): {probe.ToQueryLine()}: engine {Describe(engine)}, model {Describe(model)}");
            if (!engine.IsAllowed) continue;
            if (engine.Type == PasidTranslationType.SecondStage)
            {
                var owner = oracle.PasidOwner(probe.Source)!;
                int d = probe.Pasid == 0 ? owner.DomainIndex : owner.Pasids.Single(p => p.Pasid == probe.Pasid).TargetIndex;
                var window = PolicyOracle.WindowAt(policy.Domains[d], probe.Address);
                Assert.True(window is not null && ((DmaAccess)(byte)window.Rights & probe.Access) == probe.Access, $"allowed without a window and its rights: {probe.ToQueryLine()}");
            }
            Assert.DoesNotContain(policy.Protected, region => engine.HostAddress >= region.Base && engine.HostAddress <= region.Last);
        }
    }

    private static void Equal(DmaTranslation expected, DmaTranslation actual, string what, DmaProbe probe)
    {
        if (expected != actual)
        {
            Assert.Fail($"{what}: {probe.ToQueryLine()}: expected {Describe(expected)}, got {Describe(actual)}");
        }
    }

    public static string Describe(DmaTranslation t) => $"{t} (address 0x{t.Address:x}, domain {t.DomainId})";

    public static string Describe(PasidTranslation t) => $"{t} (address 0x{t.Address:x}, domain {t.DomainId}, {t.Type})";
}
