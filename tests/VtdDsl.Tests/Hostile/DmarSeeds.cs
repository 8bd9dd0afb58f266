using VtdDsl.Tests.Platform;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// The DMAR fuzz target's seed corpus (<c>tests/VtdDsl.Fuzz/corpus-dmar/</c>): small synthetic
/// tables built by <see cref="DmarBuilder"/>, one per shape a firmware table takes, never
/// copies of real machines' tables. The files are what this class builds
/// (<c>DmarFuzzTests</c> compares them; <c>VTD_ACCEPT=1</c> rewrites them).
/// </summary>
public static class DmarSeeds
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "VtdDsl.Fuzz", "corpus-dmar");

    /// <summary>Every seed: its file name in <see cref="Folder"/> and its bytes.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> All() => new[]
    {
        ("header-only.DMAR.bin", new DmarBuilder().Build()),
        ("one-unit-all-devices.DMAR.bin", new DmarBuilder { HostAddressWidth = 45 }.Drhd(1, 0, 0xFED9_0000).Build()),
        ("laptop.DMAR.bin", new DmarBuilder()
            .Drhd(0, 0, 0xFED9_0000, DmarBuilder.Scope(1, 0, (0x02, 0)))
            .Drhd(1, 0, 0xFED9_1000, DmarBuilder.Scope(3, 2, 0, (0x1e, 7)), DmarBuilder.Scope(4, 0, 0, (0x1e, 6)))
            .Rmrr(0, 0x6C00_0000, 0x707F_FFFF, DmarBuilder.Scope(1, 0, (0x02, 0)))
            .Rmrr(0, 0x7B80_0000, 0x7B8F_FFFF, DmarBuilder.Scope(1, 0, (0x14, 0)), DmarBuilder.Scope(1, 0, (0x14, 1)))
            .Build()),
        ("server-two-segments.DMAR.bin", new DmarBuilder { HostAddressWidth = 51, Flags = 3 }
            .Drhd(0, 0, 0xFBFF_C000, DmarBuilder.Scope(2, 0, (0x1c, 0)), DmarBuilder.Scope(1, 0, (0x1c, 0), (0x00, 0), (0x00, 0)))
            .Drhd(0, 1, 0xC000_0000, DmarBuilder.Scope(2, 0x40, (0x00, 0)))
            .Drhd(1, 0, 0xFBFF_D000, DmarBuilder.Scope(3, 8, 0, (0x05, 4)))
            .Atsr(0, 0, DmarBuilder.Scope(2, 0, (0x1c, 0)))
            .Atsr(1, 1)
            .Rhsa(0xFBFF_C000, 0)
            .Rhsa(0xC000_0000, 1)
            .Build()),
        ("every-structure.DMAR.bin", new DmarBuilder { Flags = 7 }
            .Drhd(0, 0, 0xFED9_0000, DmarBuilder.Scope(1, 0, (0x02, 0)))
            .Drhd(1, 0, 0xFED9_1000, DmarBuilder.Scope(3, 2, 0, (0x1e, 7)), DmarBuilder.Scope(5, 1, 0, (0x15, 0)))
            .Rmrr(0, 0x7B80_0000, 0x7B8F_FFFF, DmarBuilder.Scope(1, 0, (0x02, 0)))
            .Atsr(1, 0)
            .Rhsa(0xFED9_0000, 3)
            .Andd(1, "\\_SB.PCI0.I2C0")
            .Satc(1, 0, DmarBuilder.Scope(1, 0, (0x02, 0)))
            .Other(6, 12)
            .Build()),
    };
}
