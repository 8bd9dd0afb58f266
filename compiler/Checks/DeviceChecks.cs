using System.Linq;
using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>VTD4001–VTD4004: source ids, scopes, bridges and ATS.</summary>
internal static class DeviceChecks
{
    public static void Run(Policy policy, BindContext context)
    {
        var owners = new Dictionary<uint, int>();
        var clashes = new List<(SourceSpan Declaration, SourceSpan Other, int Device, int OtherDevice)>();
        for (int i = 0; i < policy.Devices.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var device = policy.Devices[i];
            if (owners.TryGetValue(device.Source.Key, out int first))
            {
                clashes.Add((device.Span, policy.Devices[first].Span, i, first));
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
        foreach (var pair in clashes.GroupBy(c => (c.Declaration, c.Other)))
        {
            ReportDuplicateSources(policy, context, pair.Select(c => (c.Device, c.OtherDevice)).ToList());
        }
        CheckSharedRequesters(policy, context);
    }

    /// <summary>
    /// VTD4001 once per pair of clashing declarations: a <c>functions</c> run overlapping another
    /// run or a device is one diagnostic naming the functions that clash, not one per function.
    /// </summary>
    private static void ReportDuplicateSources(Policy policy, BindContext context, List<(int Device, int Other)> pairs)
    {
        var device = policy.Devices[pairs[0].Device];
        var other = policy.Devices[pairs[0].Other];
        var last = policy.Devices[pairs[pairs.Count - 1].Device];
        string sources = pairs.Count == 1 ? $"Source id {device.Source}" : $"Source ids {device.Source} to {last.Source}";
        context.Report(DiagnosticDescriptors.DuplicateSourceId, device.SourceSpan, other.SourceSpan,
            sources, Describe(policy, pairs, mine: true), pairs.Count == 1 ? "is" : "are", Describe(policy, pairs, mine: false));
    }

    /// <summary><c>device 'nic'</c>, or the functions of a run among <paramref name="pairs"/> (this side's, or the other's).</summary>
    private static string Describe(Policy policy, List<(int Device, int Other)> pairs, bool mine)
    {
        var first = policy.Devices[mine ? pairs[0].Device : pairs[0].Other];
        if (first.RunName is not { } run)
        {
            return $"device '{first.DisplayName}'";
        }
        var indices = new List<int>(pairs.Count);
        foreach (var (device, other) in pairs) indices.Add(policy.Devices[mine ? device : other].RunIndex);
        indices.Sort();
        return FunctionRunText.Describe(run, indices);
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
