using VtdDsl.Tests.Cli;

namespace VtdDsl.Tests.Platform;

/// <summary><c>vtd review</c> and <c>vtd diff</c> show reserved regions and who honours them.</summary>
public sealed class ReservedReportTests
{
    private const string Before = """
        policy Tests.Reserved.Host;

        reserved usb_rmrr 0x7B80_0000 size 1MiB for xhci, 05:00.0;

        domain host {
            identity 0x7B00_0000 size 16MiB read write;
        }

        domain guest {
            map 0x0 size 1GiB -> 0x1_0000_0000 read write;
        }

        domain fw passthrough;

        device xhci 00:14.0 -> host;
        device nic 03:00.0 -> guest;
        device bmc 06:00.0 -> fw;
        """;

    [Fact]
    public void Review_lists_each_device_of_a_reserved_region_with_its_domain_and_whether_it_is_honoured()
    {
        using var run = new CliRun();
        string spec = run.File("before.vtd", Before);

        var review = CliRun.Run("review", spec);

        Assert.Equal(0, review.ExitCode);
        Assert.Contains("| usb_rmrr | [0x7B80_0000, 0x7B90_0000) | 1 MiB | xhci | host | yes: identity-mapped read write |", review.Out);
        Assert.Contains("| usb_rmrr | [0x7B80_0000, 0x7B90_0000) | 1 MiB | 0000:05:00.0 | — | unbound: no domain |", review.Out);
        Assert.Contains("usb_rmrr is writable by domain fw, none of whose devices needs it (VTD7003).", review.Out);
    }

    [Fact]
    public void Diff_reports_reserved_regions_added_and_devices_whose_domain_now_honours_them()
    {
        using var run = new CliRun();
        string before = run.File("before.vtd", Before);
        string after = run.File("after.vtd", Before
            .Replace("device bmc 06:00.0 -> fw;", "device bmc 06:00.0 -> fw;\ndevice nic2 05:00.0 -> host;")
            .Replace("domain host {", "reserved gfx 0x7C00_0000 size 4MiB for xhci;\n\ndomain host {")
            .Replace("identity 0x7B00_0000 size 16MiB read write;", "identity 0x7B00_0000 size 32MiB read write;"));

        var diff = CliRun.Run("diff", before, after);

        Assert.Contains("Reserved memory (firmware DMA)", diff.Out);
        Assert.Contains("~ reserved usb_rmrr: was 0000:05:00.0 unbound; now 0000:05:00.0 in domain host (identity-mapped read write)", diff.Out);
        Assert.Contains("~ reserved gfx: added: host [0x7C00_0000, 0x7C40_0000) (4 MiB) for xhci; xhci in domain host (identity-mapped read write)", diff.Out);
    }
}
