using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl;

/// <summary>
/// A table decoded once into memory that starts on a cache line (<see cref="PackedTable.Alignment"/>
/// bytes): generated code keeps one in a static field and hands out its <see cref="Span"/>.
/// </summary>
/// <typeparam name="T">The element type: a primitive, or a record of words.</typeparam>
public readonly unsafe struct AlignedTable<T>
    where T : unmanaged
{
    // The copy keeps the pinned memory alive; the span is read from the address and count alone. In a
    // static readonly field (as generated code keeps it) the JIT then takes both as constants once the
    // class is initialised, so a table read costs what a read of constant data in the image costs:
    // no load of the field, the copy and its offset before the element.
    private readonly CacheAlignedCopy<T>? _copy;
    private readonly T* _first;
    private readonly int _count;

    internal AlignedTable(CacheAlignedCopy<T> copy)
    {
        _copy = copy;
        _first = copy.First;
        _count = copy.Count;
    }

    /// <summary>A copy of <paramref name="items"/> in memory aligned to a cache line.</summary>
    internal static AlignedTable<T> CopyOf(ReadOnlySpan<T> items) => new(new CacheAlignedCopy<T>(items));

    /// <summary>The elements (empty for a default instance).</summary>
    public ReadOnlySpan<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_first, _count);
    }

    /// <summary>How many elements the table has.</summary>
    public int Length => _count;

    /// <summary>Where the first element is (0 for an empty table): a multiple of <see cref="PackedTable.Alignment"/>.</summary>
    public nuint Address => _count == 0 ? 0 : (nuint)_first;
}
