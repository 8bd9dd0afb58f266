using VtdDsl.Hardware;
using System.Security.Cryptography;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Layout;
using VtdDsl.Tool.Input;
using VtdDsl.Tests.Language;

namespace VtdDsl.Tests.Scalable;

/// <summary>
/// Scalable mode must not change a single byte of legacy-mode images: the SHA-256 of each bundled
/// legacy spec's image (at the base <c>vtd image</c> examples use) was computed with the image
/// writer as it was before scalable mode existed, and is pinned here. Those images wrote every
/// interrupt-remapping entry in x2APIC format; units without <c>x2apic;</c> now write xAPIC entries
/// (destination in bits 47:40), so the pinned hashes are of the images with x2APIC-format entries,
/// and the xAPIC images differ from them in the destination fields only.
/// </summary>
public sealed class LegacyImageTests
{
    private const ulong Base = 0x7F00_0000;

    [Theory]
    [InlineData("specs/two-vm.vtd", "ad997e89e4d16605bbcce82c13fd0c01d3007f504d2978d32cc69e8098bd571e")]
    [InlineData("specs/multi-unit-server.vtd", "8fde23b4e51918b03886c20ca0e3dd64de219784d3b533070b0e1ecc386d3908")]
    [InlineData("specs/os-protection.vtd", "e5abd15a569c07cccbb50090606ee0c97d8a043e3c6e589f5251cff0a2193684")]
    [InlineData("specs/sriov-host.vtd", "39fe2982ae27d28f69411a37c4dbc002f407aac29f3f829d0f2f3b284b5ebe2a")]
    [InlineData("specs/storage-appliance.vtd", "e523ab76731a3350bae20a5665fcd878f8fec99f24510c75a889db389ce4c8e4")]
    public void Legacy_images_are_bit_for_bit_unchanged(string spec, string sha256)
    {
        var result = Compile.Spec(spec);
        Assert.NotNull(result.Layout);
        var tables = RuntimeTables.From(X2ApicEntries(result.Layout!));
        byte[] image = DmarImage.Create(tables, Base, out var layout);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(image)));

        byte[] xapic = DmarImage.Create(RuntimeTables.From(result.Layout!), Base, out _);
        for (int i = 0; i < image.Length; i++)
        {
            if (image[i] == xapic[i]) continue;
            var unit = layout.Units.Single(u => u.HasInterruptTable && (ulong)i + Base >= u.InterruptTableAddress
                && (ulong)i + Base < u.InterruptTableAddress + (ulong)u.InterruptEntries * InterruptRemapEntry.Size);
            Assert.InRange(((ulong)i + Base - unit.InterruptTableAddress) % InterruptRemapEntry.Size, 4UL, 7UL); // DST, bytes 4-7 of lo
        }
    }

    /// <summary>The layout with every unit's interrupt entries in x2APIC format (as before xAPIC format existed).</summary>
    public static PolicyLayout X2ApicEntries(PolicyLayout layout) => layout with
    {
        UnitCapabilities = new EquatableArray<byte>(layout.UnitCapabilities.Select(c => (byte)(c & ~TableSchema.Capability.XApicInterrupts)).ToArray()),
    };
}
