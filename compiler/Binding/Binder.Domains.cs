using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>A domain as written, before its id and width are resolved.</summary>
    private sealed class DomainDraft
    {
        public string Name = string.Empty;
        public SourceSpan NameSpan;
        public SourceSpan Span;
        public ushort? ExplicitId;
        public SourceSpan IdSpan;
        public bool IsPassthrough;
        public SourceSpan PassthroughSpan;
        public int? ExplicitWidth;
        public SourceSpan WidthSpan;
        public readonly List<Window> Windows = new();
    }

    private (List<DomainDraft> Drafts, NameTable Names) BindDomainDrafts(VtdParser.DeclarationContext[] declarations)
    {
        var names = new NameTable("Domain", NameKind.Domain);
        var drafts = new List<DomainDraft>();
        foreach (var declaration in declarations)
        {
            if (declaration.domainDecl() is not { } domain || BindContext.Name(domain.name()) is not { } name)
            {
                continue;
            }
            var draft = new DomainDraft { Name = name, NameSpan = BindContext.Span(domain.name()), Span = BindContext.Span(domain) };
            if (domain.PASSTHROUGH() is { } passthrough)
            {
                draft.IsPassthrough = true;
                draft.PassthroughSpan = BindContext.Span(passthrough);
            }
            foreach (var statement in domain.domainBody()?.domainStatement() ?? System.Array.Empty<VtdParser.DomainStatementContext>())
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
                if (statement is VtdParser.UnknownDomainStatementContext unknown)
                {
                    ReportUnknownStatement(unknown.unknownStatement(), $"domain '{name}'", DomainStatementKeywords);
                }
                else if (statement.exception is null)
                {
                    BindDomainStatement(draft, statement);
                }
            }
            if (names.Declare(_context, name, draft.NameSpan, drafts.Count))
            {
                drafts.Add(draft);
            }
        }
        return (drafts, names);
    }

    private void BindDomainStatement(DomainDraft draft, VtdParser.DomainStatementContext statement)
    {
        var span = BindContext.Span(statement);
        switch (statement)
        {
            case VtdParser.DomainIdStatementContext id:
                if (draft.ExplicitId is not null)
                {
                    _context.Report(DiagnosticDescriptors.SettingGivenTwice, span, draft.IdSpan, "id", $"domain '{draft.Name}'");
                }
                else if (_context.Number(id.number()) is { } value)
                {
                    var valueSpan = BindContext.Span(id.number());
                    if (value > ushort.MaxValue)
                    {
                        _context.Report(DiagnosticDescriptors.DomainIdOutOfRange, valueSpan, draft.Name, value);
                    }
                    else
                    {
                        draft.ExplicitId = (ushort)value;
                        draft.IdSpan = valueSpan;
                    }
                }
                break;
            case VtdParser.DomainWidthStatementContext width:
                if (draft.ExplicitWidth is not null)
                {
                    _context.Report(DiagnosticDescriptors.SettingGivenTwice, span, draft.WidthSpan, "address-width", $"domain '{draft.Name}'");
                }
                else if (_context.Number(width.number()) is { } bits)
                {
                    var valueSpan = BindContext.Span(width.number());
                    if (bits != 39 && bits != 48 && bits != 57)
                    {
                        _context.Report(DiagnosticDescriptors.InvalidAddressWidth, valueSpan, bits);
                    }
                    else
                    {
                        draft.ExplicitWidth = (int)bits;
                        draft.WidthSpan = valueSpan;
                    }
                }
                break;
            case VtdParser.MapStatementContext map:
                AddWindow(draft, span, _context.Number(map.iova), _context.Size(map.size()), _context.Number(map.host),
                    map.permissions(), map.SHARED() is not null, identity: false);
                break;
            case VtdParser.IdentityStatementContext identity:
                ulong? host = _context.Number(identity.host);
                AddWindow(draft, span, host, _context.Size(identity.size()), host, identity.permissions(), identity.SHARED() is not null, identity: true);
                break;
            case VtdParser.DomainPassthroughStatementContext:
                draft.IsPassthrough = true;
                draft.PassthroughSpan = span;
                break;
        }
    }

    private void AddWindow(DomainDraft draft, SourceSpan span, ulong? iova, ulong? size, ulong? host,
        VtdParser.PermissionsContext? permissions, bool shared, bool identity)
    {
        var rights = BindRights(permissions);
        if (iova is null || size is null || host is null || rights == Rights.None)
        {
            return;
        }
        draft.Windows.Add(new Window(iova.Value, size.Value, host.Value, rights, shared, identity, span));
    }

    private Rights BindRights(VtdParser.PermissionsContext? permissions)
    {
        var rights = Rights.None;
        SourceSpan firstRead = default, firstWrite = default;
        foreach (var permission in permissions?.permission() ?? System.Array.Empty<VtdParser.PermissionContext>())
        {
            var right = permission.WRITE() is not null ? Rights.Write : Rights.Read;
            var permissionSpan = BindContext.Span(permission);
            if ((rights & right) != 0)
            {
                _context.Report(DiagnosticDescriptors.SettingGivenTwice, permissionSpan, right == Rights.Write ? firstWrite : firstRead,
                    permission.GetText(), "one window");
            }
            else if (right == Rights.Write)
            {
                firstWrite = permissionSpan;
            }
            else
            {
                firstRead = permissionSpan;
            }
            rights |= right;
        }
        return rights;
    }

    /// <summary>
    /// Assigns automatic ids (in declaration order, the lowest id >= 1 no domain claims
    /// explicitly and no earlier domain took) and default widths (the smallest width every
    /// serving unit supports that covers every window).
    /// </summary>
    private (List<Domain> Domains, DomainIdPool Ids) ResolveDomains(List<DomainDraft> drafts, List<IommuUnit> units, List<Device> devices)
    {
        var ids = new DomainIdPool(drafts.ConvertAll(d => d.ExplicitId));
        var servingUnits = ServingUnits(drafts.Count, units.Count, devices);
        var domains = new List<Domain>(drafts.Count);
        for (int i = 0; i < drafts.Count; i++)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            var draft = drafts[i];
            ushort id = draft.ExplicitId ?? ids.Next();
            var widths = CommonWidths(servingUnits[i], units);
            int width = draft.ExplicitWidth
                ?? (draft.IsPassthrough ? widths.Largest() : SmallestCoveringWidth(widths, draft.Windows));
            domains.Add(new Domain(
                draft.Name, draft.NameSpan, draft.Span,
                id, draft.ExplicitId is not null, draft.IdSpan,
                draft.IsPassthrough, draft.PassthroughSpan,
                width, draft.ExplicitWidth is not null, draft.WidthSpan,
                draft.Windows.ToEquatableArray()));
        }
        return (domains, ids);
    }

    /// <summary>For each domain, the units whose context entries point at it.</summary>
    private static List<int>[] ServingUnits(int domainCount, int unitCount, List<Device> devices)
    {
        var serving = new List<int>[domainCount];
        for (int i = 0; i < domainCount; i++) serving[i] = new List<int>();
        void Add(int domain, int unit)
        {
            if (domain >= 0 && unit >= 0 && !serving[domain].Contains(unit)) serving[domain].Add(unit);
        }
        foreach (var device in devices)
        {
            Add(device.DomainIndex, device.UnitIndex);
            Add(device.DomainIndex, device.ViaUnitIndex);
            foreach (var pasid in device.Pasids)
            {
                if (pasid.Kind == PasidTargetKind.Domain) Add(pasid.TargetIndex, device.UnitIndex);
            }
        }
        for (int i = 0; i < domainCount; i++)
        {
            if (serving[i].Count == 0)
            {
                for (int unit = 0; unit < unitCount; unit++) serving[i].Add(unit);
            }
        }
        return serving;
    }

    private static AddressWidths CommonWidths(List<int> serving, List<IommuUnit> units)
    {
        var common = AddressWidths.Bits39 | AddressWidths.Bits48 | AddressWidths.Bits57;
        foreach (int unit in serving) common &= units[unit].Widths;
        return common != AddressWidths.None ? common : units[serving.Count > 0 ? serving[0] : 0].Widths;
    }

    private static int SmallestCoveringWidth(AddressWidths widths, List<Window> windows)
    {
        ulong highest = 0;
        foreach (var window in windows)
        {
            if (window.IovaLast > highest) highest = window.IovaLast;
        }
        foreach (int bits in widths.ToBits())
        {
            if (bits >= 64 || highest < 1UL << bits) return bits;
        }
        return widths.Largest();
    }

    /// <summary>Processes take automatic ids from the same pool, after every domain.</summary>
    private static List<Process> ResolveProcesses(List<(string Name, SourceSpan Span)> declared, DomainIdPool ids)
    {
        var processes = new List<Process>(declared.Count);
        foreach (var (name, span) in declared)
        {
            processes.Add(new Process(name, span, ids.Next()));
        }
        return processes;
    }

    private (List<(string Name, SourceSpan Span)> Declared, NameTable Names) DeclareProcesses(VtdParser.DeclarationContext[] declarations)
    {
        var names = new NameTable("Process", NameKind.Process);
        var declared = new List<(string, SourceSpan)>();
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (declaration.processDecl() is { } process && BindContext.Name(process.name()) is { } name)
            {
                var span = BindContext.Span(process.name());
                if (names.Declare(_context, name, span, declared.Count))
                {
                    declared.Add((name, span));
                }
            }
        }
        return (declared, names);
    }
}
