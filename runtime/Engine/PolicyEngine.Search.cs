using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl;

public static partial class PolicyEngine
{
    /// <summary>
    /// The index of the last element of <paramref name="sorted"/> (ascending, not empty) at or below
    /// <paramref name="value"/>; 0 when every element is above it, so callers still compare
    /// <c>sorted[result] &lt;= value</c>. Always in [0, <paramref name="sorted"/>.Length).
    /// </summary>
    /// <remarks>
    /// A halving search with a fixed number of steps (⌈log2 n⌉) for a given length: the step
    /// <c>at = sorted[at + half] &lt;= value ? at + half : at</c> compiles to a conditional move, so a
    /// random value costs no mispredicted branches (the loop's own branch depends only on the length).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LastAtOrBelow<T>(ReadOnlySpan<T> sorted, T value)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        ref T first = ref MemoryMarshal.GetReference(sorted);
        int at = 0;
        int length = sorted.Length;
        // Invariant: 0 <= at and at + length <= sorted.Length (it starts as 0 + Length; a step either
        // keeps at + length or lowers it by half). 1 <= half < length, so at + half is in
        // (at, at + length) ⊆ [1, sorted.Length): Unsafe.Add stays inside the span.
        while (length > 1)
        {
            int half = length >> 1;
            at = Unsafe.Add(ref first, at + half) <= value ? at + half : at;
            length -= half;
        }
        return at;
    }
}
