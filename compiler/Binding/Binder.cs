using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

/// <summary>
/// Turns a parse tree into the bound <see cref="Policy"/>: literals read, names declared and
/// resolved, defaults applied, automatic domain ids, widths and interrupt indexes assigned.
/// It tolerates the partial trees that syntax errors leave behind, so the checks still run on
/// everything that was understood.
/// </summary>
internal sealed partial class Binder
{
    private readonly BindContext _context;
    private readonly VtdParser.SpecificationContext _tree;

    private Binder(VtdParser.SpecificationContext tree, BindContext context)
    {
        _tree = tree;
        _context = context;
    }

    public static Policy Bind(VtdParser.SpecificationContext tree, BindContext context) => new Binder(tree, context).Bind();

    private Policy Bind()
    {
        var declarations = _tree.declaration();
        BindSkippedDeclarations(declarations);
        var (policyName, policySpan) = BindPolicyName(declarations);
        var units = BindUnits(declarations);
        var memory = BindRegions(declarations, protect: false);
        var protectedRegions = BindRegions(declarations, protect: true);
        var processNames = DeclareProcesses(declarations);
        var domains = BindDomainDrafts(declarations);
        var devices = BindDevices(declarations, units, domains.Names, processNames.Names);
        var (resolvedDomains, domainIds) = ResolveDomains(domains.Drafts, units, devices);
        var processes = ResolveProcesses(processNames.Declared, domainIds);
        var interrupts = BindInterrupts(declarations, units, devices);
        var reserved = BindReserved(declarations, devices);
        var groups = BindGroups(declarations, devices);

        return new Policy(
            _context.FilePath,
            policyName,
            policySpan,
            units.ToEquatableArray(),
            memory.ToEquatableArray(),
            protectedRegions.ToEquatableArray(),
            resolvedDomains.ToEquatableArray(),
            devices.ToEquatableArray(),
            interrupts.ToEquatableArray(),
            processes.ToEquatableArray(),
            reserved.ToEquatableArray(),
            groups.ToEquatableArray());
    }

    private (string Name, SourceSpan Span) BindPolicyName(VtdParser.DeclarationContext[] declarations)
    {
        string? name = null;
        SourceSpan span = default;
        foreach (var declaration in declarations)
        {
            if (declaration.policyDecl() is not { } policy)
            {
                continue;
            }
            var qualified = policy.qualifiedName();
            var parts = qualified?.name();
            if (parts is null || parts.Length == 0 || System.Array.Exists(parts, part => BindContext.Name(part) is null))
            {
                continue;
            }
            var nameSpan = BindContext.Span(qualified);
            if (name is not null)
            {
                _context.Report(DiagnosticDescriptors.PolicyDeclaredTwice, nameSpan, span, name);
                continue;
            }
            name = qualified!.GetText();
            span = nameSpan;
            string typeName = parts[parts.Length - 1].GetText();
            if (System.Array.IndexOf(GeneratedMemberNames, typeName) >= 0)
            {
                _context.Report(DiagnosticDescriptors.PolicyNameClashesWithMember, BindContext.Span(parts[parts.Length - 1]),
                    name, typeName, string.Join(", ", GeneratedMemberNames));
            }
        }
        if (name is null)
        {
            var start = _tree.Start is { } first ? Spans.Of(first) : new SourceSpan(0, 0, 1, 1, 1, 1);
            if (!HasPolicyKeyword(declarations))
            {
                _context.Report(DiagnosticDescriptors.MissingPolicy, start);
            }
            return (string.Empty, start);
        }
        return (name, span);
    }

    /// <summary>Members of every generated policy type: a type cannot share a name with its members (CS0542).</summary>
    private static readonly string[] GeneratedMemberNames =
    {
        "Domains", "Devices", "Processes", "PolicyTables", "Tables", "PolicyName",
        "Translate", "CheckTransfer", "RemapInterrupt", "TranslateWithPasid",
    };

    private static bool HasPolicyKeyword(VtdParser.DeclarationContext[] declarations) =>
        System.Array.Exists(declarations, declaration => declaration.policyDecl() is not null);

    private List<MemoryRegion> BindRegions(VtdParser.DeclarationContext[] declarations, bool protect)
    {
        var names = new NameTable(protect ? "Protected region" : "Memory region", protect ? NameKind.Protected : NameKind.Memory);
        var regions = new List<MemoryRegion>();
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            string? name;
            VtdParser.NumberContext? baseNumber;
            VtdParser.SizeContext? size;
            Antlr4.Runtime.ParserRuleContext? node;
            VtdParser.NameContext? nameNode;
            if (protect && declaration.protectDecl() is { } p)
            {
                (node, nameNode, baseNumber, size) = (p, p.name(), p.baseAddress, p.size());
            }
            else if (!protect && declaration.memoryDecl() is { } m)
            {
                (node, nameNode, baseNumber, size) = (m, m.name(), m.baseAddress, m.size());
            }
            else
            {
                continue;
            }
            name = BindContext.Name(nameNode);
            ulong? start = _context.Number(baseNumber);
            ulong? length = _context.Size(size);
            if (name is null)
            {
                continue;
            }
            var nameSpan = BindContext.Span(nameNode);
            if (!names.Declare(_context, name, nameSpan, regions.Count) || start is null || length is null)
            {
                continue;
            }
            regions.Add(new MemoryRegion(name, start.Value, length.Value, nameSpan, BindContext.Span(node)));
        }
        return regions;
    }
}
