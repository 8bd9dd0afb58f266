using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>
/// VTD2001–VTD2008, VTD2011 and VTD2014: domain ids (a domain's, and each process's), pass-through,
/// widths, unused domains, unit capacity.
/// </summary>
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
                continue; // an automatic id of 0 means the pool ran dry: VTD2014 reports it
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
            CheckIdBelowUnits(policy, index, context, "Domain '" + domain.Name + "'", domain.Id, domain.IdIsExplicit, span, index.UnitsOf[i]);
        }
        for (int p = 0; p < policy.Processes.Count; p++)
        {
            var process = policy.Processes[p];
            if (process.DomainId != 0) // an id of 0 means the pool ran dry: VTD2014 reports it
            {
                CheckIdBelowUnits(policy, index, context, "Process '" + process.Name + "'", process.DomainId, false, process.NameSpan, index.UnitsOfProcess[p]);
            }
        }
    }

    /// <summary>VTD2011: an id (a domain's, or a process's automatic one) at or above the <c>domains</c> of a unit whose tables use it.</summary>
    private static void CheckIdBelowUnits(Policy policy, DomainIndex index, BindContext context,
        string owner, ushort id, bool isExplicit, SourceSpan span, IReadOnlyList<int> units)
    {
        foreach (int unitIndex in units)
        {
            var unit = policy.Units[unitIndex];
            if (id < unit.DomainCount || (!isExplicit && IsOverCapacity(policy, index, unitIndex)))
            {
                continue; // a full unit is reported once, as VTD2008
            }
            context.Report(DiagnosticDescriptors.DomainIdBeyondUnit, span, unit.NameSpan, owner, id, unit.Name, unit.DomainCount);
            return;
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

    /// <summary>Whether a unit's tables use more ids (its domains' and its processes') than it has.</summary>
    private static bool IsOverCapacity(Policy policy, DomainIndex index, int unitIndex) =>
        index.DomainsServedBy[unitIndex].Count + index.ProcessesServedBy[unitIndex].Count > policy.Units[unitIndex].DomainCount - 1;

    /// <summary>
    /// VTD2008: a unit's context and PASID entries reference more distinct domain ids than it has (id 0
    /// reserved); every domain it serves and every process its PASID tables lead to takes one.
    /// </summary>
    private static void CheckUnitCapacity(Policy policy, DomainIndex index, BindContext context)
    {
        for (int u = 0; u < policy.Units.Count; u++)
        {
            var unit = policy.Units[u];
            int capacity = unit.DomainCount - 1;
            var domains = index.DomainsServedBy[u];
            var processes = index.ProcessesServedBy[u];
            if (domains.Count + processes.Count > capacity)
            {
                // Processes take their ids after every domain, so the first id past the unit's is a process's only when the domains fit.
                var beyond = capacity < domains.Count ? policy.Domains[domains[capacity]].NameSpan : policy.Processes[processes[capacity - domains.Count]].NameSpan;
                context.Report(DiagnosticDescriptors.TooManyDomains, beyond, unit.NameSpan, unit.Name, capacity, Served(domains.Count, processes.Count));
            }
        }
        for (int i = 0; i < policy.Domains.Count; i++)
        {
            var domain = policy.Domains[i];
            if (!domain.IdIsExplicit && domain.Id == 0)
            {
                context.Report(DiagnosticDescriptors.DomainIdsExhausted, domain.NameSpan, "Domain '" + domain.Name + "'", policy.Domains.Count + policy.Processes.Count);
            }
        }
        foreach (var process in policy.Processes)
        {
            if (process.DomainId == 0)
            {
                context.Report(DiagnosticDescriptors.DomainIdsExhausted, process.NameSpan, "Process '" + process.Name + "'", policy.Domains.Count + policy.Processes.Count);
            }
        }
    }

    /// <summary><c>16 domains</c>, or <c>15 domains and 1 process</c>.</summary>
    private static string Served(int domains, int processes)
    {
        string text = domains == 1 ? "1 domain" : $"{domains} domains";
        return processes switch
        {
            0 => text,
            1 => text + " and 1 process",
            _ => $"{text} and {processes} processes",
        };
    }
}
