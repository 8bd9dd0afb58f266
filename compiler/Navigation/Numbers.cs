using System.Globalization;
using System.Text;

namespace VtdDsl.Compiler.Navigation;

/// <summary>How hovers write numbers: hex grouped like the specs, sizes in the largest exact unit.</summary>
internal static class Numbers
{
    public static string Hex(ulong value)
    {
        string digits = value.ToString("X", CultureInfo.InvariantCulture);
        var text = new StringBuilder("0x", digits.Length + 8);
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 4 == 0) text.Append('_');
            text.Append(digits[i]);
        }
        return text.ToString();
    }

    public static string Decimal(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A half-open range <c>[first, last + 1)</c>.</summary>
    public static string Range(ulong first, ulong last) =>
        $"[{Hex(first)}, {(last == ulong.MaxValue ? "2^64" : Hex(last + 1))})";

    /// <summary><c>2 GiB</c>, <c>4 KiB</c>, <c>3552 MiB</c>: the largest binary unit that divides the size exactly.</summary>
    public static string Size(ulong bytes)
    {
        if (bytes == 0) return "0 B";
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        int unit = 0;
        while (unit < units.Length - 1 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
