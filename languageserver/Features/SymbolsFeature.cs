using System.Linq;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;
using VtdDsl.Compiler.Text;

namespace VtdDsl.LanguageServer.Features;

/// <summary><c>textDocument/documentSymbol</c>: units, memory, protected ranges, processes, domains with their windows, devices, interrupts.</summary>
public static class SymbolsFeature
{
    public static List<DocumentSymbol> Outline(DocumentSnapshot snapshot, AnalyzedDocument analysis)
    {
        var symbols = new List<DocumentSymbol>();
        if (analysis.Compilation.Policy is not { } policy)
        {
            return symbols;
        }
        var lines = snapshot.Lines;
        DocumentSymbol Symbol(string name, string? detail, int kind, SourceSpan range, SourceSpan selection, List<DocumentSymbol>? children = null) =>
            new(name, detail, kind, lines.RangeOf(range.Union(selection)), lines.RangeOf(selection), children);

        foreach (var unit in policy.Units.Where(u => !u.IsImplicit))
        {
            var range = analysis.Names.Declarations(NameKind.Unit).FirstOrDefault(d => d.Span == unit.NameSpan) is { } declared
                ? BlockAfter(snapshot.Text, declared.Span)
                : unit.NameSpan;
            symbols.Add(Symbol(unit.Name, $"iommu, segment {unit.Segment}", SymbolKinds.Module, range, unit.NameSpan));
        }
        foreach (var region in policy.Memory)
        {
            symbols.Add(Symbol(region.Name, "memory " + Numbers(region), SymbolKinds.Variable, region.Span, region.NameSpan));
        }
        foreach (var region in policy.Protected)
        {
            symbols.Add(Symbol(region.Name, "protect " + Numbers(region), SymbolKinds.Constant, region.Span, region.NameSpan));
        }
        foreach (var process in policy.Processes)
        {
            symbols.Add(Symbol(process.Name, $"process, domain id {process.DomainId}", SymbolKinds.Object, process.NameSpan, process.NameSpan));
        }
        foreach (var domain in policy.Domains)
        {
            var windows = domain.Windows
                .Select(w => Symbol(Window(w), w.Rights.ToKeywords() + (w.Shared ? " shared" : string.Empty), SymbolKinds.Field, w.Span, w.Span))
                .ToList();
            symbols.Add(Symbol(domain.Name, $"domain {domain.Id}", SymbolKinds.Namespace, domain.Span, domain.NameSpan, windows));
        }
        foreach (var device in policy.Devices)
        {
            var name = device.Name is { } named && analysis.Names.Declarations(NameKind.Device).FirstOrDefault(d => d.Name == named) is { } declaration
                ? declaration.Span
                : device.SourceSpan;
            symbols.Add(Symbol(device.DisplayName, $"{device.Source} -> {device.DomainName}", SymbolKinds.Class, device.Span, name));
        }
        foreach (var interrupt in policy.Interrupts)
        {
            symbols.Add(Symbol($"interrupt {interrupt.DeviceName} vector 0x{interrupt.Vector:X2}", $"cpu {interrupt.Cpu}", SymbolKinds.Event, interrupt.Span, interrupt.DeviceSpan));
        }
        symbols.Sort((a, b) => a.Range.Start.Line != b.Range.Start.Line ? a.Range.Start.Line.CompareTo(b.Range.Start.Line) : a.Range.Start.Character.CompareTo(b.Range.Start.Character));
        return symbols;
    }

    private static string Numbers(MemoryRegion region) => $"0x{region.Base:X} size 0x{region.Size:X}";

    private static string Window(Window window) =>
        window.IsIdentity ? $"identity 0x{window.HostAddress:X} size 0x{window.Size:X}" : $"map 0x{window.Iova:X} size 0x{window.Size:X} -> 0x{window.HostAddress:X}";

    /// <summary>A unit's declaration runs from its name to the closing brace of its block (the model keeps only the name's span).</summary>
    private static SourceSpan BlockAfter(string text, SourceSpan name)
    {
        int depth = 0;
        foreach (var token in SyntaxTokens.Lex(text))
        {
            if (token.Span.Start < name.End || token.IsTrivia) continue;
            if (token.Text == "{") depth++;
            else if (token.Text == "}" && --depth <= 0) return name.Union(token.Span);
            else if (depth == 0) break;
        }
        return name;
    }
}
