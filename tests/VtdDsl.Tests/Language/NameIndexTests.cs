using VtdDsl.Compiler;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Tests.Language;

/// <summary>The name index the binder records: every declaration and reference, linked as the binder resolved them.</summary>
public sealed class NameIndexTests
{
    [Fact]
    public void Every_kind_of_declaration_and_every_reference_is_recorded_where_it_is_written()
    {
        const string text = """
            policy A.B;
            iommu u { mode scalable; }
            memory ram 0x0 size 1GiB;
            protect fw 0x100_0000 size 1MiB;
            process render;
            domain vm { map 0x0 size 4KiB -> 0x1000 read; }
            device gpu 00:02.0 -> vm { ats; pri; pasid 1 -> process render; pasid 2 -> vm; }
            interrupt gpu vector 0x41 -> cpu 0;
            """;
        var names = VtdCompiler.Analyze("a.vtd", text).Names;

        string Describe(NameOccurrence o) => $"{o.Kind} {o.Name} {(o.IsDeclaration ? "declared" : "used")} at {o.Span.Line}:{o.Span.Column}";
        Assert.Equal(new[]
        {
            "Unit u declared at 2:7",
            "Memory ram declared at 3:8",
            "Protected fw declared at 4:9",
            "Process render declared at 5:9",
            "Domain vm declared at 6:8",
            "Device gpu declared at 7:8",
            "Domain vm used at 7:23",
            "Process render used at 7:57",
            "Domain vm used at 7:76",
            "Device gpu used at 8:11",
        }, names.Occurrences.Select(Describe));
        Assert.All(names.Occurrences, o => Assert.Equal(text.Substring(o.Span.Start, o.Span.Length), o.Name));
        Assert.All(names.Occurrences, o => Assert.NotNull(names.DeclarationOf(o)));
    }

    [Fact]
    public void References_resolve_exactly_as_the_binder_did_on_every_bundled_spec()
    {
        foreach (var spec in RepositoryPaths.ValidSpecs())
        {
            var analysis = VtdCompiler.Analyze(spec, RepositoryPaths.ReadText(spec));
            var policy = analysis.Compilation.Policy!;
            foreach (var device in policy.Devices)
            {
                var reference = analysis.Names.At(device.DomainSpan.Start)!;
                Assert.Equal(policy.Domains[device.DomainIndex].NameSpan, analysis.Names.DeclarationOf(reference)!.Span);
                foreach (var pasid in device.Pasids)
                {
                    var target = analysis.Names.DeclarationOf(analysis.Names.At(pasid.TargetSpan.Start)!)!;
                    var expected = pasid.Kind == VtdDsl.Compiler.Model.PasidTargetKind.Domain
                        ? policy.Domains[pasid.TargetIndex].NameSpan
                        : policy.Processes[pasid.TargetIndex].NameSpan;
                    Assert.Equal(expected, target.Span);
                }
            }
            foreach (var interrupt in policy.Interrupts)
            {
                var declaration = analysis.Names.DeclarationOf(analysis.Names.At(interrupt.DeviceSpan.Start)!)!;
                Assert.Equal(policy.Devices[interrupt.DeviceIndex].Name, declaration.Name);
            }
            // The compilation is the one Compile gives.
            Assert.Equal(VtdCompiler.Compile(spec, RepositoryPaths.ReadText(spec)).Diagnostics, analysis.Compilation.Diagnostics);
        }
    }

    [Fact]
    public void A_duplicate_declaration_and_an_unknown_name_belong_to_no_symbol()
    {
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndomain vm { map 0x0 size 4KiB -> 0x2000 read; }\ndevice d 00:01.0 -> vn;\ndevice e 00:02.0 -> vm;\n";
        var names = VtdCompiler.Analyze("a.vtd", text).Names;

        var duplicate = names.At(text.LastIndexOf("domain vm", System.StringComparison.Ordinal) + 7)!;
        var unknown = names.At(text.IndexOf("vn;", System.StringComparison.Ordinal))!;
        var first = names.At(text.IndexOf("domain vm", System.StringComparison.Ordinal) + 7)!;

        Assert.Null(duplicate.Declaration);
        Assert.Null(unknown.Declaration);
        Assert.Equal(new[] { duplicate }, names.OccurrencesOf(duplicate));
        Assert.Equal(2, names.OccurrencesOf(first).Count);
        Assert.Equal(new[] { "vm" }, names.Declarations(NameKind.Domain).Select(d => d.Name));
    }

    [Theory]
    [InlineData("vm_one", new[] { "vm_on", "usb_host" }, "vm_on")]
    [InlineData("nicc", new[] { "nic", "nvme" }, "nic")]
    [InlineData("x", new string[0], null)]
    public void The_closest_declared_name_is_suggested(string name, string[] declared, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(name, declared));
}
