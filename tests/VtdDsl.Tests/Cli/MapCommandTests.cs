using System.Xml;
using System.Xml.Linq;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Reports.Map;
using VtdDsl.Tests.Reports;

namespace VtdDsl.Tests.Cli;

/// <summary><c>vtd map</c>, <c>vtd review --format html</c> and <c>vtd diff --format html</c> from the command line.</summary>
public sealed class MapCommandTests
{
    private static string TwoVm => RepositoryPaths.Full("specs/two-vm.vtd");

    [Fact]
    public void Map_writes_the_svg_to_standard_output_or_to_the_file_given()
    {
        var run = CliRun.Run("map", TwoVm);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var (policy, _) = MapLayoutTests.Load("specs/two-vm.vtd");
        MapInvariants.SvgMatchesPolicy(run.Out, policy);

        using var files = new CliRun();
        string output = files.Missing("map.svg");
        var toFile = CliRun.Run("map", TwoVm, "-o", output);
        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Equal("", toFile.Out);
        Assert.Equal(run.Out, File.ReadAllText(output));
    }

    [Fact]
    public void Map_of_one_domain_shows_its_dma_addresses_beside_host_memory()
    {
        var run = CliRun.Run("map", TwoVm, "--domain", "vm1");
        Assert.True(run.ExitCode == 0, run.ToString());
        var document = XDocument.Parse(run.Out);
        var windows = MapInvariants.Elements(document, "window").ToList();
        Assert.Equal(2, windows.Count);
        Assert.All(windows, w => Assert.Equal("vm1", w.Attribute("data-domain")!.Value));
        Assert.Contains(windows, w => w.Attribute("data-iova-first")!.Value == "0x0" && w.Attribute("data-host-first")!.Value == "0x100000000");
        Assert.All(windows, w => Assert.Single(w.Elements(MapInvariants.Svg + "path")));
        Assert.Equal(new[] { "iova", "host" }, document.Descendants(MapInvariants.Svg + "g").Where(g => g.Attribute("class")?.Value == "axis").Select(g => g.Attribute("data-axis")!.Value));
    }

    [Fact]
    public void Unknown_domain_is_a_usage_error_with_a_suggestion()
    {
        var run = CliRun.Run("map", TwoVm, "--domain", "vm3");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("has no domain 'vm3'; did you mean 'vm1'? (its domains: host, vm1, vm2)", run.Error);

        var far = CliRun.Run("map", TwoVm, "--domain", "database");
        Assert.Equal(2, far.ExitCode);
        Assert.DoesNotContain("did you mean", far.Error);
    }

    [Fact]
    public void An_invalid_spec_and_unwritable_output_exit_with_clear_messages()
    {
        using var files = new CliRun();
        var invalid = CliRun.Run("map", files.File("bad.vtd", "policy T.Bad;\ndomain a { map 0x0 size 4KiB -> 0x1000 read; }\ndomain a { }\n"));
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("error VTD", invalid.Error);
        Assert.Equal("", invalid.Out);

        var unwritable = CliRun.Run("map", TwoVm, "-o", files.Missing("no/such/folder/map.svg"));
        Assert.Equal(2, unwritable.ExitCode);
        Assert.Contains("cannot be written", unwritable.Error);
    }

    private static XDocument Html(string page)
    {
        Assert.StartsWith("<!DOCTYPE html>", page);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(page), settings);
        return XDocument.Load(reader);
    }

    [Fact]
    public void Html_review_is_one_self_contained_page_with_map_findings_and_sheet()
    {
        var run = CliRun.Run("review", RepositoryPaths.Full("specs/multi-unit-server.vtd"), "--format", "html");
        Assert.True(run.ExitCode == 0, run.ToString());
        var page = Html(run.Out);
        Assert.Empty(page.Descendants("script"));
        Assert.Empty(page.Descendants("link"));
        Assert.All(page.Descendants().Attributes("src"), a => Assert.Fail($"external resource {a}"));
        Assert.All(page.Descendants("a"), a => Assert.StartsWith("#", a.Attribute("href")!.Value));
        Assert.DoesNotContain("http://", run.Out.Replace(SvgMapWriter.SvgNamespace, ""));
        Assert.DoesNotContain("https://", run.Out);
        Assert.DoesNotContain("@import", run.Out);

        var svg = Assert.Single(page.Descendants(MapInvariants.Svg + "svg"));
        var ids = svg.Descendants().Select(e => e.Attribute("id")?.Value).Where(id => id is not null).ToHashSet();
        var result = VtdCompiler.Compile("specs/multi-unit-server.vtd", RepositoryPaths.ReadText("specs/multi-unit-server.vtd"));
        var findings = page.Descendants("tr").Where(tr => tr.Attribute("class")?.Value == "finding").ToList();
        Assert.Equal(result.Diagnostics.Count, findings.Count);
        Assert.True(result.Diagnostics.Count > 0);
        foreach (var (finding, diagnostic) in findings.Zip(result.Diagnostics))
        {
            Assert.Equal(diagnostic.Id, finding.Elements("td").First().Value);
            var links = finding.Descendants("a").Select(a => a.Attribute("href")!.Value.Substring(1)).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, id => Assert.Contains(id, ids));
        }
        Assert.Contains(page.Descendants("section"), s => s.Attribute("id")!.Value == "sheet" && s.Descendants("table").Count() > 3);
    }

    [Fact]
    public void Html_review_of_every_bundled_spec_is_written_and_valid()
    {
        using var files = new CliRun();
        foreach (string spec in RepositoryPaths.ValidSpecs())
        {
            string output = files.Missing(Path.GetFileNameWithoutExtension(spec) + ".html");
            var run = CliRun.Run("review", RepositoryPaths.Full(spec), "--format", "html", "-o", output);
            Assert.True(run.ExitCode == 0, run.ToString());
            var (policy, _) = MapLayoutTests.Load(spec);
            var svg = Html(File.ReadAllText(output)).Descendants(MapInvariants.Svg + "svg").Single();
            MapInvariants.SvgMatchesPolicy(svg.ToString(), policy);
        }
    }

    [Fact]
    public void Html_diff_puts_write_gains_first_and_marks_the_windows_on_the_map()
    {
        using var files = new CliRun();
        string before = files.File("base.vtd", RepositoryPaths.ReadText("specs/two-vm.vtd"));
        string after = files.File("new.vtd", ReviewingDocTests.ModifiedTwoVm()
            .Replace("    map 0x0 size 2GiB -> 0x1_8000_0000 read write;\n", "    map 0x0 size 1GiB -> 0x1_8000_0000 read write;\n    map 0x4000_0000 size 4KiB -> 0x2_4000_0000 read;\n"));
        var run = CliRun.Run("diff", before, after, "--format", "html");
        Assert.True(run.ExitCode == 1, run.ToString());
        var page = Html(run.Out);
        var sections = page.Descendants("section").Select(s => s.Attribute("id")!.Value).ToList();
        Assert.Equal(new[] { "gains-write", "map", "changes" }, sections);
        var gains = page.Descendants("section").First().Descendants("li").ToList();
        Assert.Equal(3, gains.Count);
        Assert.All(gains, li => Assert.Contains("GAINS WRITE", li.Value));

        var windows = MapInvariants.Elements(page.Descendants(MapInvariants.Svg + "svg").Single().Document ?? new XDocument(page.Descendants(MapInvariants.Svg + "svg").Single()), "window").ToList();
        var doorbell = windows.Single(w => w.Attribute("data-host-first")!.Value == "0xE0000000");
        Assert.Equal("true", doorbell.Attribute("data-gains-write")?.Value);
        var buffer = windows.Single(w => w.Attribute("data-host-first")!.Value == "0x200000000");
        Assert.Equal("changed", buffer.Attribute("data-change")?.Value);
        Assert.Equal("true", buffer.Attribute("data-gains-write")?.Value);
        Assert.Contains(windows, w => w.Attribute("data-change")?.Value == "added" && w.Attribute("data-host-first")!.Value == "0x240000000" && w.Attribute("data-gains-write") is null);
        Assert.Contains(windows, w => w.Attribute("data-change")?.Value == "changed" && w.Attribute("data-host-first")!.Value == "0x180000000" && w.Attribute("data-gains-write") is null);
        Assert.DoesNotContain(windows, w => w.Attribute("data-domain")!.Value == "host" && w.Attribute("data-change") is not null);
        var row = page.Descendants(MapInvariants.Svg + "g").Where(g => g.Attribute("class")?.Value == "row").Select(g => g.Attribute("data-domain")!.Value);
        Assert.Equal(new[] { "host", "guest1", "vm2" }, row);
    }

    [Fact]
    public void Diff_html_of_a_removed_domain_draws_its_old_windows_as_ghosts()
    {
        using var files = new CliRun();
        string text = RepositoryPaths.ReadText("specs/two-vm.vtd");
        string before = files.File("base.vtd", text);
        string after = files.File("new.vtd", text
            .Replace("domain vm2 {\n    map 0x0 size 2GiB -> 0x1_8000_0000 read write;\n    map 0x8000_0000 size 16MiB -> 0x2_0000_0000 read write shared;\n}\n", "")
            .Replace("device nic_vf1 0000:03:10.1 -> vm2 { ats; }\n", "")
            .Replace("interrupt nic_vf1 vector 0x42 -> cpu 3 { index 7; }\n", ""));
        var run = CliRun.Run("diff", before, after, "--format", "html");
        Assert.True(run.ExitCode == 1, run.ToString());
        var page = Html(run.Out);
        var removed = page.Descendants(MapInvariants.Svg + "g").Where(g => g.Attribute("data-change")?.Value == "removed").ToList();
        Assert.Equal(2, removed.Count);
        Assert.All(removed, g => Assert.Equal("vm2", g.Attribute("data-domain")!.Value));
        Assert.All(removed, g => Assert.StartsWith("removed; old version ", g.Element(MapInvariants.Svg + "title")!.Value));
        Assert.DoesNotContain(page.Descendants("section"), s => s.Attribute("id")!.Value == "gains-write");
    }
}
