namespace VtdDsl.Tests.Language;

/// <summary>SR-IOV runs: `functions NAME SID count N stride S -> DOMAIN, ...;` expands into devices NAME0..NAME{N-1}.</summary>
public sealed class FunctionRunTests
{
    private const string Guests = """
        policy Test.Runs;
        domain a { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }
        domain b { map 0x0 size 1GiB -> 0x1_4000_0000 read write; }
        domain c { map 0x0 size 1GiB -> 0x1_8000_0000 read write; }

        """;

    [Fact]
    public void A_run_binds_function_i_at_first_plus_i_times_stride_to_the_ith_domain()
    {
        var result = Compile.Source(Guests + "functions vf 03:10.6 count 3 stride 2 -> a, b, c;\ninterrupt vf2 vector 0x41 -> cpu 0;\n");

        Assert.Empty(result.Diagnostics);
        var devices = result.Policy!.Devices;
        Assert.Equal(new[] { "vf0", "vf1", "vf2" }, devices.Select(d => d.Name));
        Assert.Equal(new[] { "0000:03:10.6", "0000:03:11.0", "0000:03:11.2" }, devices.Select(d => d.Source.ToString()));
        Assert.Equal(new[] { "a", "b", "c" }, devices.Select(d => d.DomainName));
        Assert.All(devices, d => Assert.Equal(5, d.Span.Line));
        Assert.Equal(new[] { 42, 45, 48 }, devices.Select(d => d.DomainSpan.Column));
        Assert.Equal(2, Assert.Single(result.Policy.Interrupts).DeviceIndex);
    }

    [Fact]
    public void One_domain_takes_every_function_of_the_run()
    {
        var result = Compile.Source(Guests.Replace("domain b", "domain b_unused").Replace("domain c", "domain c_unused") + "functions vf 03:10.0 count 4 stride 1 -> a;\n");

        Assert.Equal(new[] { "a", "a", "a", "a" }, result.Policy!.Devices.Select(d => d.DomainName));
    }

    [Theory]
    [InlineData("count 0 stride 1 -> a", "VTD4005", "Function run 'vf' has count 0 and stride 1; a run has at least one function and a stride of at least 1")]
    [InlineData("count 2 stride 0 -> a", "VTD4005", "Function run 'vf' has count 2 and stride 0; a run has at least one function and a stride of at least 1")]
    [InlineData("count 2 stride 1 -> a, b, c", "VTD4006", "Function run 'vf' has 2 functions but lists 3 domains; list one domain for all of them or exactly 2")]
    [InlineData("count 0x10000 stride 1 -> a", "VTD4007", "Function 64640 of run 'vf' would have routing id 0x10000, beyond bus ff of segment 0000")]
    [InlineData("count 2 stride 1 -> d", "VTD1002", "Domain 'd' is not declared; did you mean `a`?")]
    public void A_bad_run_is_one_error(string run, string id, string message)
    {
        var result = Compile.Source(Guests.Replace("domain b", "device x 00:01.0 -> b;\ndomain b").Replace("domain c", "device y 00:01.1 -> c;\ndomain c") + $"functions vf 03:10.0 {run};\n");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError || d.Id != "VTD2007");
        Assert.Equal((id, message), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public void A_function_name_that_is_taken_is_VTD1001()
    {
        var result = Compile.Source(Guests + "device vf1 00:01.0 -> a;\nfunctions vf 03:10.0 count 2 stride 1 -> a;\n");

        var duplicate = Assert.Single(result.Diagnostics, d => d.Id == "VTD1001");
        Assert.Equal("Function vf1 of run 'vf' is already declared at line 5", duplicate.Message);
    }

    [Fact]
    public void A_run_named_like_an_earlier_run_is_one_VTD1001_naming_the_functions_that_clash()
    {
        var result = Compile.Source(Guests + "functions vf 03:00.0 count 8 stride 1 -> a;\nfunctions vf 04:00.0 count 12 stride 1 -> a;\n");

        var duplicate = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(("VTD1001", "Functions vf0-vf7 of run 'vf' are already declared at line 5"), (duplicate.Id, duplicate.Message));
        Assert.Equal((6, 11), (duplicate.Location.Span.Line, duplicate.Location.Span.Column));
        Assert.Equal((5, 11), (duplicate.RelatedLocations[0].Span.Line, duplicate.RelatedLocations[0].Span.Column));
        Assert.Equal(new[] { "vf8", "vf9", "vf10", "vf11" }, result.Policy!.Devices.Skip(8).Select(d => d.Name));
    }

    [Fact]
    public void A_run_clashing_with_a_run_and_a_device_is_one_VTD1001_for_each()
    {
        var result = Compile.Source(Guests + "functions vf 03:00.0 count 2 stride 1 -> a;\ndevice vf5 00:01.0 -> a;\nfunctions vf 04:00.0 count 8 stride 1 -> a;\n");

        Assert.Equal(new[] { "Function vf5 of run 'vf' is already declared at line 6", "Functions vf0-vf1 of run 'vf' are already declared at line 5" },
            result.Diagnostics.Where(d => d.Id == "VTD1001").Select(d => d.Message));
    }

    [Fact]
    public void A_run_overlapping_another_run_is_one_VTD4001_pointing_at_the_run()
    {
        var result = Compile.Source(Guests + "functions vf 03:00.0 count 8 stride 1 -> a;\nfunctions wf 03:00.4 count 8 stride 1 -> a;\n");

        var duplicate = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("VTD4001", duplicate.Id);
        Assert.Equal("Source ids 0000:03:00.4 to 0000:03:00.7 of functions wf0-wf3 of run 'wf' are already bound by functions vf4-vf7 of run 'vf' at line 5", duplicate.Message);
        Assert.Equal((6, 14), (duplicate.Location.Span.Line, duplicate.Location.Span.Column));
        Assert.Equal(5, duplicate.RelatedLocations[0].Span.Line);
    }

    [Fact]
    public void A_device_inside_a_run_and_a_run_over_a_device_are_one_VTD4001_each()
    {
        var result = Compile.Source(Guests + "device nic 03:00.2 -> a;\nfunctions vf 03:00.0 count 8 stride 1 -> a;\ndevice nvme 03:00.5 -> a;\n");

        Assert.Equal(new[]
        {
            "Source id 0000:03:00.2 of function vf2 of run 'vf' is already bound by device 'nic' at line 5",
            "Source id 0000:03:00.5 of device 'nvme' is already bound by function vf5 of run 'vf' at line 6",
        }, result.Diagnostics.Select(d => (d.Id, d.Message)).Where(d => d.Id == "VTD4001").Select(d => d.Message));
    }

    [Fact]
    public void Scattered_clashes_are_named_as_ranges_and_the_rest_counted()
    {
        var result = Compile.Source(Guests + "functions vf 03:00.0 count 32 stride 2 -> a;\nfunctions wf 03:00.0 count 40 stride 1 -> a;\n");

        var duplicate = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("Source ids 0000:03:00.0 to 0000:03:04.6 of functions wf0, wf2, wf4, wf6 and 16 more of run 'wf' are already bound by functions vf0-vf19 of run 'vf' at line 5", duplicate.Message);
    }
}
