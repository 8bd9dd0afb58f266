using VtdDsl.Tool.Input;
using static VtdDsl.Tests.Scalable.ScalableSpecs;

namespace VtdDsl.Tests.Scalable;

/// <summary><see cref="PolicyEngine.TranslateWithPasid"/> on specs/svm-gpu.vtd and small inline policies.</summary>
public sealed class PasidEngineTests
{
    private static ArrayPolicyTables Tables => SvmGpu.Tables;

    [Theory]
    [InlineData(0x100u, "03:10.0", 0x0UL, DmaAccess.ReadWrite)]          // vm_a, first byte
    [InlineData(0x100u, "03:10.0", 0xFFFF_FFFFUL, DmaAccess.Read)]       // vm_a, last byte
    [InlineData(0x100u, "03:10.0", 0x1_0000_0000UL, DmaAccess.Read)]     // vm_a, beyond its window: 0x06
    [InlineData(0x100u, "03:10.0", 0x1_0000_0000UL, DmaAccess.Write)]    // 0x05
    [InlineData(0x100u, "03:10.0", 0x80_0000_0000UL, DmaAccess.Read)]    // beyond 39 bits: 0x04
    [InlineData(0x101u, "03:10.1", 0x1234_5678UL, DmaAccess.Write)]      // vm_b
    [InlineData(0x101u, "03:10.1", 0x4_0000_0000UL, DmaAccess.ReadWrite)]
    public void A_domain_PASID_answers_what_Translate_answers_for_that_domain(uint pasid, string deviceOfDomain, ulong address, DmaAccess access)
    {
        var expected = PolicyEngine.Translate(Tables, SourceId.Parse(deviceOfDomain), address, access);

        foreach (var device in new[] { Gpu, Dsa })
        {
            if (device == Dsa && pasid == 0x100) continue; // the DSA has no vm_a PASID
            var actual = PolicyEngine.TranslateWithPasid(Tables, device, pasid, address, access);
            Assert.Equal(expected.Fault, actual.Fault);
            Assert.Equal(expected.HostAddress, actual.HostAddress);
            Assert.Equal(expected.DomainId, actual.DomainId);
            Assert.Equal(expected.IsAllowed, actual.IsAllowed);
            Assert.Equal(pasid, actual.Pasid);
            Assert.Equal(PasidTranslationType.SecondStage, actual.Type);
            Assert.Equal(-1, actual.Process);
            Assert.Equal(expected.ToString(), actual.ToString());
        }
    }

    [Fact]
    public void PASID_0_is_the_RID_PASID_entry_the_device_s_own_domain()
    {
        var expected = PolicyEngine.Translate(Tables, Gpu, 0x300_0000, DmaAccess.Read);
        var actual = PolicyEngine.TranslateWithPasid(Tables, Gpu, 0, 0x300_0000, DmaAccess.Read);
        Assert.True(actual.IsAllowed);
        Assert.Equal((expected.HostAddress, expected.DomainId), (actual.HostAddress, actual.DomainId));
        Assert.Equal("allowed 0x3000000 domain 1", actual.ToString());
        // The hypervisor's memory stays out of reach with and without a PASID.
        Assert.Equal(FaultReason.ReadDenied, PolicyEngine.TranslateWithPasid(Tables, Gpu, 0, 0x100_0000, DmaAccess.Read).Fault);
    }

    [Theory]
    [InlineData("00:02.0", 1u, "render", 2)]
    [InlineData("00:02.0", 2u, "compute", 3)]
    [InlineData("6a:01.0", 2u, "compute", 3)]
    public void A_process_PASID_answers_the_process_its_domain_id_and_first_stage(string device, uint pasid, string process, int domainId)
    {
        var actual = PolicyEngine.TranslateWithPasid(Tables, SourceId.Parse(device), pasid, 0x7FFF_0000_1000, DmaAccess.Write);

        Assert.False(actual.IsFault);
        Assert.True(actual.IsFirstStage);
        Assert.False(actual.HasHostAddress);
        Assert.False(actual.IsAllowed);
        Assert.Equal(SvmGpu.Process(process), actual.Process);
        Assert.Equal(domainId, actual.DomainId);
        Assert.Equal(SvmGpu.Policy.Processes[actual.Process].DomainId, actual.DomainId);
        Assert.Equal($"process {process} domain {domainId} first-stage", actual.ToString(process));
        Assert.Equal($"process {actual.Process} domain {domainId} first-stage", actual.ToString());
    }

    [Theory]
    [InlineData("05:00.0", 1u, 0x39)]         // no device on bus 05: SRTA.3
    [InlineData("0001:00:02.0", 1u, 0x39)]    // no unit serves segment 1
    [InlineData("00:03.0", 1u, 0x41)]         // bus 00 is in use, 00:03.0 is not bound: SCT.2
    [InlineData("03:10.0", 1u, 0x45)]         // vm_a_nic has no pasid lines: PASIDE clear, SCT.6
    [InlineData("03:10.1", 0u, 0x45)]         // even PASID 0 is a request with a PASID
    [InlineData("00:02.0", 3u, 0x59)]         // group 0 has a PASID table (RID_PASID, 1, 2); 3 is not bound: SPT.2
    [InlineData("00:02.0", 0x102u, 0x59)]     // group 4 (0x100..0x13F) has a table; 0x102 is not bound
    [InlineData("6a:01.0", 1u, 0x59)]         // render is bound on the GPU only
    [InlineData("6a:01.0", 0x100u, 0x59)]     // group 4 has the DSA's 0x101
    [InlineData("00:02.0", 0x40u, 0x51)]      // group 1: no binding, no PASID table: SPD.2
    [InlineData("00:02.0", 0xFFFFFu, 0x51)]
    public void Every_structural_fault_has_its_scalable_mode_reason(string device, uint pasid, int reason)
    {
        var actual = PolicyEngine.TranslateWithPasid(Tables, SourceId.Parse(device), pasid, 0x1000, DmaAccess.Read);
        Assert.Equal((FaultReason)reason, actual.Fault);
        Assert.Equal(0, actual.DomainId);
        Assert.Equal(PasidTranslationType.None, actual.Type);
        Assert.Equal(0x1000UL, actual.FaultAddress);
        Assert.Equal($"fault 0x{reason:x2} {(FaultReason)reason}", actual.ToString());
    }

    [Fact]
    public void A_request_with_a_PASID_to_a_legacy_mode_unit_faults_0x31()
    {
        var twoVm = CompiledPolicy.Spec("specs/two-vm.vtd").Tables;
        var actual = PolicyEngine.TranslateWithPasid(twoVm, SourceId.Parse("03:00.0"), 1, 0x1000, DmaAccess.Read);
        Assert.Equal(FaultReason.PasidRequestInLegacyMode, actual.Fault);
        Assert.Equal("fault 0x31 PasidRequestInLegacyMode", actual.ToString());
    }

    [Fact]
    public void Tables_without_PASID_data_treat_every_unit_as_legacy_mode()
    {
        var legacy = RuntimeTables.Legacy(SvmGpu.Layout);
        Assert.False(legacy.HasPasids);
        Assert.Equal(FaultReason.PasidRequestInLegacyMode, PolicyEngine.TranslateWithPasid(legacy, Gpu, 1, 0, DmaAccess.Read).Fault);
        // Requests without a PASID are answered as before.
        Assert.Equal(PolicyEngine.Translate(Tables, Gpu, 0x1000, DmaAccess.Read), PolicyEngine.Translate(legacy, Gpu, 0x1000, DmaAccess.Read));
    }

    private const string NarrowPasids = """
        policy Test.Narrow;
        iommu dmar0 { mode scalable; pasid-bits 14; interrupts 0; }
        iommu dmar1 { mode scalable; pasid-bits 5; segment 1; interrupts 0; }
        process app;
        domain host { identity 0x0 size 1GiB read write; }
        domain guest { map 0x0 size 2MiB -> 0x4000_0000 read; }
        domain pt passthrough;
        device a 00:01.0 -> host { ats; pri; pasid 0x3FFF -> guest; pasid 9 -> process app; pasid 10 -> pt; }
        device b 0001:00:01.0 -> host { pasid 31 -> guest; }
        """;

    [Theory]
    [InlineData("00:01.0", 0x3FFFu, 0x0UL, 0, 0x40000000UL)]  // 14 bits: PDTS 1 covers 2^14
    [InlineData("00:01.0", 0x4000u, 0x0UL, 0x46, 0UL)]        // beyond the directory: SCT.7
    [InlineData("00:01.0", 0x3FFEu, 0x0UL, 0x59, 0UL)]
    [InlineData("00:01.0", 0x3FBFu, 0x0UL, 0x51, 0UL)]
    [InlineData("0001:00:01.0", 31u, 0x1000UL, 0, 0x40001000UL)]
    [InlineData("0001:00:01.0", 0x20u, 0x0UL, 0x59, 0UL)]     // 5 bits, yet 0x20 is in group 0, which has a table
    [InlineData("0001:00:01.0", 0x40u, 0x0UL, 0x51, 0UL)]     // the smallest directory still covers 2^13
    [InlineData("0001:00:01.0", 0x1FFFu, 0x0UL, 0x51, 0UL)]
    [InlineData("0001:00:01.0", 0x2000u, 0x0UL, 0x46, 0UL)]
    public void The_PASID_directory_covers_2_to_the_max_of_13_and_pasid_bits(string device, uint pasid, ulong address, int reason, ulong host)
    {
        var tables = CompiledPolicy.Source(NarrowPasids).Tables;
        var actual = PolicyEngine.TranslateWithPasid(tables, SourceId.Parse(device), pasid, address, DmaAccess.Read);
        Assert.Equal((FaultReason)reason, actual.Fault);
        Assert.Equal(host, actual.HostAddress);
    }

    [Fact]
    public void A_pass_through_PASID_is_allowed_at_the_address_itself()
    {
        var policy = CompiledPolicy.Source(NarrowPasids);
        var actual = PolicyEngine.TranslateWithPasid(policy.Tables, SourceId.Parse("00:01.0"), 10, 0xFFFF_FFFF_F000, DmaAccess.Write);
        Assert.True(actual.IsAllowed);
        Assert.Equal(PasidTranslationType.PassThrough, actual.Type);
        Assert.Equal(0xFFFF_FFFF_F000UL, actual.HostAddress);
        Assert.Equal(policy.Policy.Domains[policy.Domain("pt")].Id, actual.DomainId);
    }

    [Fact]
    public void A_PASID_wider_than_20_bits_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyEngine.TranslateWithPasid(Tables, Gpu, 0x10_0000, 0, DmaAccess.Read));
    }

    [Fact]
    public void TranslateWithPasid_does_not_allocate()
    {
        var tables = Tables;
        uint[] pasids = [0, 1, 2, 3, 0x40, 0x100, 0x101, 0x102];
        SourceId[] sources = [Gpu, Dsa, VmANic, SourceId.Parse("05:00.0")];
        long bytes = Infrastructure.Allocations.PerRun(() =>
        {
            ulong sink = 0;
            foreach (var source in sources)
            {
                foreach (uint pasid in pasids)
                {
                    var answer = PolicyEngine.TranslateWithPasid(tables, source, pasid, 0x1000, DmaAccess.ReadWrite);
                    sink += answer.HostAddress + answer.DomainId + (ulong)answer.Fault;
                }
            }
            return sink;
        });
        Assert.Equal(0, bytes);
    }
}
