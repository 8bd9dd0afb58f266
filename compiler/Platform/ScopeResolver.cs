namespace VtdDsl.Compiler.Platform;

/// <summary>A device scope entry resolved to source ids, or why it could not be.</summary>
/// <param name="Function">The function the path ends at (the endpoint, bridge, IOAPIC, HPET or ACPI device's requester id).</param>
/// <param name="Behind">For a sub-hierarchy: the bus range behind the bridge (secondary, subordinate).</param>
/// <param name="Unresolved">Why the entry (or the part behind a sub-hierarchy bridge) is not resolved; null when it is.</param>
public sealed record ResolvedScope(DeviceScope Scope, PciAddress? Function, (byte First, byte Last)? Behind, string? Unresolved);

/// <summary>
/// Walks a device scope path: the first hop is on the start bus; each further hop is on the
/// secondary bus of the bridge the previous hop names, which only the PCI tree (<c>lspci -t -D</c>)
/// tells. Never guesses: a bus it cannot know leaves the entry unresolved, with the reason.
/// </summary>
public static class ScopeResolver
{
    public static ResolvedScope Resolve(DeviceScope scope, ushort segment, PciTopology? topology)
    {
        byte bus = scope.StartBus;
        for (int hop = 0; hop < scope.Path.Count - 1; hop++)
        {
            var bridge = scope.Path[hop];
            if (topology is null)
            {
                return new ResolvedScope(scope, null, null,
                    $"path of {scope.Path.Count} hops: the bus behind bridge {segment:x4}:{bus:x2}:{bridge.Device:x2}.{bridge.Function:x} is not in the table (pass --lspci)");
            }
            if (!topology.TryGetBridge(segment, bus, bridge.Device, bridge.Function, out var found))
            {
                return new ResolvedScope(scope, null, null,
                    $"the PCI tree shows no bridge at {segment:x4}:{bus:x2}:{bridge.Device:x2}.{bridge.Function:x}, hop {hop + 1} of the path");
            }
            bus = found.Secondary;
        }
        var last = scope.Path[scope.Path.Count - 1];
        var function = new PciAddress(segment, bus, last.Device, last.Function);
        if (scope.Type != DeviceScopeType.PciSubHierarchy)
        {
            return new ResolvedScope(scope, function, null, null);
        }
        if (topology is null)
        {
            return new ResolvedScope(scope, function, null, $"the buses behind bridge {function} are not in the table (pass --lspci)");
        }
        return topology.TryGetBridge(segment, bus, last.Device, last.Function, out var behind)
            ? new ResolvedScope(scope, function, (behind.Secondary, behind.Subordinate), null)
            : new ResolvedScope(scope, function, null, $"the PCI tree shows no bridge at {function}");
    }
}
