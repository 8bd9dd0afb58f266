using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl;

/// <summary>
/// A table decoded once into memory that starts on a cache line (<see cref="PackedTable.Alignment"/>
/// bytes): generated code keeps one in a static field and hands out its <see cref="Span"/>.
/// </summary>
/// <typeparam name="T">The element type: a primitive, or a record of words.</typeparam>
public readonly struct AlignedTable<T>
    where T : unmanaged
{
    private readonly CacheAlignedCopy<T>? _copy;

    internal AlignedTable(CacheAlignedCopy<T> copy) => _copy = copy;

    /// <summary>The elements (empty for a default instance).</summary>
    public ReadOnlySpan<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _copy is null ? default : _copy.Span;
    }

    /// <summary>How many elements the table has.</summary>
    public int Length => Span.Length;

    /// <summary>Where the first element is (0 for an empty table): a multiple of <see cref="PackedTable.Alignment"/>.</summary>
    public unsafe nuint Address => Span.IsEmpty ? 0 : (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(Span));
}
