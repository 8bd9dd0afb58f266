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
        Assert.Equal("Device 'vf1' is already declared at line 5", duplicate.Message);
    }
}
