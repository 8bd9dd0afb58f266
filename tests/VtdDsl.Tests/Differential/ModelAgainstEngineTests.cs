using System.Collections.Generic;
using CsCheck;
using VtdDsl.Tests.Runtime;
using static VtdDsl.Tests.Runtime.Policies;

namespace VtdDsl.Tests.Differential;

/// <summary>
/// The IOMMU model walking the hardware image against the policy engine over the same tables,
/// on hand-built policies: every translation, interrupt and transfer answers alike.
/// </summary>
public sealed class ModelAgainstEngineTests
{
    private const ulong Base = 0x7F00_0000;

    public static TheoryData<string> PolicyNames => new() { "TwoVm", "TwoUnits", "NoSuperpages" };

    private static ArrayPolicyTables Policy(string name) => name switch
    {
        "TwoVm" => TwoVm(),
        "TwoUnits" => TwoUnits(),
        _ => NoSuperpages(),
    };

    /// <summary>TwoVm's windows on a unit without superpages, with 48- and 57-bit domains.</summary>
    private static ArrayPolicyTables NoSuperpages()
    {
        var b = new PolicyBuilder();
        b.Unit(capabilities: UnitCapabilities.Width48 | UnitCapabilities.Width57 | UnitCapabilities.PassThrough, interrupts: 16);
        int a = b.Domain(3, width: 48);
        int c = b.Domain(9, width: 57);
        b.Map(a, 0x1F_FFE0_0000, 4 * MiB, 0x3_0000_0000, DmaAccess.ReadWrite).Map(a, 0xFFFF_FFFF_F000, 4 * KiB, 0x1000, DmaAccess.Write);
        b.Map(c, 0x1FF_FFFF_FFC0_0000, 4 * MiB, 0x40_0000, DmaAccess.Read);
        b.Device("00:00.0", a).Device("00:00.7", c).Device("ff:1f.7", a);
        b.Interrupt("ff:1f.7", 15, 0x20, 7);
        return b.Build();
    }

    private static (ArrayPolicyTables Tables, byte[] Image, DmarImageLayout Layout, IommuPlatform Platform) Build(string name)
    {
        var tables = Policy(name);
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        return (tables, image, layout, IommuPlatform.FromImage(tables, layout, image));
    }

    private static Gen<SourceId> Sources(ArrayPolicyTables tables) => TableProbeGenerators.Sources(tables, unboundEvery: 37, boundWeight: 6);

    private static Gen<ulong> Addresses(ArrayPolicyTables tables) => TableProbeGenerators.Addresses(tables, wide: true);

    private static readonly Gen<DmaAccess> Accesses = Gen.Int[1, 3].Select(i => (DmaAccess)i);

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Model_walking_the_image_agrees_with_the_engine(string name)
    {
        var (tables, _, _, platform) = Build(name);
        Gen.Select(Sources(tables), Addresses(tables), Accesses).Sample((source, address, access) =>
            Assert.Equal(PolicyEngine.Translate(tables, source, address, access), platform.Translate(source, address, access)),
            iter: 20_000);
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Model_interrupts_agree_with_the_engine(string name)
    {
        var (tables, _, _, platform) = Build(name);
        Gen.Select(Sources(tables), Gen.Int[-2, 300]).Sample((source, index) =>
            Assert.Equal(PolicyEngine.RemapInterrupt(tables, source, index), platform.RemapInterrupt(source, index)),
            iter: 5_000);
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Transfer_check_agrees_with_page_by_page_walks_of_the_model(string name)
    {
        var (tables, _, _, platform) = Build(name);
        var lengths = Gen.Frequency((4, Gen.ULong[0, 0x4000]), (2, Gen.ULong[0, 0x40_0000]), (1, Gen.ULong));
        Gen.Select(Sources(tables), Addresses(tables), lengths, Accesses).Sample((source, address, length, access) =>
        {
            var actual = PolicyEngine.CheckTransfer(tables, source, address, length, access);
            if (length == 0 || length > 0x40_0000) return; // covered by the engine tests
            Assert.Equal(Reference(platform, source, address, length, access), actual);
        }, iter: 5_000);
    }

    /// <summary>Every window is 4 KiB aligned, so checking the first byte and each page start finds the lowest fault.</summary>
    private static DmaTranslation Reference(IommuPlatform platform, SourceId source, ulong address, ulong length, DmaAccess access)
    {
        var first = platform.Translate(source, address, access);
        if (!first.IsAllowed) return first;
        bool wraps = length - 1 > ulong.MaxValue - address;
        ulong last = wraps ? ulong.MaxValue : address + (length - 1);
        for (ulong page = (address | 0xFFF) + 1; page != 0 && page <= last; page += 0x1000)
        {
            var result = platform.Translate(source, page, access);
            if (!result.IsAllowed) return result;
        }
        return wraps ? DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, first.DomainId) : first;
    }
}
