using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>VTD3001, VTD3003–VTD3007, VTD3009: each window on its own and against its domain and the memory map.</summary>
internal static class WindowChecks
{
    private const ulong PageMask = 0xFFF;

    public static void Run(Policy policy, BindContext context)
    {
        CheckRegions(policy.Memory, "Memory region", context);
        CheckRegions(policy.Protected, "Protected region", context);
        var protectedIndex = new RegionIndex(Ranges(policy.Protected));
        var declared = new AddressRangeSet(RangesOnly(policy.Memory));
        foreach (var domain in policy.Domains)
        {
            foreach (var window in domain.Windows)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (CheckShape(domain, window, context))
                {
                    CheckTarget(policy, domain, window, protectedIndex, declared, context);
                }
            }
            CheckOverlaps(domain, context);
            context.CancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static void CheckRegions(IEnumerable<MemoryRegion> regions, string kind, BindContext context)
    {
        foreach (var region in regions)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (region.Base > ulong.MaxValue - (region.Size - 1))
            {
                context.Report(DiagnosticDescriptors.WindowOverflows, region.Span, $"{kind} '{region.Name}' base", region.Base, region.Size);
            }
        }
    }

    /// <summary>Alignment, overflow, width and write-only checks; false when the window is unusable for further checks.</summary>
    private static bool CheckShape(Domain domain, Window window, BindContext context)
    {
        if (window.Overflows)
        {
            bool iovaOverflows = window.Iova > ulong.MaxValue - (window.Size - 1);
            context.Report(DiagnosticDescriptors.WindowOverflows, window.Span,
                iovaOverflows ? "DMA address" : "Host address", iovaOverflows ? window.Iova : window.HostAddress, window.Size);
            return false;
        }
        if ((window.Iova & PageMask) != 0)
        {
            context.Report(DiagnosticDescriptors.WindowNotPageAligned, window.Span, "DMA address", window.Iova);
        }
        else if (!window.IsIdentity && (window.HostAddress & PageMask) != 0)
        {
            context.Report(DiagnosticDescriptors.WindowNotPageAligned, window.Span, "Host address", window.HostAddress);
        }
        else if ((window.Size & PageMask) != 0)
        {
            context.Report(DiagnosticDescriptors.WindowNotPageAligned, window.Span, "Size", window.Size);
        }
        if (!domain.IsPassthrough && domain.AddressWidth < 64 && window.IovaLast >> domain.AddressWidth != 0)
        {
            context.Report(DiagnosticDescriptors.WindowBeyondWidth, window.Span, window.Iova, window.IovaLast + 1, domain.Name, domain.AddressWidth);
        }
        if (window.Rights == Rights.Write)
        {
            context.Report(DiagnosticDescriptors.WriteWithoutRead, window.Span, domain.Name);
        }
        return true;
    }

    /// <summary>Host addresses are at most 52 bits wide in VT-d (second-level entries hold bits 51:12).</summary>
    public const int HostAddressBits = 52;

    private static void CheckTarget(Policy policy, Domain domain, Window window, RegionIndex protectedIndex, AddressRangeSet declared, BindContext context)
    {
        if (window.HostLast >> HostAddressBits != 0)
        {
            context.Report(DiagnosticDescriptors.WindowBeyondHostAddressWidth, window.Span, domain.Name, window.HostAddress, window.HostLast + 1);
        }
        int region = protectedIndex.FindOverlap(window.HostAddress, window.HostLast);
        if (region >= 0)
        {
            var target = policy.Protected[region];
            context.Report(DiagnosticDescriptors.WindowTargetsProtectedMemory, window.Span, target.NameSpan,
                domain.Name, window.HostAddress, window.HostLast + 1, target.Name);
        }
        if (!declared.IsEmpty && !declared.Covers(window.HostAddress, window.HostLast))
        {
            context.Report(DiagnosticDescriptors.WindowTargetsUndeclaredMemory, window.Span, domain.Name, window.HostAddress, window.HostLast + 1);
        }
    }

    /// <summary>VTD3005 in O(n log n): sort by DMA address, compare each window with the farthest-reaching earlier one.</summary>
    private static void CheckOverlaps(Domain domain, BindContext context)
    {
        var windows = domain.Windows.ToArray();
        var order = new int[windows.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        System.Array.Sort(order, (a, b) => windows[a].Iova != windows[b].Iova ? windows[a].Iova.CompareTo(windows[b].Iova) : a.CompareTo(b));
        int reach = -1;
        foreach (int index in order)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var window = windows[index];
            if (window.Overflows)
            {
                continue;
            }
            if (reach >= 0 && windows[reach].IovaLast >= window.Iova)
            {
                var earlier = windows[reach];
                var (first, second) = earlier.Span.Start <= window.Span.Start ? (earlier, window) : (window, earlier);
                context.Report(DiagnosticDescriptors.OverlappingWindows, second.Span, first.Span,
                    second.Iova, second.IovaLast + 1, domain.Name, first.Iova, first.IovaLast + 1);
            }
            if (reach < 0 || window.IovaLast > windows[reach].IovaLast)
            {
                reach = index;
            }
        }
    }

    private static IEnumerable<(ulong, ulong, int)> Ranges(IReadOnlyList<MemoryRegion> regions)
    {
        for (int i = 0; i < regions.Count; i++) yield return (regions[i].Base, regions[i].Last, i);
    }

    private static IEnumerable<(ulong, ulong)> RangesOnly(IEnumerable<MemoryRegion> regions)
    {
        foreach (var region in regions) yield return (region.Base, region.Last);
    }
}
