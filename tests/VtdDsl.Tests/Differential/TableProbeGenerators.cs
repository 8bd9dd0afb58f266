using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace VtdDsl.Tests.Differential;

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

    /// <summary>
    /// Mostly addresses within 12 KiB of a window's edges, middle or 2 MiB boundaries (and of 0,
    /// 2^39, 2^48, 2^57, 2^64 − 1), sometimes any 40-bit address, any 57-bit one
    /// (<paramref name="wide"/>) or any address at all.
    /// </summary>
    public static Gen<ulong> Addresses(ArrayPolicyTables tables, bool wide)
    {
        var edges = new List<ulong> { 0, ulong.MaxValue, 1UL << 39, 1UL << 48, 1UL << 57 };
        foreach (var window in tables.Windows)
        {
            ulong first = window.Iova, last = window.Last;
            edges.AddRange([first, last + 1, first + (last - first) / 2, first + 0x20_0000, last - 0x1F_FFFF]);
        }
        var array = edges.ToArray();
        var nearEdges = Gen.Select(Gen.Int[0, array.Length - 1], Gen.Long[-0x3000, 0x3000], (i, delta) => array[i] + (ulong)delta);
        return wide
            ? Gen.Frequency((5, nearEdges), (2, Gen.ULong[0, (1UL << 40) - 1]), (1, Gen.ULong[0, (1UL << 57) - 1]), (1, Gen.ULong))
            : Gen.Frequency((5, nearEdges), (2, Gen.ULong[0, (1UL << 40) - 1]), (1, Gen.ULong));
    }
}
