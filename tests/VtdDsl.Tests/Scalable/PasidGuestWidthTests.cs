using static VtdDsl.Tests.Scalable.ScalableSpecs;

namespace VtdDsl.Tests.Scalable;

/// <summary>
/// A unit's <c>guest-address-width</c> (CAP.MGAW) limits requests with a PASID through a domain's second
/// stage as it limits requests without one (LANGUAGE.md): 2^min(domain width, MGAW) and above fault 0x04.
/// Here the narrow domain is reached only through a PASID, so the image's MGAW must come from the PASID
/// table entries too (the property tests found the IOMMU model walking such a domain to 2^48).
/// </summary>
public sealed class PasidGuestWidthTests
{
    private const string Text = """
        policy Test.PasidGuestWidth;

        iommu dmar0 {
            address-width 39, 48;
            guest-address-width 44;
            mode scalable;
        }

        domain host { identity 0x0 size 1GiB read write; }
        domain wide {
            address-width 48;
            map 0x0 size 2MiB -> 0x4000_0000 read write;
        }

        device gpu 00:02.0 -> host { pasid 1 -> wide; }
        """;

    private static readonly CompiledPolicy Policy = CompiledPolicy.Source(Text);

    [Theory]
    [InlineData(0xFFF_FFFF_F000UL, FaultReason.WriteDenied)]
    [InlineData(0xFFF_FFFF_FFFFUL, FaultReason.WriteDenied)]
    [InlineData(0x1000_0000_0000UL, FaultReason.AddressBeyondWidth)]
    [InlineData(0x1000_0000_1000UL, FaultReason.AddressBeyondWidth)]
    [InlineData(0xFFFF_FFFF_FFFFUL, FaultReason.AddressBeyondWidth)]
    public void A_PASID_domain_below_its_table_format_faults_0x04_from_2_to_the_MGAW(ulong address, FaultReason expected)
    {
        var tables = Policy.Tables;
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        var platform = IommuPlatform.FromImage(tables, layout, image);
        var engine = PolicyEngine.TranslateWithPasid(tables, Gpu, 1, address, DmaAccess.Write);

        Assert.Equal(44, Assert.Single(layout.Units).GuestAddressWidth);
        Assert.Equal(expected, engine.Fault);
        Assert.Equal(PasidTranslationType.SecondStage, engine.Type);
        Assert.Equal(engine, platform.TranslateWithPasid(Gpu, 1, address, DmaAccess.Write));
    }
}
