using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl;

/// <summary>
/// A copy of a table of records that starts on a 64-byte boundary, so that a 64-byte record (a domain,
/// a tree node) is one cache line and a 32-byte one (a window) never straddles two. Held in a pinned
/// array: the garbage collector never moves it, so the alignment holds for the copy's lifetime.
/// </summary>
internal sealed class CacheAlignedCopy<T> where T : unmanaged
{
    private const int LineSize = PackedTable.Alignment;
    private readonly byte[] _bytes;
    private readonly int _offset;
    private readonly int _count;

    public CacheAlignedCopy(ReadOnlySpan<T> items)
        : this(items.Length)
    {
        MemoryMarshal.AsBytes(items).CopyTo(Bytes);
    }

    /// <summary>A copy of <paramref name="count"/> records not yet written: fill <see cref="Bytes"/> (PackedTable.Decode).</summary>
    public unsafe CacheAlignedCopy(int count)
    {
        _bytes = GC.AllocateUninitializedArray<byte>(count * sizeof(T) + LineSize - 1, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bytes));
        _offset = (int)((LineSize - (address & (LineSize - 1))) & (LineSize - 1));
        _count = count;
    }

    /// <summary>The records' bytes, to write them in place.</summary>
    public unsafe Span<byte> Bytes => _bytes.AsSpan(_offset, _count * sizeof(T));

    /// <summary>The first record: the memory is pinned, so the address holds for the copy's lifetime.</summary>
    public unsafe T* First => (T*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _offset));

    /// <summary>How many records the copy holds.</summary>
    public int Count => _count;
}
