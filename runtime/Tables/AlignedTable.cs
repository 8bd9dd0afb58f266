using System;

namespace VtdDsl;

/// <summary>
/// A table decoded once into native memory aligned to <see cref="PackedTable.Alignment"/> bytes, for the
/// life of the process: generated code keeps one in a static field and hands out its <see cref="Span"/>.
/// </summary>
/// <typeparam name="T">The element type: a primitive, or a record of words.</typeparam>
public readonly unsafe struct AlignedTable<T>
    where T : unmanaged
{
    private readonly T* _address;
    private readonly int _length;

    internal AlignedTable(T* address, int length)
    {
        _address = address;
        _length = length;
    }

    /// <summary>The elements (empty for a default instance).</summary>
    public ReadOnlySpan<T> Span => new(_address, _length);

    /// <summary>How many elements the table has.</summary>
    public int Length => _length;

    /// <summary>Where the first element is (0 for an empty table): a multiple of <see cref="PackedTable.Alignment"/>.</summary>
    public nuint Address => (nuint)_address;
}
