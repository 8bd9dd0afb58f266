using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace VtdDsl.Tests.Runtime;

/// <summary>Random requesters for differential tests over a policy's tables.</summary>
internal static class TableProbeGenerators
{
    /// <summary>
    /// Mostly source ids on buses with bound devices (every bound function, and every
    /// <paramref name="unboundEvery"/>th unbound one), sometimes any id of segments 0–2.
    /// </summary>
    public static Gen<SourceId> Sources(ArrayPolicyTables tables, int unboundEvery, int boundWeight)
    {
        var known = new List<SourceId>();
        for (int unit = 0; unit < tables.UnitSegment.Length; unit++)
        {
            for (int bus = 0; bus < 256; bus++)
            {
                int table = tables.RootEntries[unit * 256 + bus];
                if (table == 0) continue;
                for (int devfn = 0; devfn < 256; devfn++)
                {
                    if (tables.ContextEntries[(table - 1) * 256 + devfn] != 0 || devfn % unboundEvery == 0)
                        known.Add(SourceId.FromRequesterId(tables.UnitSegment[unit], (ushort)(bus << 8 | devfn)));
                }
            }
        }
        var array = known.ToArray();
        return Gen.Frequency(
            (boundWeight, Gen.Int[0, array.Length - 1].Select(i => array[i])),
            (1, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 0xFFFF], (segment, rid) => SourceId.FromRequesterId((ushort)segment, (ushort)rid))));
    }
}
