using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tests.Reports;

/// <summary>
/// The pictures in docs/reviewing.md are the tool's real output. When the map changes, regenerate
/// them from the repository root: <c>vtd map specs/two-vm.vtd -o docs/images/two-vm-map.svg</c> and
/// <c>vtd map specs/two-vm.vtd --domain vm1 -o docs/images/two-vm-vm1-map.svg</c>.
/// </summary>
public sealed class MapDocsTests
{
    [Fact]
    public void Host_map_in_the_reviewing_guide_is_up_to_date()
    {
        var (policy, lines) = MapLayoutTests.Load("specs/two-vm.vtd");
        Assert.True(SvgMapWriter.ToSvg(HostMapBuilder.Build(policy, lines)) == RepositoryPaths.ReadText("docs/images/two-vm-map.svg").Replace("\r\n", "\n"),
            "docs/images/two-vm-map.svg is stale: run 'vtd map specs/two-vm.vtd -o docs/images/two-vm-map.svg' from the repository root");
        Assert.Contains("![Host memory map of specs/two-vm.vtd](images/two-vm-map.svg)", RepositoryPaths.ReadText("docs/reviewing.md"));
    }

    [Fact]
    public void Domain_map_in_the_reviewing_guide_is_up_to_date()
    {
        var (policy, lines) = MapLayoutTests.Load("specs/two-vm.vtd");
        int vm1 = 0;
        while (policy.Domains[vm1].Name != "vm1") vm1++;
        Assert.True(SvgMapWriter.ToSvg(DomainMapBuilder.Build(policy, lines, vm1)) == RepositoryPaths.ReadText("docs/images/two-vm-vm1-map.svg").Replace("\r\n", "\n"),
            "docs/images/two-vm-vm1-map.svg is stale: run 'vtd map specs/two-vm.vtd --domain vm1 -o docs/images/two-vm-vm1-map.svg' from the repository root");
        Assert.Contains("](images/two-vm-vm1-map.svg)", RepositoryPaths.ReadText("docs/reviewing.md"));
    }
}
