namespace VtdDsl.Compiler.Platform;

/// <summary>
/// A bounds-checked window on a byte array (netstandard2.0 has no ReadOnlySpan without an extra
/// package): every index is checked against the window, never against the whole array.
/// </summary>
internal readonly struct ByteView
{
    private readonly byte[] _array;
    private readonly int _start;

    public ByteView(byte[] array) : this(array, 0, array.Length)
    {
    }

    private ByteView(byte[] array, int start, int length)
    {
        _array = array;
        _start = start;
        Length = length;
    }

    public int Length { get; }

    public byte this[int index] => (uint)index < (uint)Length ? _array[_start + index] : throw new System.IndexOutOfRangeException();

    public ByteView Slice(int start) => Slice(start, Length - start);

    public ByteView Slice(int start, int length) =>
        start >= 0 && length >= 0 && start <= Length - length ? new ByteView(_array, _start + start, length) : throw new System.ArgumentOutOfRangeException(nameof(start));
}
