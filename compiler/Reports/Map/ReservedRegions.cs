using System.Collections.Generic;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// The policy's <c>reserved</c> regions, drawn like <c>protect</c> ranges but amber. Extension
/// point: the bound model has no <c>reserved</c> regions yet, so there is nothing to draw; once
/// <c>reserved NAME ADDR size SIZE for DEVICES;</c> binds into the model, this returns them.
/// </summary>
internal static class ReservedRegions
{
    public static IEnumerable<MemoryRegion> Of(Policy policy)
    {
        _ = policy;
        yield break;
    }
}
