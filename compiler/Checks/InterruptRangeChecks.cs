using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>
/// VTD3011–VTD3013: DMA addresses no request reaches: the interrupt address range (requests
/// without a PASID there are interrupt requests or blocked) and addresses at or above the guest
/// address width of a serving unit.
/// </summary>
internal static class InterruptRangeChecks
{
    /// <summary>First address of the interrupt address range (VT-d 3.14: 0xFEEx_xxxx).</summary>
    public const ulong InterruptRangeFirst = 0xFEE0_0000;

    /// <summary>Last address of the interrupt address range.</summary>
    public const ulong InterruptRangeLast = 0xFEEF_FFFF;

    public static void Run(Policy policy, DomainIndex facts, BindContext context)
    {
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var domain = policy.Domains[d];
            foreach (var window in domain.Windows)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (window.Overflows || window.Size == 0)
                {
                    continue;
                }
                CheckInterruptRange(domain, window, context);
                CheckGuestWidth(policy, facts, d, window, context);
            }
        }
    }

    private static void CheckInterruptRange(Domain domain, Window window, BindContext context)
    {
        if (window.IovaLast < InterruptRangeFirst || window.Iova > InterruptRangeLast)
        {
            return;
        }
        if (!window.IsIdentity && window.Iova >= InterruptRangeFirst && window.IovaLast <= InterruptRangeLast)
        {
            context.Report(DiagnosticDescriptors.MapWindowInsideInterruptRange, window.Span, window.Iova, window.IovaLast + 1, domain.Name);
            return;
        }
        ulong first = window.Iova > InterruptRangeFirst ? window.Iova : InterruptRangeFirst;
        ulong last = window.IovaLast < InterruptRangeLast ? window.IovaLast : InterruptRangeLast;
        context.Report(DiagnosticDescriptors.WindowOverlapsInterruptRange, window.Span, first, last + 1, domain.Name);
    }

    private static void CheckGuestWidth(Policy policy, DomainIndex facts, int domain, Window window, BindContext context)
    {
        if (policy.Domains[domain].IsPassthrough)
        {
            return;
        }
        foreach (int u in facts.UnitsOf[domain])
        {
            var unit = policy.Units[u];
            int width = unit.EffectiveGuestAddressWidth;
            // Beyond the table width is VTD3003 already; this is the MGAW below it.
            if (width < policy.Domains[domain].AddressWidth && window.IovaLast >> width != 0)
            {
                context.Report(DiagnosticDescriptors.WindowBeyondGuestAddressWidth, window.Span, unit.GuestAddressWidthSpan,
                    window.Iova, window.IovaLast + 1, policy.Domains[domain].Name, width, unit.Name);
                return;
            }
        }
    }
}
