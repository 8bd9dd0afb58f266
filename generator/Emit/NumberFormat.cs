using System.Globalization;
using System.Text;

namespace VtdDsl.Generator.Emit;

/// <summary>How numbers are written into generated code.</summary>
internal enum NumberFormat
{
    /// <summary>Decimal: counts, indexes, ids, flags.</summary>
    Decimal,

    /// <summary>Hexadecimal in groups of four digits (<c>0x1_0000_0000</c>): addresses and source ids.</summary>
    Hex,
}

internal static class NumberWriter
{
    public static void Append(StringBuilder text, ulong value, NumberFormat format)
    {
        if (format == NumberFormat.Decimal)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture));
            return;
        }
        string digits = value.ToString("X", CultureInfo.InvariantCulture);
        text.Append("0x");
        int head = digits.Length % 4;
        if (head == 0) head = 4;
        text.Append(digits, 0, head);
        for (int i = head; i < digits.Length; i += 4)
        {
            text.Append('_').Append(digits, i, 4);
        }
    }

    public static string Hex(ulong value)
    {
        var text = new StringBuilder(24);
        Append(text, value, NumberFormat.Hex);
        return text.ToString();
    }
}
