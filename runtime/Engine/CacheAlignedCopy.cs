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
    private const int LineSize = 64;
    private readonly byte[] _bytes;
    private readonly int _offset;
    private readonly int _count;

    public unsafe CacheAlignedCopy(ReadOnlySpan<T> items)
    {
        _bytes = GC.AllocateUninitializedArray<byte>(items.Length * sizeof(T) + LineSize - 1, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bytes));
        _offset = (int)((LineSize - (address & (LineSize - 1))) & (LineSize - 1));
        MemoryMarshal.AsBytes(items).CopyTo(_bytes.AsSpan(_offset));
        _count = items.Length;
    }

    public ReadOnlySpan<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _offset)), _count);
    }
}
