using System.Linq;
using System.Text;
using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Reports;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Navigation;

/// <summary>What the thing under the caret resolved to, in Markdown, and the span it describes.</summary>
public sealed record HoverText(string Markdown, SourceSpan Span);

/// <summary>
/// Hover facts computed from the bound model: a name (domain, device, process, memory, protected
/// region, unit), a number, a window or an interrupt.
/// </summary>
public static class HoverFacts
{
    public static HoverText? At(AnalyzedDocument document, int offset)
    {
        var policy = document.Compilation.Policy;
        if (document.Names.At(offset) is { } occurrence)
        {
            return policy is null ? null : DescribeName(document, policy, occurrence);
        }
        if (TokenAt(document.Text, offset) is { Kind: SyntaxTokenKind.Number or SyntaxTokenKind.Size } token)
        {
            return DescribeNumber(token);
        }
        if (policy is null)
        {
            return null;
        }
        foreach (var domain in policy.Domains)
        {
            foreach (var window in domain.Windows)
            {
                if (Contains(window.Span, offset)) return new HoverText(DescribeWindow(policy, domain, window), window.Span);
            }
        }
        foreach (var interrupt in policy.Interrupts)
        {
            if (Contains(interrupt.Span, offset)) return new HoverText(DescribeInterrupt(policy, interrupt), interrupt.Span);
        }
        return null;
    }

    private static bool Contains(SourceSpan span, int offset) => offset >= span.Start && offset < span.End;

    private static SyntaxToken? TokenAt(string text, int offset)
    {
        foreach (var token in SyntaxTokens.Lex(text))
        {
            if (token.Span.Start > offset) break;
            if (!token.IsTrivia && offset <= token.Span.End) return token;
        }
        return null;
    }

    private static HoverText? DescribeNumber(SyntaxToken token)
    {
        ulong value;
        if (token.Kind == SyntaxTokenKind.Size)
        {
            if (!Literals.TryParseSize(token.Text, out value, out _)) return null;
        }
        else if (!Literals.TryParseNumber(token.Text, out value, out _))
        {
            return null;
        }
        var text = new StringBuilder();
        text.Append("`").Append(token.Text).Append("`\n\n");
        text.Append("- hex: `").Append(Format.Hex(value)).Append("`\n");
        text.Append("- decimal: `").Append(value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append("`\n");
        text.Append("- as a size: ").Append(Format.Size(value)).Append('\n');
        return new HoverText(text.ToString(), token.Span);
    }

    private static HoverText? DescribeName(AnalyzedDocument document, Policy policy, NameOccurrence occurrence)
    {
        var declaration = document.Names.DeclarationOf(occurrence);
        if (declaration is null)
        {
            return new HoverText($"`{occurrence.Name}`: no {occurrence.Kind.Describe()} of this name is declared", occurrence.Span);
        }
        string? text = occurrence.Kind switch
        {
            NameKind.Domain => policy.Domains.FirstOrDefault(d => d.NameSpan == declaration.Span) is { } domain ? DescribeDomain(policy, domain) : null,
            NameKind.Device => policy.Devices.FirstOrDefault(d => d.Name == declaration.Name) is { } device ? DescribeDevice(policy, device) : null,
            NameKind.Process => policy.Processes.FirstOrDefault(p => p.NameSpan == declaration.Span) is { } process ? DescribeProcess(policy, process) : null,
            NameKind.Memory => policy.Memory.FirstOrDefault(m => m.NameSpan == declaration.Span) is { } memory ? DescribeMemory(policy, memory, isProtected: false) : null,
            NameKind.Protected => policy.Protected.FirstOrDefault(m => m.NameSpan == declaration.Span) is { } region ? DescribeMemory(policy, region, isProtected: true) : null,
            NameKind.Unit => policy.Units.FirstOrDefault(u => u.NameSpan == declaration.Span) is { } unit ? DescribeUnit(unit) : null,
            _ => null,
        };
        return new HoverText(text ?? $"{occurrence.Kind.Describe()} `{occurrence.Name}`", occurrence.Span);
    }

    private static string DescribeDomain(Policy policy, Domain domain)
    {
        int index = 0;
        while (index < policy.Domains.Count && !ReferenceEquals(policy.Domains[index], domain)) index++;
        var text = new StringBuilder();
        text.Append("**domain** `").Append(domain.Name).Append("`").Append(domain.IsPassthrough ? " (pass-through)" : string.Empty).Append("\n\n");
        text.Append("- id: ").Append(domain.Id).Append(domain.IdIsExplicit ? " (explicit)" : " (automatic)").Append('\n');
        text.Append("- address width: ").Append(domain.AddressWidth).Append("-bit").Append(domain.WidthIsExplicit ? " (explicit)" : " (automatic)").Append('\n');
        text.Append("- windows: ").Append(domain.Windows.Count).Append('\n');
        foreach (var window in domain.Windows.Take(8))
        {
            text.Append("  - ").Append(WindowLine(window)).Append('\n');
        }
        if (domain.Windows.Count > 8) text.Append("  - … ").Append(domain.Windows.Count - 8).Append(" more\n");
        // The per-domain index of the analysis: the devices bound to it and the PASID lines that select it.
        var domains = PolicyAnalysis.Of(policy).Index;
        var devices = domains.DevicesOf[index].Select(d => "`" + policy.Devices[d].DisplayName + "`").ToList();
        var pasidUsers = domains.PasidUsersOf[index].Select(u => $"`{policy.Devices[u.Device].DisplayName}` (PASID {Format.Hex(u.Pasid.Pasid)})").ToList();
        var units = domains.UnitsOf[index].Select(u => "`" + policy.Units[u].Name + "`").ToList();
        text.Append("- devices: ").Append(devices.Count == 0 ? "none" : string.Join(", ", devices)).Append('\n');
        if (pasidUsers.Count > 0) text.Append("- reached through PASIDs: ").Append(string.Join(", ", pasidUsers)).Append('\n');
        if (units.Count > 0) text.Append("- units: ").Append(string.Join(", ", units)).Append('\n');
        return text.ToString();
    }

    private static string WindowLine(Window window) =>
        window.IsIdentity
            ? $"identity {Format.Range(window.HostAddress, window.HostLast)} ({Format.Size(window.Size)}) {window.Rights.ToKeywords()}{(window.Shared ? " shared" : string.Empty)}"
            : $"{Format.Range(window.Iova, window.IovaLast)} → {Format.Range(window.HostAddress, window.HostLast)} ({Format.Size(window.Size)}) {window.Rights.ToKeywords()}{(window.Shared ? " shared" : string.Empty)}";

    private static string DescribeDevice(Policy policy, Device device)
    {
        var text = new StringBuilder();
        text.Append("**device** `").Append(device.DisplayName).Append("`\n\n");
        text.Append("- source id: `").Append(device.Source).Append("`\n");
        text.Append("- requester id the IOMMU sees: `").Append(device.RequestSource).Append("`")
            .Append(device.Via is not null ? " (via its bridge)" : string.Empty).Append('\n');
        text.Append("- domain: `").Append(device.DomainName).Append("`");
        if (device.DomainIndex >= 0 && device.DomainIndex < policy.Domains.Count) text.Append(" (id ").Append(policy.Domains[device.DomainIndex].Id).Append(')');
        text.Append('\n');
        int unit = device.Via is not null ? device.ViaUnitIndex : device.UnitIndex;
        text.Append("- unit: ").Append(unit >= 0 && unit < policy.Units.Count ? "`" + policy.Units[unit].Name + "`" : "none (no unit's scope covers it)").Append('\n');
        text.Append("- ATS: ").Append(device.Ats ? "yes" : "no").Append(", PRI: ").Append(device.Pri ? "yes" : "no").Append('\n');
        if (device.Pasids.Count > 0)
        {
            text.Append("- PASIDs:\n");
            foreach (var pasid in device.Pasids)
            {
                text.Append("  - ").Append(Format.Hex(pasid.Pasid)).Append(" → ")
                    .Append(pasid.Kind == PasidTargetKind.Process ? "process `" : "domain `").Append(pasid.TargetName).Append("`\n");
            }
        }
        var interrupts = policy.Interrupts.Where(i => i.DeviceIndex >= 0 && policy.Devices[i.DeviceIndex] == device).ToList();
        if (interrupts.Count > 0)
        {
            text.Append("- interrupts: ").Append(string.Join(", ", interrupts.Select(i => $"vector 0x{i.Vector:X2} → cpu {i.Cpu}"))).Append('\n');
        }
        return text.ToString();
    }

    private static string DescribeProcess(Policy policy, Process process)
    {
        var users = policy.Devices
            .SelectMany(d => d.Pasids.Where(p => p.Kind == PasidTargetKind.Process && p.TargetName == process.Name).Select(p => $"`{d.DisplayName}` (PASID {Format.Hex(p.Pasid)})"))
            .ToList();
        return $"**process** `{process.Name}`\n\n- domain id: {process.DomainId} (automatic)\n- devices: {(users.Count == 0 ? "none" : string.Join(", ", users))}\n";
    }

    private static string DescribeMemory(Policy policy, MemoryRegion region, bool isProtected)
    {
        var text = new StringBuilder();
        text.Append(isProtected ? "**protected region** `" : "**memory** `").Append(region.Name).Append("`\n\n");
        text.Append("- host range: ").Append(Format.Range(region.Base, region.Last)).Append('\n');
        text.Append("- size: ").Append(Format.Size(region.Size)).Append('\n');
        var windows = new List<string>();
        foreach (var domain in policy.Domains)
        {
            foreach (var window in domain.Windows)
            {
                if (window.HostAddress <= region.Last && window.HostLast >= region.Base)
                {
                    windows.Add($"`{domain.Name}` {window.Rights.ToKeywords()}");
                }
            }
        }
        text.Append(isProtected ? "- windows reaching into it: " : "- windows landing in it: ")
            .Append(windows.Count == 0 ? "none" : string.Join(", ", windows.Distinct())).Append('\n');
        return text.ToString();
    }

    private static string DescribeUnit(IommuUnit unit)
    {
        var text = new StringBuilder();
        text.Append("**iommu unit** `").Append(unit.Name).Append("`").Append(unit.IsImplicit ? " (default)" : string.Empty).Append("\n\n");
        text.Append("- segment: ").Append(unit.Segment).Append('\n');
        text.Append("- scope: ").Append(unit.ScopeAll ? "all of the segment" : string.Join(", ", unit.Scope.Select(r => r.First == r.Last ? r.First.ToString() : $"{r.First} .. {r.Last}"))).Append('\n');
        text.Append("- address widths: ").Append(unit.Widths.Describe()).Append('\n');
        text.Append("- domain ids: ").Append(unit.DomainCount).Append('\n');
        text.Append("- superpages: ").Append(unit.Superpages == Superpages.None ? "none" : unit.Superpages.ToString()).Append('\n');
        text.Append("- pass-through: ").Append(unit.SupportsPassthrough ? "supported" : "not supported").Append('\n');
        text.Append("- interrupt entries: ").Append(unit.InterruptEntries).Append('\n');
        text.Append("- mode: ").Append(unit.Mode == TranslationMode.Scalable ? "scalable" : "legacy");
        if (unit.Mode == TranslationMode.Scalable) text.Append(", ").Append(unit.PasidBits).Append(" PASID bits");
        text.Append('\n');
        return text.ToString();
    }

    private static string DescribeWindow(Policy policy, Domain domain, Window window)
    {
        var text = new StringBuilder();
        text.Append(window.IsIdentity ? "**identity window** of `" : "**window** of `").Append(domain.Name).Append("`\n\n");
        text.Append("- DMA addresses: ").Append(Format.Range(window.Iova, window.IovaLast)).Append('\n');
        text.Append("- host addresses: ").Append(Format.Range(window.HostAddress, window.HostLast)).Append('\n');
        text.Append("- size: ").Append(Format.Size(window.Size)).Append('\n');
        text.Append("- rights: ").Append(window.Rights.ToKeywords()).Append(window.Shared ? " (shared)" : string.Empty).Append('\n');
        var regions = policy.Memory.Where(m => window.HostAddress <= m.Last && window.HostLast >= m.Base).Select(m => "`" + m.Name + "`").ToList();
        text.Append("- lands in memory: ").Append(regions.Count == 0 ? "no declared region" : string.Join(", ", regions)).Append('\n');
        var protectedHit = policy.Protected.Where(m => window.HostAddress <= m.Last && window.HostLast >= m.Base).Select(m => "`" + m.Name + "`").ToList();
        if (protectedHit.Count > 0) text.Append("- reaches protected: ").Append(string.Join(", ", protectedHit)).Append('\n');
        return text.ToString();
    }

    private static string DescribeInterrupt(Policy policy, Interrupt interrupt)
    {
        var text = new StringBuilder();
        text.Append("**interrupt** of `").Append(interrupt.DeviceName).Append("`\n\n");
        text.Append("- index: ").Append(interrupt.Index >= 0 ? interrupt.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none").Append(interrupt.IndexIsExplicit ? " (explicit)" : " (automatic)").Append('\n');
        text.Append("- vector: 0x").Append(interrupt.Vector.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("- destination: cpu ").Append(interrupt.Cpu).Append('\n');
        text.Append("- delivery: ").Append(interrupt.Mode == InterruptDeliveryMode.LowestPriority ? "lowest-priority" : "fixed")
            .Append(", ").Append(interrupt.Trigger == InterruptTrigger.Level ? "level" : "edge").Append(" triggered\n");
        if (interrupt.UnitIndex >= 0 && interrupt.UnitIndex < policy.Units.Count) text.Append("- unit: `").Append(policy.Units[interrupt.UnitIndex].Name).Append("`\n");
        return text.ToString();
    }
}
