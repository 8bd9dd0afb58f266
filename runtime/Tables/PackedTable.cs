using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl;

/// <summary>
/// Decodes the tables generated code packs into one string literal (<see cref="PackedTableFormat"/>):
/// once, at type initialisation, into memory aligned to a cache line, so translation reads them as it
/// reads constant data and allocates nothing.
/// </summary>
public static class PackedTable
{
    /// <summary>The alignment of every decoded table: one cache line, so a 32- or 64-byte record never straddles two.</summary>
    public const int Alignment = 64;

    /// <summary>
    /// Decodes <paramref name="packed"/> into elements of <typeparamref name="T"/>, in a pinned array
    /// (<c>CacheAlignedCopy</c>, as <c>ArrayPolicyTables</c> holds its records) whose first element starts on a
    /// cache line: the garbage collector never moves it, and frees it with the generated type's load context.
    /// </summary>
    /// <typeparam name="T">A primitive of 1, 2, 4 or 8 bytes: the element size the text declares.</typeparam>
    /// <exception cref="FormatException">The text is not a packed table of <typeparamref name="T"/>: truncated, a
    /// character outside the alphabet, a number too large, a run past the declared count, or data after it.</exception>
    public static unsafe AlignedTable<T> Decode<T>(ReadOnlySpan<byte> packed)
        where T : unmanaged
    {
        var reader = new Reader(packed);
        (int count, int stride) = ReadHeader(ref reader, sizeof(T), typeof(T).Name);
        return Fill<T>(ref reader, count, sizeof(T), count, stride);
    }

    /// <summary>
    /// Decodes <paramref name="packed"/>, a table of 64-bit words, into the records of
    /// <typeparamref name="TRecord"/> those words are (little-endian, <c>TableSchema</c>'s layout), in memory
    /// aligned as <see cref="Decode{T}"/>'s. Generated code reads a packed record table through this
    /// table's span directly, with no reinterpreting cast per access.
    /// </summary>
    /// <typeparam name="TRecord">A record of 64-bit words (<see cref="DomainRecord"/>, <see cref="TreeNode"/>, <see cref="WindowRecord"/>).</typeparam>
    /// <exception cref="FormatException">The text is not a packed table of words, or its words do not make whole records.</exception>
    public static unsafe AlignedTable<TRecord> DecodeRecords<TRecord>(ReadOnlySpan<byte> packed)
        where TRecord : unmanaged
    {
        if (sizeof(TRecord) % sizeof(ulong) != 0)
            throw new ArgumentException($"{typeof(TRecord).Name} is {sizeof(TRecord)} bytes, not a whole number of 64-bit words.", nameof(TRecord));
        int wordsPerRecord = sizeof(TRecord) / sizeof(ulong);
        var reader = new Reader(packed);
        (int words, int stride) = ReadHeader(ref reader, sizeof(ulong), nameof(UInt64));
        if (words % wordsPerRecord != 0)
            throw Invalid($"{words} words, not whole records of {wordsPerRecord} words ({typeof(TRecord).Name})");
        return Fill<TRecord>(ref reader, words / wordsPerRecord, sizeof(ulong), words, stride);
    }

    /// <summary>The header after the version: the element size (which must be <paramref name="size"/>), the count and the stride.</summary>
    private static (int Count, int Stride) ReadHeader(ref Reader reader, int size, string typeName)
    {
        ulong version = reader.Number("version");
        if (version != PackedTableFormat.Version)
            throw Invalid($"format version {version}, expected {PackedTableFormat.Version}");
        ulong declared = reader.Number("element size");
        if (declared != (ulong)size || declared is not (1 or 2 or 4 or 8))
            throw Invalid($"elements of {declared} bytes, expected {size} ({typeName}, which must be 1, 2, 4 or 8 bytes)");
        ulong count = reader.Number("element count");
        if (count > (ulong)(Array.MaxLength / size))
            throw Invalid($"{count} elements, more than a table may have");
        ulong stride = reader.Number("stride");
        if (stride is 0 or > PackedTableFormat.MaxStride)
            throw Invalid($"stride {stride}, expected 1 to {PackedTableFormat.MaxStride}");
        return ((int)count, (int)stride);
    }

    /// <summary>The <paramref name="elements"/> elements of <paramref name="size"/> bytes after the header, decoded into <paramref name="items"/> items of <typeparamref name="T"/>.</summary>
    private static AlignedTable<T> Fill<T>(ref Reader reader, int items, int size, int elements, int stride)
        where T : unmanaged
    {
        if (elements == 0)
        {
            reader.End();
            return default;
        }
        var copy = new CacheAlignedCopy<T>(items);
        Fill(ref reader, copy.Bytes, size, elements, stride);
        reader.End();
        return new AlignedTable<T>(copy);
    }

    private static void Fill(ref Reader reader, Span<byte> output, int size, int count, int stride)
    {
        ulong mask = size == 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1;
        int i = 0;
        while (i < count)
        {
            ulong operation = reader.Number("operation");
            ulong n = operation >> 1;
            if (n == 0 || n > (ulong)(count - i))
                throw Invalid($"an operation of {n} elements at element {i} of {count}");
            bool repeat = (operation & 1) == PackedTableFormat.Repeat;
            ulong delta = repeat ? Unzigzag(reader.Number("delta")) : 0;
            for (int end = i + (int)n; i < end; i++)
            {
                if (!repeat) delta = Unzigzag(reader.Number("delta"));
                ulong previous = i >= stride ? Read(output, size, i - stride) : 0;
                Write(output, size, i, (previous + delta) & mask);
            }
        }
    }

    private static ulong Unzigzag(ulong value) => (value >> 1) ^ (0UL - (value & 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(Span<byte> output, int size, int index) => size switch
    {
        1 => output[index],
        2 => MemoryMarshal.Cast<byte, ushort>(output)[index],
        4 => MemoryMarshal.Cast<byte, uint>(output)[index],
        _ => MemoryMarshal.Cast<byte, ulong>(output)[index],
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(Span<byte> output, int size, int index, ulong value)
    {
        switch (size)
        {
            case 1: output[index] = (byte)value; break;
            case 2: MemoryMarshal.Cast<byte, ushort>(output)[index] = (ushort)value; break;
            case 4: MemoryMarshal.Cast<byte, uint>(output)[index] = (uint)value; break;
            default: MemoryMarshal.Cast<byte, ulong>(output)[index] = value; break;
        }
    }

    private static FormatException Invalid(string what) => new($"Not a packed table: {what}. Rebuild the generated code with a matching VtdDsl.Generator.");

    /// <summary>The numbers of a packed text, in order.</summary>
    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _text;
        private int _position;

        public Reader(ReadOnlySpan<byte> text)
        {
            _text = text;
            _position = 0;
        }

        public ulong Number(string what)
        {
            ulong value = 0;
            for (int shift = 0; ; shift += PackedTableFormat.BitsPerDigit)
            {
                int digit = NextDigit(what);
                ulong bits = (ulong)(digit & (PackedTableFormat.MoreDigits - 1));
                if (shift >= 64 || (shift > 0 && bits >> (64 - shift) != 0))
                    throw Invalid($"the {what} at character {_position} does not fit in 64 bits");
                value |= bits << shift;
                if ((digit & PackedTableFormat.MoreDigits) == 0) return value;
            }
        }

        /// <summary>Only spaces and line breaks may follow the last element.</summary>
        public void End()
        {
            SkipSpace();
            if (_position < _text.Length)
                throw Invalid($"data after the last element, at character {_position}");
        }

        private int NextDigit(string what)
        {
            SkipSpace();
            if (_position >= _text.Length)
                throw Invalid($"the text ends inside the {what}, at character {_position} (truncated)");
            byte c = _text[_position];
            int digit = c switch
            {
                >= (byte)'A' and <= (byte)'Z' => c - 'A',
                >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
                >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
                (byte)'+' => 62,
                (byte)'/' => 63,
                _ => -1,
            };
            if (digit < 0)
                throw Invalid($"character 0x{c:x2} at {_position} is not a digit");
            _position++;
            return digit;
        }

        private void SkipSpace()
        {
            while (_position < _text.Length && _text[_position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') _position++;
        }
    }
}
