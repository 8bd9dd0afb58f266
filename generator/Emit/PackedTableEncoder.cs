using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace VtdDsl.Generator.Emit;

/// <summary>
/// Writes a table as packed text (<see cref="PackedTableFormat"/>), which the runtime's
/// <c>PackedTable.Decode</c> reads back at type initialisation: runs of equal deltas (zero runs,
/// repeated values, evenly spaced values) once, every other delta in as few digits as it needs.
/// </summary>
internal static class PackedTableEncoder
{
    /// <summary>A run of at least this many equal deltas is one repeat operation.</summary>
    private const int MinimumRun = 3;

    /// <summary>
    /// The packed text of <paramref name="values"/> (bit patterns of <paramref name="elementSize"/>-byte
    /// elements, higher bits ignored), predicting each from the one <paramref name="stride"/> back.
    /// </summary>
    public static string Encode(IReadOnlyList<ulong> values, int elementSize, int stride, CancellationToken cancellationToken)
    {
        if (elementSize is not (1 or 2 or 4 or 8)) throw new System.ArgumentOutOfRangeException(nameof(elementSize), elementSize, "Elements are 1, 2, 4 or 8 bytes.");
        if (stride < 1 || stride > PackedTableFormat.MaxStride) throw new System.ArgumentOutOfRangeException(nameof(stride), stride, "Stride out of range.");
        ulong mask = elementSize == 8 ? ulong.MaxValue : (1UL << (8 * elementSize)) - 1;
        int count = values.Count;
        var deltas = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            ulong previous = i >= stride ? values[i - stride] & mask : 0;
            deltas[i] = Zigzag(((values[i] & mask) - previous) & mask, mask);
        }

        var text = new StringBuilder(count * 2 + 16);
        Number(text, PackedTableFormat.Version);
        Number(text, (ulong)elementSize);
        Number(text, (ulong)count);
        Number(text, (ulong)stride);
        int literalStart = 0;
        int position = 0;
        while (position < count)
        {
            if ((position & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int run = 1;
            while (position + run < count && deltas[position + run] == deltas[position]) run++;
            if (run < MinimumRun)
            {
                position += run;
                continue;
            }
            Literals(text, deltas, literalStart, position);
            Number(text, (ulong)run << 1 | PackedTableFormat.Repeat);
            Number(text, deltas[position]);
            position += run;
            literalStart = position;
        }
        Literals(text, deltas, literalStart, count);
        return text.ToString();
    }

    /// <summary>
    /// A delta modulo 2^(8 × size) as the signed difference closest to zero, zigzag-coded: a small step
    /// down (a 4-byte 0xFFFF_FFFF) is as short as a small step up.
    /// </summary>
    private static ulong Zigzag(ulong delta, ulong mask)
    {
        ulong signBit = (mask >> 1) + 1;
        long signed = (delta & signBit) != 0 ? (long)(delta | ~mask) : (long)delta;
        return (ulong)(signed << 1) ^ (ulong)(signed >> 63);
    }

    /// <summary><paramref name="packed"/> in lines of at most <paramref name="length"/> characters (the decoder ignores line breaks).</summary>
    public static IReadOnlyList<string> Lines(string packed, int length)
    {
        var lines = new List<string>(packed.Length / length + 1);
        for (int start = 0; start < packed.Length; start += length)
        {
            lines.Add(packed.Substring(start, System.Math.Min(length, packed.Length - start)));
        }
        return lines;
    }

    private static void Literals(StringBuilder text, ulong[] deltas, int start, int end)
    {
        if (end <= start) return;
        Number(text, (ulong)(end - start) << 1 | PackedTableFormat.Literals);
        for (int i = start; i < end; i++) Number(text, deltas[i]);
    }

    private static void Number(StringBuilder text, ulong value)
    {
        const ulong digitMask = PackedTableFormat.MoreDigits - 1;
        while (value > digitMask)
        {
            text.Append(PackedTableFormat.Alphabet[(int)(value & digitMask) | PackedTableFormat.MoreDigits]);
            value >>= PackedTableFormat.BitsPerDigit;
        }
        text.Append(PackedTableFormat.Alphabet[(int)value]);
    }
}
