using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>VTD2001–VTD2008: domain ids, pass-through, widths, unused domains, unit capacity.</summary>
internal static class DomainChecks
{
    public static void Run(Policy policy, DomainIndex index, BindContext context)
    {
        CheckIds(policy, index, context);
        for (int i = 0; i < policy.Domains.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var domain = policy.Domains[i];
            if (domain.IsPassthrough)
            {
                CheckPassthrough(policy, index, context, domain, i);
            }
            CheckWidth(policy, index, context, domain, i);
            if (index.DevicesOf[i].Count == 0 && index.PasidUsersOf[i].Count == 0 && !context.BrokenNames.Contains(domain.Name))
            {
                context.Report(DiagnosticDescriptors.DomainWithoutDevices, domain.NameSpan, domain.Name);
            }
        }
        CheckUnitCapacity(policy, index, context);
    }

    private static void CheckIds(Policy policy, DomainIndex index, BindContext context)
    {
        var owners = new Dictionary<ushort, int>();
        for (int i = 0; i < policy.Domains.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var domain = policy.Domains[i];
            var span = domain.IdIsExplicit ? domain.IdSpan : domain.NameSpan;
            if (domain.Id == 0)
            {
                if (domain.IdIsExplicit)
                {
                    context.Report(DiagnosticDescriptors.DomainIdOutOfRange, span, domain.Name, 0);
                }
                continue; // an automatic id of 0 means the pool ran dry: VTD2008 reports it
            }
            if (owners.TryGetValue(domain.Id, out int first))
            {
                var other = policy.Domains[first];
                context.Report(DiagnosticDescriptors.DuplicateDomainId, span, other.IdIsExplicit ? other.IdSpan : other.NameSpan,
                    domain.Name, domain.Id, other.Name);
            }
            else
            {
                owners.Add(domain.Id, i);
            }
            foreach (int unitIndex in index.UnitsOf[i])
            {
                var unit = policy.Units[unitIndex];
                if (domain.Id < unit.DomainCount || (!domain.IdIsExplicit && IsOverCapacity(policy, index, unitIndex)))
                {
                    continue; // a full unit is reported once, as VTD2008
                }
                string how = domain.IdIsExplicit ? "has id" : "was given id";
                context.Report(DiagnosticDescriptors.DomainIdBeyondUnit, span, unit.NameSpan, domain.Name, domain.Id, unit.Name, unit.DomainCount);
                break;
            }
        }
    }

    private static void CheckPassthrough(Policy policy, DomainIndex index, BindContext context, Domain domain, int domainIndex)
    {
        if (domain.Windows.Count > 0)
        {
            context.Report(DiagnosticDescriptors.PassthroughWithWindows, domain.Windows[0].Span, domain.PassthroughSpan, domain.Name);
        }
        foreach (int deviceIndex in index.DevicesOf[domainIndex])
        {
            var device = policy.Devices[deviceIndex];
            foreach (int unitIndex in new[] { device.UnitIndex, device.ViaUnitIndex })
            {
                if (unitIndex >= 0 && !policy.Units[unitIndex].SupportsPassthrough)
                {
                    var unit = policy.Units[unitIndex];
                    context.Report(DiagnosticDescriptors.PassthroughUnsupported, device.DomainSpan, unit.NameSpan, domain.Name, device.DisplayName, unit.Name);
                    break;
                }
            }
        }
        if (policy.Protected.Count > 0)
        {
            var region = policy.Protected[0];
            context.Report(DiagnosticDescriptors.PassthroughWithProtectedMemory, domain.NameSpan, region.NameSpan, domain.Name, region.Name);
        }
    }

    private static void CheckWidth(Policy policy, DomainIndex index, BindContext context, Domain domain, int domainIndex)
    {
        foreach (int unitIndex in index.UnitsOf[domainIndex])
        {
            var unit = policy.Units[unitIndex];
            if (!unit.Supports(domain.AddressWidth))
            {
                var span = domain.WidthIsExplicit ? domain.WidthSpan : domain.NameSpan;
                context.Report(DiagnosticDescriptors.UnsupportedDomainWidth, span, unit.NameSpan, domain.Name, domain.AddressWidth, unit.Name, unit.Widths.Describe());
                return;
            }
        }
    }

    private static bool IsOverCapacity(Policy policy, DomainIndex index, int unitIndex) =>
        index.DomainsServedBy[unitIndex].Count > policy.Units[unitIndex].DomainCount - 1;

    /// <summary>VTD2008: a unit's context entries reference more distinct domain ids than it has (id 0 reserved).</summary>
    private static void CheckUnitCapacity(Policy policy, DomainIndex index, BindContext context)
    {
        var served = index.DomainsServedBy;
        for (int u = 0; u < served.Count; u++)
        {
            var unit = policy.Units[u];
            int capacity = unit.DomainCount - 1;
            if (served[u].Count > capacity)
            {
                var beyond = policy.Domains[served[u][capacity]];
                context.Report(DiagnosticDescriptors.TooManyDomains, beyond.NameSpan, unit.NameSpan, unit.Name, capacity, served[u].Count);
            }
        }
        for (int i = 0; i < policy.Domains.Count; i++)
        {
            var domain = policy.Domains[i];
            if (!domain.IdIsExplicit && domain.Id == 0)
            {
                context.Report(DiagnosticDescriptors.DomainIdsExhausted, domain.NameSpan, domain.Name, policy.Domains.Count + policy.Processes.Count);
            }
        }
    }
}
