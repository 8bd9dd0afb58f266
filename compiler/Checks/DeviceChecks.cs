using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>VTD4001–VTD4004: source ids, scopes, bridges and ATS.</summary>
internal static class DeviceChecks
{
    public static void Run(Policy policy, BindContext context)
    {
        var owners = new Dictionary<uint, int>();
        for (int i = 0; i < policy.Devices.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var device = policy.Devices[i];
            if (owners.TryGetValue(device.Source.Key, out int first))
            {
                var other = policy.Devices[first];
                context.Report(DiagnosticDescriptors.DuplicateSourceId, device.SourceSpan, other.SourceSpan, device.Source, device.DisplayName, other.DisplayName);
            }
            else
            {
                owners.Add(device.Source.Key, i);
            }
            if (device.UnitIndex < 0)
            {
                context.Report(DiagnosticDescriptors.DeviceOutOfScope, device.SourceSpan, device.Source, device.DisplayName);
            }
            if (device.Via is { } via && device.ViaUnitIndex < 0)
            {
                context.Report(DiagnosticDescriptors.DeviceOutOfScope, device.ViaSpan, via, device.DisplayName);
            }
            if (device.Ats && device.DomainIndex >= 0 && policy.Domains[device.DomainIndex].IsPassthrough)
            {
                context.Report(DiagnosticDescriptors.AtsOnPassthrough, device.AtsSpan, policy.Domains[device.DomainIndex].PassthroughSpan,
                    device.DisplayName, device.DomainName);
            }
        }
        CheckSharedRequesters(policy, context);
    }

    /// <summary>
    /// VTD4003: every id a device's DMA arrives with (its own, and its <c>via</c> id) gets a
    /// context entry for its domain; two devices that reach one id must agree on the domain.
    /// Two devices with the same own id are VTD4001 instead.
    /// </summary>
    private static void CheckSharedRequesters(Policy policy, BindContext context)
    {
        var claims = new Dictionary<uint, (int Device, bool ViaClaim)>();
        for (int i = 0; i < policy.Devices.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var device = policy.Devices[i];
            if (device.DomainIndex < 0)
            {
                continue;
            }
            Claim(policy, context, claims, i, device.Source, device.SourceSpan, viaClaim: false);
            if (device.Via is { } via)
            {
                Claim(policy, context, claims, i, via, device.ViaSpan, viaClaim: true);
            }
        }
    }

    private static void Claim(Policy policy, BindContext context, Dictionary<uint, (int Device, bool ViaClaim)> claims,
        int index, PciAddress id, SourceSpan span, bool viaClaim)
    {
        if (!claims.TryGetValue(id.Key, out var earlier))
        {
            claims.Add(id.Key, (index, viaClaim));
            return;
        }
        if (!viaClaim && !earlier.ViaClaim)
        {
            return; // two own ids: VTD4001
        }
        var first = policy.Devices[earlier.Device];
        var second = policy.Devices[index];
        if (first.DomainIndex != second.DomainIndex)
        {
            var firstSpan = earlier.ViaClaim ? first.ViaSpan : first.SourceSpan;
            context.Report(DiagnosticDescriptors.SharedSourceIdDifferentDomains, span, firstSpan,
                second.DisplayName, id, first.DisplayName, second.DomainName, first.DomainName);
        }
    }
}
