using VtdDsl.Testing;
using VtdDsl.Fuzz;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Model;
using VtdDsl.Tests.Cli;

namespace VtdDsl.Tests.Hostile;

/// <summary>
/// Regression tests for what the hostile-input work found (docs/security.md, "Findings").
/// Inputs small enough to read live in Hostile/Findings/*.vtd and run through the fuzz target;
/// generated ones are built inline.
/// </summary>
public sealed class FindingsTests
{
    public static TheoryData<string> FindingFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "VtdDsl.Tests", "Hostile", "Findings"), "*.vtd").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FindingFiles))]
    public void Finding_files_run_through_the_fuzz_target(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "VtdDsl.Tests", "Hostile", "Findings", name));
        FuzzPipeline.Run(bytes);
    }

    /// <summary>
    /// Finding 1 (fixed): the serving unit of every scope piece and of every device was found by
    /// scanning every scope entry of every unit, so the layout was quadratic in the scope list: a
    /// 270 KB spec with 30,000 scope entries took a minute. Now one sweep (<see cref="ScopeIndex"/>).
    /// </summary>
    [Fact]
    public void Thirty_thousand_scope_entries_and_devices_compile_to_the_right_units()
    {
        var ids = Enumerable.Range(0, 30_000).Select(i => new PciAddress(0, (byte)(i / 128), (byte)(i / 4 % 32), (byte)(i % 4 * 2))).ToArray();
        var text = new SpecBuilder("Hostile.Scopes")
            .Iommu("listed", "segment 0", "scope " + string.Join(", ", ids.Select(id => $"{id.Bus:x2}:{id.Device:x2}.{id.Function}")))
            .Iommu("rest", "segment 0", "scope all")
            .Domain("d", body => body.Map(0, 4 * SpecBuilder.KiB, 0, "read"));
        foreach (var id in ids) text.Device($"{id.Bus:x2}:{id.Device:x2}.{id.Function}", "d");
        text.Device("00:00.1", "d"); // an odd function: not listed, served by 'rest'

        var result = VtdCompiler.Compile("scopes.vtd", text.ToString());

        Assert.Empty(result.Diagnostics);
        var policy = result.Policy!;
        Assert.All(policy.Devices.Take(ids.Length), device => Assert.Equal(0, device.UnitIndex));
        Assert.Equal(1, policy.Devices[^1].UnitIndex);
        Assert.Equal(60_000, result.Layout!.ScopeFirst.Count); // 30,000 listed ids, the 29,999 one-id gaps between them, the tail
    }

    /// <summary>The sweep gives each source id the unit <see cref="Binder.UnitFor"/> gives it, on overlapping scopes of several units and segments.</summary>
    [Fact]
    public void The_scope_index_agrees_with_the_binder_rule_everywhere()
    {
        var result = VtdCompiler.Compile("units.vtd", """
            policy Hostile.Units;
            iommu a { segment 0; scope 00:00.0 .. 00:1f.7, 02:00.0 .. 05:1f.7; }
            iommu b { segment 0; scope all; }
            iommu c { segment 0; scope 04:00.0 .. 07:1f.7, 00:10.0, 0001:00:00.0 .. 0001:00:1f.7; }
            iommu d { segment 1; scope 01:00.0 .. 01:00.7; }
            iommu e { segment 1; scope all; }
            iommu f { segment 2; scope 00:00.0; }
            domain x { map 0x0 size 4KiB -> 0x0 read; }
            device 00:00.0 -> x;
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var units = result.Policy!.Units;
        var index = new ScopeIndex(units);
        for (uint key = 0; key < 3u << 16; key++)
        {
            var address = PciAddress.FromKey(key);
            Assert.Equal(Binder.UnitFor(units, address), index.Find(address));
        }
    }

    /// <summary>
    /// Finding 2 (fixed): the layout numbers units with one byte, so a 257th unit aliased unit 0:
    /// `vtd check` accepted the policy, the CLI then failed with an internal error, and generated
    /// code would have answered a segment-299 device from another unit's root table (another
    /// device's domain). A policy now has at most 256 units.
    /// </summary>
    [Fact]
    public void A_257th_unit_is_an_error_not_an_alias_of_unit_0()
    {
        var text = new SpecBuilder("Hostile.Units");
        for (int i = 0; i < 300; i++) text.Iommu($"u{i}", $"segment {i}");
        text.Domain("victim", body => body.Map(0, 4 * SpecBuilder.KiB, 0x1000_0000, "read write"))
            .Domain("attacker", body => body.Map(0, 4 * SpecBuilder.KiB, 0x2000_0000, "read write"))
            .Device("002b:00:01.0", "victim", name: "v")
            .Device("012b:00:01.0", "attacker", name: "a");

        var result = VtdCompiler.Compile("units.vtd", text.ToString());

        Assert.Null(result.Layout);
        var error = result.Diagnostics.First(d => d.Id == "VTD2009");
        Assert.Contains("at most 256 iommu units", error.Message);
        Assert.Equal(258, error.Location.Span.Line); // u256, the 257th unit (the policy line is line 1)

        using var files = new CliRun();
        var translate = CliRun.Run("translate", files.File("units.vtd", text.ToString()), "012b:00:01.0", "0x0", "rw");
        Assert.Equal(1, translate.ExitCode);
        Assert.DoesNotContain("internal error", translate.Error);
    }

    [Fact]
    public void Exactly_256_units_are_fine()
    {
        var text = new SpecBuilder("Hostile.Units");
        for (int i = 0; i < 256; i++) text.Iommu($"u{i}", $"segment {i}");
        text.Domain("d", body => body.Map(0, 4 * SpecBuilder.KiB, 0x1000_0000, "read write")).Device("00ff:00:01.0", "d");

        var result = VtdCompiler.Compile("units.vtd", text.ToString());

        Assert.Empty(result.Diagnostics);
        var tables = VtdDsl.Tool.Input.RuntimeTables.From(result.Layout!);
        Assert.Equal(0x10000000UL, PolicyEngine.Translate(in tables, new SourceId(0xFF, 0, 1, 0), 0, DmaAccess.ReadWrite).HostAddress);
    }
}
