using VtdDsl.Tests.Cli;

namespace VtdDsl.Tests.Platform;

/// <summary><c>vtd import</c> at the command line: spec on standard output or -o, exit 2 on a bad table.</summary>
public sealed class PlatformCliTests
{
    [Fact]
    public void Import_writes_a_spec_that_vtd_check_accepts()
    {
        using var run = new CliRun();
        string dmar = run.File("DMAR", "");
        File.WriteAllBytes(dmar, new DmarBuilder().Drhd(1, 0, 0xFED9_0000).Rmrr(0, 0x7B80_0000, 0x7B8F_FFFF, DmarBuilder.Scope(1, 0, (0x14, 0))).Build());
        string output = Path.Combine(Path.GetDirectoryName(dmar)!, "out.vtd");

        var import = CliRun.Run("import", "--dmar", dmar, "--cap", "dmar0=d2008c40660462", "--ecap", "dmar0=f050da", "-o", output);
        var check = CliRun.Run("check", output);

        Assert.Equal(0, import.ExitCode);
        Assert.Equal("1 file checked: 0 errors, 0 warnings\n", check.Out);
        Assert.Contains("reserved rmrr0 0x7B800000 size 1MiB for 0000:00:14.0;", File.ReadAllText(output));
    }

    [Fact]
    public void A_corrupt_table_exits_2_naming_the_offset()
    {
        using var run = new CliRun();
        string dmar = run.File("DMAR", "");
        var bytes = new DmarBuilder().Drhd(1, 0, 0xFED9_0000).Build();
        bytes[20] ^= 0xFF;
        File.WriteAllBytes(dmar, bytes);

        CliRun.Run("import", "--dmar", dmar).AssertRefused("offset 0x9: checksum byte");
    }

    [Fact]
    public void A_malformed_register_value_is_a_usage_error()
    {
        using var run = new CliRun();
        string dmar = run.File("DMAR", "");
        File.WriteAllBytes(dmar, new DmarBuilder().Drhd(1, 0, 0xFED9_0000).Build());

        var result = CliRun.Run("import", "--dmar", dmar, "--cap", "dmar0", "--ecap", "dmar0=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expected UNIT=HEX", result.Error);
    }

    [Theory]
    [InlineData("00:02.0", "0xFEE0_0000", "write", "interrupt-request")]
    [InlineData("00:02.0", "0xFEEF_FFFF", "read", "fault 0x0e InterruptAddressRange")]
    [InlineData("00:02.0", "0xFEE0_1000", "rw", "fault 0x0e InterruptAddressRange")]
    [InlineData("07:00.0", "0xFEE0_0000", "write", "interrupt-request")]          // no unit table is consulted
    [InlineData("00:02.0", "0x7F_FFFF_F000", "read", "fault 0x06 ReadDenied")]    // below 2^39, in no window
    [InlineData("00:02.0", "0x80_0000_0000", "read", "fault 0x04 AddressBeyondWidth")] // MGAW 39 on 4-level tables
    public void Translate_answers_the_interrupt_range_and_the_guest_address_width(string sid, string address, string access, string expected)
    {
        var result = CliRun.Run("translate", Infrastructure.RepositoryPaths.Full("specs/real-platform.vtd"), sid, address, access);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected + "\n", result.Out);
    }

    [Theory]
    [InlineData("00:02.0", "0", "remapped vector 0x40 cpu 300 fixed edge")]   // x2APIC unit: 32-bit destination
    [InlineData("00:0d.0", "0", "remapped vector 0x41 cpu 7 fixed edge")]     // xAPIC unit: 8-bit destination
    public void Interrupt_destinations_decode_in_each_units_mode(string sid, string index, string expected)
    {
        var result = CliRun.Run("interrupt", Infrastructure.RepositoryPaths.Full("specs/real-platform.vtd"), sid, index);

        Assert.Equal(expected + "\n", result.Out);
    }
}
