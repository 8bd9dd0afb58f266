using System.Text.Json;
using VtdDsl.Tests.Generator;

namespace VtdDsl.Tests.Cli;

/// <summary>
/// The messages a new user meets, each with its input and its exact text in `vtd check`, SARIF
/// (message, rule, location, the other half of a clash, the suggestion) and the build.
/// </summary>
public sealed class MessageTests
{
    private const string Guests = """
        policy First.Hour;
        domain vm1 { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }
        domain vm2 { map 0x0 size 1GiB -> 0x2_0000_0000 read write; }
        device nic 03:00.0 -> vm1;
        device nic2 03:00.1 -> vm2;
        interrupt nic vector 0x41 -> cpu 2;
        """;

    /// <summary>Input, expected `vtd check` line (file name `t.vtd`), SARIF related line (0 = none), suggestion.</summary>
    public static TheoryData<string, string, string, int, string?> Cases() => new()
    {
        {
            "size 2GB",
            Guests.Replace("size 1GiB -> 0x1_0000_0000", "size 2GB -> 0x1_0000_0000"),
            "t.vtd(2,28): error VTD0008: `GB` is not a size unit; did you mean `GiB`?", 0, "GiB"
        },
        {
            "size 2 GiB",
            Guests.Replace("size 1GiB -> 0x1_0000_0000", "size 2 GiB -> 0x1_0000_0000"),
            "t.vtd(2,27): error VTD0009: The unit `GiB` must follow the number directly: write `2GiB`", 0, null
        },
        {
            "domian vm2",
            Guests.Replace("domain vm2", "domian vm2"),
            "t.vtd(3,1): error VTD0010: Unknown declaration `domian`; did you mean `domain`?", 0, "domain"
        },
        {
            "function 8",
            Guests.Replace("03:00.1", "03:00.8"),
            "t.vtd(5,13): error VTD0003: Source id `03:00.8` is out of range: bus 00-ff, device 00-1f, function 0-7, segment 0000-ffff", 0, null
        },
        {
            "nic-pf",
            Guests.Replace("device nic 03", "device nic-pf 03").Replace("interrupt nic vector", "interrupt nic-pf vector"),
            "t.vtd(4,8): error VTD0011: `nic-pf` is not a name: names use `_`, not `-`; did you mean `nic_pf`?", 0, "nic_pf"
        },
        {
            "missing ;",
            Guests.Replace("-> vm1;", "-> vm1"),
            "t.vtd(4,26): error VTD0006: Missing `;` after `vm1`", 0, null
        },
        {
            "missing }",
            Guests.Replace("read write; }\ndomain vm2", "read write;\ndomain vm2"),
            "t.vtd(2,12): error VTD0007: The `{` of domain 'vm1' has no matching `}`", 0, null
        },
        {
            "unknown domain",
            Guests.Replace("-> vm2;", "-> vm_2;").Replace("domain vm2 {", "domain vm2 { id 3;").Replace("device nic2", "device nic3 03:00.2 -> vm2;\ndevice nic2"),
            "t.vtd(6,24): error VTD1002: Domain 'vm_2' is not declared; did you mean `vm2`?", 0, "vm2"
        },
        {
            "unknown device",
            Guests.Replace("interrupt nic vector", "interrupt nick vector"),
            "t.vtd(6,11): error VTD1003: Device 'nick' is not declared; did you mean `nic`?", 0, "nic"
        },
        {
            "overlapping windows",
            Guests.Replace("read write; }\ndomain vm2", "read write;\n    map 0x1000 size 4KiB -> 0x5_0000_0000 read; }\ndomain vm2"),
            "t.vtd(3,5): error VTD3005: Window [0x1000, 0x2000) of domain 'vm1' overlaps the window [0x0, 0x40000000) at line 2", 2, null
        },
        {
            "duplicate name",
            Guests.Replace("device nic2", "device nic"),
            "t.vtd(5,8): error VTD1001: Device 'nic' is already declared at line 4", 4, null
        },
        {
            "device bound twice",
            Guests.Replace("03:00.1", "03:00.0"),
            "t.vtd(5,13): error VTD4001: Source id 0000:03:00.0 of device 'nic2' is already bound by device 'nic' at line 4", 4, null
        },
        {
            "duplicate domain id",
            Guests.Replace("domain vm1 {", "domain vm1 { id 7;").Replace("domain vm2 {", "domain vm2 { id 7;"),
            "t.vtd(3,17): error VTD2001: Domain 'vm2' has id 7, which domain 'vm1' at line 2 already has", 2, null
        },
        {
            "duplicate interrupt index",
            Guests.Replace("cpu 2;", "cpu 2 { index 4; }\ninterrupt nic2 vector 0x42 -> cpu 3 { index 4; }"),
            "t.vtd(7,45): error VTD5002: Interrupt of 'nic2' uses index 4 of unit 'dmar0', as does the interrupt of 'nic' at line 6", 6, null
        },
        {
            "keyword as a name",
            Guests.Replace("vm1", "legacy").Replace("nic2", "shared"),
            "", 0, null
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_text_shows_one_plain_message(string name, string spec, string expected, int relatedLine, string? suggestion)
    {
        _ = (name, relatedLine, suggestion);
        using var run = new CliRun();
        string file = run.File("t.vtd", spec);

        var result = CliRun.Run("check", file);

        var lines = result.OutLines.Where(line => line.Contains(": error ") || line.Contains(": warning ")).Select(line => line.Replace(file, "t.vtd")).ToArray();
        Assert.Equal(expected.Length == 0 ? System.Array.Empty<string>() : new[] { expected }, lines);
        Assert.Equal(expected.Length == 0 ? 0 : 1, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sarif_carries_the_same_message_the_other_half_and_the_suggestion(string name, string spec, string expected, int relatedLine, string? suggestion)
    {
        _ = name;
        using var run = new CliRun();
        string file = run.File("t.vtd", spec);

        var result = CliRun.Run("check", "--format", "sarif", file);

        var results = JsonDocument.Parse(result.Out).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        if (expected.Length == 0)
        {
            Assert.Empty(results);
            return;
        }
        var only = Assert.Single(results);
        string id = expected.Split(": ")[1].Split(' ')[1];
        Assert.Equal(id, only.GetProperty("ruleId").GetString());
        Assert.Equal(expected.Substring(expected.IndexOf(id + ": ", System.StringComparison.Ordinal) + id.Length + 2), only.GetProperty("message").GetProperty("text").GetString());
        var region = only.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(expected.Split('(')[1].Split(')')[0], $"{region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}");
        if (relatedLine == 0)
        {
            Assert.False(only.TryGetProperty("relatedLocations", out _));
        }
        else
        {
            Assert.Equal(relatedLine, only.GetProperty("relatedLocations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        }
        Assert.Equal(suggestion, only.TryGetProperty("properties", out var properties) ? properties.GetProperty("suggestion").GetString() : null);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_shows_the_same_message_the_other_half_and_the_suggestion(string name, string spec, string expected, int relatedLine, string? suggestion)
    {
        _ = name;
        var run = GeneratorHarness.Run(new[] { GeneratorHarness.Spec("t.vtd", spec) });

        var lines = run.GeneratorDiagnostics.Select(GeneratorHarness.Canonical).ToArray();
        Assert.Equal(expected.Length == 0 ? System.Array.Empty<string>() : new[] { expected }, lines);
        if (expected.Length == 0) return;
        var only = run.GeneratorDiagnostics.Single();
        Assert.Equal(relatedLine, only.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1).SingleOrDefault());
        Assert.Equal(suggestion, only.Properties.TryGetValue("Suggestion", out var value) ? value : null);
        Assert.StartsWith("https://example.invalid/vtddsl/blob/main/docs/diagnostics.md#vtd", only.Descriptor.HelpLinkUri);
    }
}
