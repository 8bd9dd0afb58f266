using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

internal sealed partial class Binder
{
    private List<Device> BindDevices(VtdParser.DeclarationContext[] declarations, List<IommuUnit> units, NameTable domains, NameTable processes)
    {
        var names = new NameTable("Device", NameKind.Device);
        var devices = new List<Device>();
        var scopes = new ScopeIndex(units, _context.CancellationToken);
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (declaration.functionsDecl() is { } run)
            {
                BindFunctionRun(run, names, devices, scopes, domains);
                continue;
            }
            if (declaration.deviceDecl() is not { } device)
            {
                continue;
            }
            string? name = BindContext.Name(device.deviceName);
            var source = _context.SourceId(device.source);
            var via = device.via is null ? null : _context.SourceId(device.via);
            string? domainName = BindContext.Name(device.domainName);
            var pasids = BindPasids(device.deviceBody(), domains, processes, out bool ats, out SourceSpan atsSpan, out bool pri);
            if (name is not null && !names.Declare(_context, name, BindContext.Span(device.deviceName), devices.Count))
            {
                RememberWords(device, except: null); // reported as VTD1001: its domain is not "without devices"
                continue;
            }
            if (source is null || domainName is null || (device.via is not null && via is null))
            {
                RememberWords(device, except: null); // reported already: its domain and interrupts are not "unused" or "unknown"
                continue;
            }
            var domainSpan = BindContext.Span(device.domainName);
            int domainIndex = domains.Resolve(_context, domainName, domainSpan);
            if (domainIndex < 0)
            {
                _context.ReportUnknownName(DiagnosticDescriptors.UnknownDomain, domainSpan, domainName, domains.Names);
            }
            devices.Add(new Device(
                name, BindContext.Span(device), source.Value, BindContext.Span(device.source),
                via, BindContext.Span(device.via), domainName, domainSpan, domainIndex,
                scopes.Find(source.Value), via is { } v ? scopes.Find(v) : -1,
                ats, atsSpan, pri, pasids.ToEquatableArray()));
        }
        return devices;
    }

    private List<PasidBinding> BindPasids(VtdParser.DeviceBodyContext? body, NameTable domains, NameTable processes,
        out bool ats, out SourceSpan atsSpan, out bool pri)
    {
        ats = pri = false;
        atsSpan = default;
        var pasids = new List<PasidBinding>();
        foreach (var statement in body?.deviceStatement() ?? System.Array.Empty<VtdParser.DeviceStatementContext>())
        {
            if (statement.exception is not null)
            {
                continue;
            }
            switch (statement)
            {
                case VtdParser.AtsStatementContext:
                    ats = true;
                    atsSpan = BindContext.Span(statement);
                    break;
                case VtdParser.PriStatementContext:
                    pri = true;
                    break;
                case VtdParser.UnknownDeviceStatementContext unknown:
                    ReportUnknownStatement(unknown.unknownStatement(), "a device", DeviceStatementKeywords);
                    break;
                case VtdParser.PasidDomainStatementContext toDomain:
                    AddPasid(pasids, statement, toDomain.pasid, toDomain.target, PasidTargetKind.Domain, domains, DiagnosticDescriptors.UnknownDomain);
                    break;
                case VtdParser.PasidProcessStatementContext toProcess:
                    AddPasid(pasids, statement, toProcess.pasid, toProcess.target, PasidTargetKind.Process, processes, DiagnosticDescriptors.UnknownProcess);
                    break;
            }
        }
        return pasids;
    }

    private void AddPasid(List<PasidBinding> pasids, VtdParser.DeviceStatementContext statement, VtdParser.NumberContext? pasidNumber,
        VtdParser.NameContext? target, PasidTargetKind kind, NameTable names, DiagnosticDescriptor unknown)
    {
        ulong? pasid = _context.Number(pasidNumber);
        string? targetName = BindContext.Name(target);
        if (pasid is null || targetName is null)
        {
            return;
        }
        var targetSpan = BindContext.Span(target);
        int index = names.Resolve(_context, targetName, targetSpan);
        if (index < 0)
        {
            _context.ReportUnknownName(unknown, targetSpan, targetName, names.Names);
        }
        pasids.Add(new PasidBinding(pasid.Value, kind, targetName, index, BindContext.Span(pasidNumber), targetSpan, BindContext.Span(statement)));
    }
}
