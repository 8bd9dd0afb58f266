using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

/// <summary>What the platform's firmware states: <c>reserved</c> regions (RMRRs) and IOMMU <c>group</c>s.</summary>
internal sealed partial class Binder
{
    private List<ReservedRegion> BindReserved(VtdParser.DeclarationContext[] declarations, List<Device> devices)
    {
        var names = new NameTable("Reserved region");
        var regions = new List<ReservedRegion>();
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (declaration.reservedDecl() is not { } reserved || BindContext.Name(reserved.name()) is not { } name)
            {
                continue;
            }
            ulong? start = _context.Number(reserved.baseAddress);
            ulong? length = _context.Size(reserved.size());
            var references = BindDeviceReferences(reserved.deviceRef(), devices);
            var nameSpan = BindContext.Span(reserved.name());
            if (!names.Declare(_context, name, nameSpan, regions.Count) || start is null || length is null)
            {
                continue;
            }
            regions.Add(new ReservedRegion(name, start.Value, length.Value, nameSpan, BindContext.Span(reserved), references.ToEquatableArray()));
        }
        return regions;
    }

    private List<DeviceGroup> BindGroups(VtdParser.DeclarationContext[] declarations, List<Device> devices)
    {
        var names = new NameTable("Group");
        var groups = new List<DeviceGroup>();
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (declaration.groupDecl() is not { } group || BindContext.Name(group.name()) is not { } name)
            {
                continue;
            }
            var references = BindDeviceReferences(group.deviceRef(), devices);
            var nameSpan = BindContext.Span(group.name());
            if (names.Declare(_context, name, nameSpan, groups.Count))
            {
                groups.Add(new DeviceGroup(name, nameSpan, BindContext.Span(group), references.ToEquatableArray()));
            }
        }
        return groups;
    }

    /// <summary>
    /// Resolves device names (VTD1003 when unknown) and source ids (the device declared with that
    /// source or <c>via</c> id, else unbound).
    /// </summary>
    private List<DeviceReference> BindDeviceReferences(VtdParser.DeviceRefContext[] references, List<Device> devices)
    {
        var bound = new List<DeviceReference>();
        foreach (var reference in references)
        {
            var span = BindContext.Span(reference);
            if (reference.name() is { } nameNode)
            {
                if (BindContext.Name(nameNode) is not { } name)
                {
                    continue;
                }
                _context.Names?.Reference(NameKind.Device, name, span);
                int index = devices.FindIndex(device => device.Name == name);
                if (index < 0)
                {
                    _context.ReportUnknownName(DiagnosticDescriptors.UnknownDevice, span, name, DeviceNames(devices));
                }
                bound.Add(new DeviceReference(name, index >= 0 ? devices[index].Source : null, index, span));
            }
            else if (_context.SourceId(reference.sourceId()) is { } source)
            {
                int index = devices.FindIndex(device => device.Source == source);
                if (index < 0)
                {
                    index = devices.FindIndex(device => device.Via == source);
                }
                bound.Add(new DeviceReference(source.ToString(), source, index, span));
            }
        }
        return bound;
    }

    private static IEnumerable<string> DeviceNames(List<Device> devices)
    {
        foreach (var device in devices)
        {
            if (device.Name is { } name) yield return name;
        }
    }
}
