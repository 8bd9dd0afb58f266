using System.Buffers.Binary;
using VtdDsl.Hardware;
using static VtdDsl.Tests.Scalable.ScalableSpecs;

namespace VtdDsl.Tests.Scalable;

/// <summary>
/// Shared virtual memory end to end: svm-gpu's image written into memory that also holds hand-built
/// x86-64 first-stage page tables, processes bound and unbound with <see cref="DmarImage.BindProcess"/>,
/// and the IOMMU model walking them.
/// </summary>
/// <remarks>
/// First-stage tables live in the five pages after the image (T0 the PML4 table … T4). Entry bits:
/// P 0x1, R/W 0x2, U/S 0x4, PS 0x80. Indexes from the linear address: PML4 bits 47:39, PDPT 38:30,
/// PD 29:21, PT 20:12. So 0x40_0020_3000 is PML4 0, PDPT 0x40_0000_0000 >> 30 = 256, PD
/// (0x40_0020_0000 >> 21) & 511 = 1, PT 3.
/// <code>
/// T0[0]   = T1 | P RW US
/// T0[1]     not present                         0x80_0000_0000       -> 0x61
/// T0[2]   = 0x1000_0000 | P RW US PS            0x100_0000_0000      -> 0x62 (PS is reserved in a PML4E)
/// T0[3]   = 0xF_0000_0000_0000 | P RW US        0x180_0000_0000      -> 0x60 (the next table is not in memory)
/// T1[256] = T2 | P RW US
/// T1[257] = 0x8_4000_0000 | P RW US PS          1 GiB page at 0x40_4000_0000
/// T1[258] = T4 | P US                           read-only upper level
/// T4[0]   = 0x6_0040_0000 | P RW US PS          2 MiB page at 0x40_8000_0000, written -> 0x75
/// T2[1]   = T3 | P RW US
/// T2[2]   = 0x6_0020_0000 | P RW US PS          2 MiB page at 0x40_0040_0000
/// T2[3]   = 0x6_0060_2000 | P RW US PS          bit 13 set in a 2 MiB leaf -> 0x62
/// T3[3]   = 0x5_0000_7000 | P RW US             4 KiB page at 0x40_0020_3000
/// T3[4]   = 0x5_0000_8000 | P US                read-only: written -> 0x75
/// T3[5]   = 0x5_0000_9000 | P RW                supervisor page: -> 0x71
/// T3[6]     not present                                              -> 0x61
/// T3[7]   = 0x5_0000_A000 | P RW US 0x80        bit 7 of a PTE is PAT, not PS: a 4 KiB page
/// </code>
/// </remarks>
public sealed class FirstStageTests
{
    private const ulong P = 0x1, RW = 0x2, US = 0x4, PS = 0x80;

    private sealed class Machine
    {
        public Machine()
        {
            Tables = SvmGpu.Tables;
            ulong imageBytes = DmarImage.Plan(Tables).TotalBytes;
            Memory = new byte[imageBytes + 5 * 0x1000];
            Layout = DmarImage.Write(Tables, Memory, Base);
            Platform = IommuPlatform.FromImage(Tables, Layout, Memory);
            Root = Base + imageBytes;

            Set(0, 0, Table(1) | P | RW | US);
            Set(0, 2, 0x1000_0000 | P | RW | US | PS);
            Set(0, 3, 0xF_0000_0000_0000 | P | RW | US);
            Set(1, 256, Table(2) | P | RW | US);
            Set(1, 257, 0x8_4000_0000 | P | RW | US | PS);
            Set(1, 258, Table(4) | P | US);
            Set(4, 0, 0x6_0040_0000 | P | RW | US | PS);
            Set(2, 1, Table(3) | P | RW | US);
            Set(2, 2, 0x6_0020_0000 | P | RW | US | PS);
            Set(2, 3, 0x6_0060_2000 | P | RW | US | PS);
            Set(3, 3, 0x5_0000_7000 | P | RW | US);
            Set(3, 4, 0x5_0000_8000 | P | US);
            Set(3, 5, 0x5_0000_9000 | P | RW);
            Set(3, 7, 0x5_0000_A000 | P | RW | US | 0x80);
        }

        public ArrayPolicyTables Tables { get; }
        public byte[] Memory { get; }
        public DmarImageLayout Layout { get; }
        public IommuPlatform Platform { get; }
        /// <summary>T0, the PML4 table.</summary>
        public ulong Root { get; }

        public ulong Table(int n) => Root + (ulong)n * 0x1000;

        private void Set(int table, int index, ulong entry) =>
            BinaryPrimitives.WriteUInt64LittleEndian(Memory.AsSpan((int)(Table(table) - Base) + index * 8), entry);

        public PasidTranslation Ask(SourceId source, uint pasid, ulong address, DmaAccess access) =>
            Platform.TranslateWithPasid(source, pasid, address, access);

        public void Bind(string process) => DmarImage.BindProcess(Memory, Layout, SvmGpu.Process(process), Root);

        public void Unbind(string process) => DmarImage.UnbindProcess(Memory, Layout, SvmGpu.Process(process));
    }

    [Theory]
    [InlineData(0x40_0020_3123UL, DmaAccess.Read, 0, 0x5_0000_7123UL)]
    [InlineData(0x40_0020_3FFFUL, DmaAccess.ReadWrite, 0, 0x5_0000_7FFFUL)]
    [InlineData(0x40_0020_4010UL, DmaAccess.Read, 0, 0x5_0000_8010UL)]
    [InlineData(0x40_0020_4010UL, DmaAccess.Write, 0x75, 0UL)]     // read-only 4 KiB page: SGN.6
    [InlineData(0x40_0020_5000UL, DmaAccess.Read, 0x71, 0UL)]      // U/S 0: SGN.2
    [InlineData(0x40_0020_6000UL, DmaAccess.Read, 0x61, 0UL)]      // PTE not present: SFS.2
    [InlineData(0x40_0020_7FFFUL, DmaAccess.Write, 0, 0x5_0000_AFFFUL)]
    [InlineData(0x40_0045_6789UL, DmaAccess.Write, 0, 0x6_0025_6789UL)]   // 2 MiB page: 0x6_0020_0000 + 0x5_6789
    [InlineData(0x40_0060_0000UL, DmaAccess.Read, 0x62, 0UL)]      // reserved bit in a 2 MiB leaf: SFS.3
    [InlineData(0x40_4000_0000UL, DmaAccess.Write, 0, 0x8_4000_0000UL)]   // 1 GiB page, first byte
    [InlineData(0x40_7FFF_FFFFUL, DmaAccess.Read, 0, 0x8_7FFF_FFFFUL)]    // and last byte
    [InlineData(0x40_8000_1000UL, DmaAccess.Read, 0, 0x6_0040_1000UL)]
    [InlineData(0x40_8000_1000UL, DmaAccess.Write, 0x75, 0UL)]     // R/W 0 in the PDPTE above a writable 2 MiB leaf
    [InlineData(0x40_C000_0000UL, DmaAccess.Read, 0x61, 0UL)]      // PDPTE 259 not present
    [InlineData(0x80_0000_0000UL, DmaAccess.Read, 0x61, 0UL)]      // PML4E 1 not present
    [InlineData(0x100_0000_0000UL, DmaAccess.Read, 0x62, 0UL)]     // PS in a PML4E
    [InlineData(0x180_0000_0000UL, DmaAccess.Read, 0x60, 0UL)]     // the PDPT is outside memory: SFS.1
    [InlineData(0x8000_0000_0000UL, DmaAccess.Read, 0x70, 0UL)]    // not canonical: SGN.1
    [InlineData(0xFFFF_8000_0000_0000UL, DmaAccess.Read, 0x61, 0UL)]  // canonical upper half, PML4E 256 not present
    public void A_bound_process_translates_through_its_first_stage_tables(ulong address, DmaAccess access, int reason, ulong host)
    {
        var machine = new Machine();
        machine.Bind("render");

        var answer = machine.Ask(Gpu, 1, address, access);

        Assert.Equal((FaultReason)reason, answer.Fault);
        Assert.Equal(host, answer.HostAddress);
        Assert.Equal(PasidTranslationType.FirstStage, answer.Type);
        Assert.Equal(2, answer.DomainId); // render's domain id, from its PASID table entry
        Assert.Equal(reason == 0, answer.IsAllowed);
        if (reason == 0) Assert.Equal($"allowed 0x{host:x} domain 2 first-stage", answer.ToString());
    }

    [Fact]
    public void Before_binding_after_unbinding_and_for_other_processes_the_PASID_entry_is_not_present()
    {
        var machine = new Machine();
        const ulong Va = 0x40_0020_3000;
        Assert.Equal(FaultReason.PasidEntryNotPresent, machine.Ask(Gpu, 1, Va, DmaAccess.Read).Fault);

        machine.Bind("render");
        Assert.True(machine.Ask(Gpu, 1, Va, DmaAccess.Read).IsAllowed);
        Assert.Equal(FaultReason.PasidEntryNotPresent, machine.Ask(Gpu, 2, Va, DmaAccess.Read).Fault);  // compute is not bound
        Assert.Equal(FaultReason.PasidEntryNotPresent, machine.Ask(Dsa, 2, Va, DmaAccess.Read).Fault);

        machine.Bind("compute");
        var gpu = machine.Ask(Gpu, 2, Va, DmaAccess.Write);
        var dsa = machine.Ask(Dsa, 2, Va, DmaAccess.Write);
        Assert.True(gpu.IsAllowed && dsa.IsAllowed);
        Assert.Equal((0x5_0000_7000UL, (ushort)3), (gpu.HostAddress, gpu.DomainId));
        Assert.Equal((0x5_0000_7000UL, (ushort)3), (dsa.HostAddress, dsa.DomainId));
        // The engine names the same domain id for the PASID the model walked.
        Assert.Equal(dsa.DomainId, PolicyEngine.TranslateWithPasid(machine.Tables, Dsa, 2, Va, DmaAccess.Write).DomainId);

        machine.Unbind("render");
        Assert.Equal(FaultReason.PasidEntryNotPresent, machine.Ask(Gpu, 1, Va, DmaAccess.Read).Fault);
        Assert.True(machine.Ask(Gpu, 2, Va, DmaAccess.Read).IsAllowed);
    }

    [Fact]
    public void Binding_changes_only_the_process_s_PASID_entries_and_unbinding_restores_them()
    {
        var machine = new Machine();
        byte[] before = (byte[])machine.Memory.Clone();
        int compute = SvmGpu.Process("compute");

        machine.Bind("compute");

        var entries = machine.Layout.ProcessEntryAddresses(compute).ToArray();
        Assert.Equal(2, entries.Length);
        for (int i = 0; i < before.Length; i++)
        {
            ulong address = Base + (ulong)i;
            bool inEntry = Array.Exists(entries, e => address >= e && address < e + 64);
            if (!inEntry) Assert.True(before[i] == machine.Memory[i], $"byte at 0x{address:x} changed");
        }
        foreach (ulong entry in entries)
        {
            // Q0 = PGTT 001 (0x40) | P = 0x41; Q1 = DID 3; Q2 = FSPTPTR (the PML4 table), SRE 0, FSPM 00
            var written = PasidEntry.ReadFrom(machine.Memory.AsSpan((int)(entry - Base), 64));
            Assert.Equal(new PasidEntry(0x41, 3, machine.Root, 0, 0, 0, 0, 0), written);
        }

        machine.Unbind("compute");
        Assert.Equal(before, machine.Memory);
    }

    [Fact]
    public void Requests_without_a_PASID_and_domain_PASIDs_are_untouched_by_binding()
    {
        var machine = new Machine();
        machine.Bind("render");
        machine.Bind("compute");
        Assert.Equal(PolicyEngine.Translate(machine.Tables, Gpu, 0x300_0000, DmaAccess.Read), machine.Platform.Translate(Gpu, 0x300_0000, DmaAccess.Read));
        Assert.Equal(
            PolicyEngine.TranslateWithPasid(machine.Tables, Gpu, 0x100, 0x1000, DmaAccess.Write),
            machine.Ask(Gpu, 0x100, 0x1000, DmaAccess.Write));
    }

    [Fact]
    public void Bind_arguments_are_checked()
    {
        var machine = new Machine();
        Assert.Throws<ArgumentException>(() => DmarImage.BindProcess(machine.Memory, machine.Layout, 0, 0));
        Assert.Throws<ArgumentException>(() => DmarImage.BindProcess(machine.Memory, machine.Layout, 0, 0x1234));
        Assert.Throws<ArgumentException>(() => DmarImage.BindProcess(machine.Memory, machine.Layout, 0, 1UL << 52));
        Assert.Throws<ArgumentOutOfRangeException>(() => DmarImage.BindProcess(machine.Memory, machine.Layout, 2, machine.Root));
        Assert.Throws<ArgumentException>(() => DmarImage.BindProcess(machine.Memory.AsSpan(0, 0x1000), machine.Layout, 0, machine.Root));
    }

    [Fact]
    public void A_request_with_a_PASID_to_a_legacy_mode_image_faults_0x31()
    {
        var tables = CompiledPolicy.Spec("specs/two-vm.vtd").Tables;
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        var platform = IommuPlatform.FromImage(tables, layout, image);
        Assert.Equal(FaultReason.PasidRequestInLegacyMode, platform.TranslateWithPasid(SourceId.Parse("03:00.0"), 1, 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.ScalableRootEntryNotPresent, platform.TranslateWithPasid(SourceId.Parse("0005:03:00.0"), 1, 0, DmaAccess.Read).Fault);
    }

    [Fact]
    public void Model_translation_and_binding_do_not_allocate()
    {
        var machine = new Machine();
        var model = machine.Platform.Units[0];
        var layout = machine.Layout;
        byte[] memory = machine.Memory;
        ulong root = machine.Root;
        long bytes = Infrastructure.Allocations.PerRun(() =>
        {
            ulong sink = 0;
            DmarImage.BindProcess(memory, layout, 0, root);
            sink += model.TranslateWithPasid(Gpu, 1, 0x40_0020_3000, DmaAccess.Read).HostAddress;
            sink += model.TranslateWithPasid(Gpu, 1, 0x40_4000_0000, DmaAccess.Write).HostAddress;
            sink += model.TranslateWithPasid(Gpu, 0x100, 0x1000, DmaAccess.Read).HostAddress;
            sink += (ulong)model.TranslateWithPasid(Gpu, 3, 0x1000, DmaAccess.Read).Fault;
            sink += model.Translate(Gpu, 0x1000, DmaAccess.Read).HostAddress;
            DmarImage.UnbindProcess(memory, layout, 0);
            return sink;
        });
        Assert.Equal(0, bytes);
    }
}
