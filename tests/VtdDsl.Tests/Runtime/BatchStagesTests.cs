using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using VtdDsl.Compiler;
using VtdDsl.Testing;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The staged batch gives a stage of its own only to a table beyond an L1 cache (context entries,
/// domain records); each mix of staged and unstaged tables answers every request as
/// <see cref="PolicyEngine.Translate"/> does, its answers selected one by one, with AVX2 four at a time and
/// with AVX-512 eight at a time.
/// </summary>
/// <remarks>
/// Staged domain records without staged context entries would take more than 512 domains on at most 64
/// buses; the scale generator spreads devices over all 256 buses, so that mix is not among these.
/// </remarks>
public sealed class BatchStagesTests
{
    private const int L1 = 32 * 1024;

    [Theory]
    [InlineData("ManyBusesFewDomains", 3_000, 100, 1_500, true, false)]
    [InlineData("FewDevicesFewDomains", 40, 20, 400, false, false)]
    [InlineData("ManyBusesManyDomains", 3_000, 1_100, 3_000, true, true)]
    public void Every_mix_of_staged_tables_answers_as_Translate(string name, int devices, int domains, int windows, bool contextsStaged, bool domainsStaged)
    {
        var spec = ScaleSpecGenerator.Generate(new ScaleSpecOptions
        {
            PolicyName = "VtdDsl.Scale." + name, Seed = 11, Devices = devices, Domains = domains, Windows = windows, Interrupts = 10,
        });
        var compiled = VtdCompiler.Compile(spec.FileName, spec.Text);
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        var tables = VtdDsl.Tool.Input.RuntimeTables.From(compiled.Layout!);
        Assert.Equal(contextsStaged, tables.ContextEntries.Length * sizeof(ushort) > L1);
        Assert.Equal(domainsStaged, tables.Domains.Length * TableSchema.DomainRecord.Size > L1);

        var requests = PolicyProbes.Dma(compiled.Policy!).Select(p => new DmaRequest(p.Source, p.Address, p.Access)).ToArray();
        Assert.True(requests.Length > 1_000, $"{requests.Length} probes");
        var oneByOne = new DmaTranslation[requests.Length];
        var fourAtATime = new DmaTranslation[requests.Length];
        var eightAtATime = new DmaTranslation[requests.Length];
        PolicyEngine.TranslateStaged(in tables, requests, oneByOne, PolicyEngine.BatchVectors.None);
        if (Avx2.IsSupported) PolicyEngine.TranslateStaged(in tables, requests, fourAtATime, PolicyEngine.BatchVectors.Bits256);
        if (Avx512F.IsSupported) PolicyEngine.TranslateStaged(in tables, requests, eightAtATime, PolicyEngine.BatchVectors.Bits512);
        for (int i = 0; i < requests.Length; i++)
        {
            var expected = (requests[i], PolicyEngine.Translate(in tables, requests[i].Source, requests[i].Address, requests[i].Access));
            Assert.Equal(expected, (requests[i], oneByOne[i]));
            if (Avx2.IsSupported) Assert.Equal(expected, (requests[i], fourAtATime[i]));
            if (Avx512F.IsSupported) Assert.Equal(expected, (requests[i], eightAtATime[i]));
        }
    }

    /// <summary>
    /// A request whose domain has no windows (pass-through, or reaching no memory) is left to
    /// <see cref="PolicyEngine.Translate"/> only where <see cref="IPolicyTables.DomainsWithoutWindows"/> says
    /// such domains exist: requests of every device, at addresses inside and outside each window, mixed so
    /// that every group of the batch holds some of them.
    /// </summary>
    [Fact]
    public void Domains_without_windows_are_answered_as_Translate_answers_them()
    {
        var blocked = new PolicyBuilder { Name = "Tests.Quarantine" };
        blocked.Unit();
        int quarantine = blocked.Domain(1);
        int guest = blocked.Domain(2);
        blocked.Map(guest, 0, 2 * Policies.MiB, 0x4000_0000, DmaAccess.ReadWrite).Map(guest, 0x10_0000_0000, 4 * Policies.KiB, 0x1000, DmaAccess.Read);
        blocked.Device("01:00.0", quarantine).Device("02:00.0", guest).Device("02:00.1", guest);
        var sources = new[] { "01:00.0", "02:00.0", "02:00.1", "03:00.0", "00:14.0", "03:10.1", "07:00.0", "06:01.0" }.Select(SourceId.Parse).ToArray();
        ulong[] addresses = [0, 0x1000, 0x1F_FFFF, 0x20_0000, 0x7FFF_FFFF, 0x10_0000_0000, (1UL << 39) - 1, 1UL << 39, 1UL << 48, ulong.MaxValue - 1, ulong.MaxValue];
        var requests = (from source in sources from address in addresses from access in new[] { DmaAccess.Read, DmaAccess.Write, DmaAccess.ReadWrite }
                        select new DmaRequest(source, address, access)).ToArray();
        new Random(7).Shuffle(requests);

        foreach (var tables in new[] { Policies.TwoVm(), blocked.Build() })
        {
            Assert.Equal(1, tables.DomainsWithoutWindows);
            var answers = new DmaTranslation[requests.Length];
            foreach (var vectors in new[] { PolicyEngine.BatchVectors.None, PolicyEngine.BatchVectors.Bits256, PolicyEngine.BatchVectors.Bits512 })
            {
                if (vectors == PolicyEngine.BatchVectors.Bits256 && !Avx2.IsSupported || vectors == PolicyEngine.BatchVectors.Bits512 && !Avx512F.IsSupported) continue;
                PolicyEngine.TranslateStaged(in tables, requests, answers, vectors);
                for (int i = 0; i < requests.Length; i++)
                    Assert.Equal((vectors, requests[i], PolicyEngine.Translate(in tables, requests[i].Source, requests[i].Address, requests[i].Access)), (vectors, requests[i], answers[i]));
            }
        }
    }

    /// <summary>
    /// The AVX-512 stages read eight requests as 24 words and write eight answers as 24 words (the AVX2
    /// stage four answers as 12): the layouts they take apart and put together are these.
    /// </summary>
    [Fact]
    public void Requests_and_answers_are_laid_out_as_the_vector_stages_read_and_write_them()
    {
        var request = new DmaRequest(SourceId.Parse("0001:12:04.5"), 0x1122_3344_5566_7788, DmaAccess.ReadWrite);
        Assert.Equal(3 * sizeof(ulong), Unsafe.SizeOf<DmaRequest>());
        ref ulong words = ref Unsafe.As<DmaRequest, ulong>(ref request);
        Assert.Equal(request.Source.Value, (uint)words);
        Assert.Equal(request.Address, Unsafe.Add(ref words, 1));
        Assert.Equal((byte)request.Access, (byte)Unsafe.Add(ref words, 2));

        Assert.Equal(3 * sizeof(ulong), Unsafe.SizeOf<DmaTranslation>());
        var allowed = DmaTranslation.Allowed(0x1000, 0xABC_D000, 0x1234);
        var faulted = DmaTranslation.Faulted(0x2000, FaultReason.WriteDenied, 0x0042);
        foreach (var (answer, id, fault) in new[] { (allowed, 0x1234UL, 0UL), (faulted, 0x0042UL, (ulong)FaultReason.WriteDenied) })
        {
            var copy = answer;
            ref ulong answerWords = ref Unsafe.As<DmaTranslation, ulong>(ref copy);
            Assert.Equal(answer.Address, answerWords);
            Assert.Equal(answer.HostAddress, Unsafe.Add(ref answerWords, 1));
            // Domain id, fault, not an interrupt request; the padding after them is not compared.
            Assert.Equal(id | fault << 16, Unsafe.Add(ref answerWords, 2) & 0xFFFF_FFFF);
        }
    }
}
