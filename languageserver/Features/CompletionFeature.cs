using System.Linq;
using VtdDsl.Compiler.Navigation;
using CoreCompletion = VtdDsl.Compiler.Navigation.Completion;

namespace VtdDsl.LanguageServer.Features;

/// <summary>
/// <c>textDocument/completion</c>: the keywords the grammar accepts at the caret, the declared
/// names of the kind a reference there takes, and a snippet per declaration where one may start.
/// </summary>
public static class CompletionFeature
{
    /// <summary>One snippet per declaration (LSP snippet syntax).</summary>
    public static readonly IReadOnlyList<(string Label, string Detail, string Body)> Snippets = new[]
    {
        ("policy", "policy declaration", "policy ${1:Company.Product.Name};"),
        ("iommu", "DMA-remapping unit", "iommu ${1:dmar0} {\n    segment ${2:0};\n    scope ${3:all};\n    address-width ${4:39, 48};\n}"),
        ("memory", "host memory region", "memory ${1:ram} ${2:0x0} size ${3:2GiB};"),
        ("protect", "memory no device may reach", "protect ${1:kernel} ${2:0x100_0000} size ${3:16MiB};"),
        ("process", "shared-virtual-memory process", "process ${1:name};"),
        ("domain", "domain with a window", "domain ${1:vm1} {\n    map ${2:0x0} size ${3:1GiB} -> ${4:0x1_0000_0000} read write;\n}"),
        ("device", "PCI function bound to a domain", "device ${1:nic} ${2:03:00.0} -> ${3:vm1};"),
        ("interrupt", "interrupt remapping entry", "interrupt ${1:nic} vector ${2:0x41} -> cpu ${3:0};"),
    };

    public static CompletionList Complete(DocumentSnapshot snapshot, AnalyzedDocument? analysis, int offset)
    {
        var facts = CoreCompletion.At(snapshot.Text, offset);
        var items = new List<CompletionItem>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        if (facts.Names is { } kind && analysis is not null)
        {
            foreach (var name in analysis.Names.Declarations(kind))
            {
                if (seen.Add(name.Name)) items.Add(new CompletionItem(name.Name, CompletionItemKinds.Reference, kind.Describe(), null, null, "0" + name.Name));
            }
        }
        if (facts.SourceIdOfDevice && analysis?.Compilation.Policy is { } policy)
        {
            foreach (var device in policy.Devices)
            {
                string id = device.Source.Segment == 0 ? $"{device.Source.Bus:x2}:{device.Source.Device:x2}.{device.Source.Function:x1}" : device.Source.ToString();
                if (seen.Add(id)) items.Add(new CompletionItem(id, CompletionItemKinds.Value, "source id of " + device.DisplayName, null, null, "0" + id));
            }
        }
        foreach (var keyword in facts.Keywords)
        {
            items.Add(new CompletionItem(keyword, CompletionItemKinds.Keyword, "keyword", null, null, "1" + keyword));
        }
        if (facts.AtDeclarationStart)
        {
            foreach (var (label, detail, body) in Snippets)
            {
                if (facts.Keywords.Contains(label))
                {
                    items.Add(new CompletionItem(label, CompletionItemKinds.Snippet, detail, body, CompletionItemKinds.SnippetFormat, "2" + label));
                }
            }
        }
        return new CompletionList(false, items);
    }
}
