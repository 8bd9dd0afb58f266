using System.Linq;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>The policy's <c>reserved</c> regions (firmware DMA, RMRRs) as map regions, in address order, drawn like <c>protect</c> ranges but amber.</summary>
internal static class ReservedRegions
{
    public static IEnumerable<MemoryRegion> Of(Policy policy) =>
        policy.Reserved
            .Select(region => new MemoryRegion(region.Name, region.Base, region.Size, region.NameSpan, region.Span))
            .OrderBy(region => region.Base)
            .ThenBy(region => region.Name, System.StringComparer.Ordinal);
}
