using System.Globalization;

namespace VtdDsl.Compiler.Binding;

/// <summary>Values of number, size and source-id tokens; each failure names the diagnostic that reports it (its argument is the shortened text).</summary>
internal static class Literals
{
    public const int MaxShownLength = 40;

    public static bool TryParseNumber(string text, out ulong value, out DiagnosticDescriptor? error)
    {
        value = 0;
        error = null;
        bool hex = text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        int digits = 0;
        for (int i = hex ? 2 : 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                continue;
            }
            uint digit = DigitValue(c);
            if (digit >= (hex ? 16u : 10u))
            {
                error = DiagnosticDescriptors.MalformedNumber;
                return false;
            }
            digits++;
            ulong limit = hex ? ulong.MaxValue >> 4 : ulong.MaxValue / 10;
            if (value > limit || (!hex && value == limit && digit > ulong.MaxValue % 10))
            {
                error = DiagnosticDescriptors.NumberTooLarge;
                return false;
            }
            value = hex ? value << 4 | digit : value * 10 + digit;
        }
        if (digits == 0)
        {
            error = DiagnosticDescriptors.MalformedNumber;
            return false;
        }
        return true;
    }

    /// <summary>Parses a size token: a number with an optional unit of 1024 powers.</summary>
    public static bool TryParseSize(string text, out ulong value, out DiagnosticDescriptor? error)
    {
        int shift = 0;
        string number = text;
        foreach (var (suffix, bits) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && text.Length > suffix.Length)
            {
                number = text.Substring(0, text.Length - suffix.Length);
                shift = bits;
                break;
            }
        }
        if (!TryParseNumber(number, out value, out error))
        {
            return false;
        }
        if (value == 0)
        {
            error = DiagnosticDescriptors.InvalidSize;
            return false;
        }
        if (shift > 0 && value > ulong.MaxValue >> shift)
        {
            error = DiagnosticDescriptors.InvalidSize;
            return false;
        }
        value <<= shift;
        return true;
    }

    public static bool TryParseSourceId(string text, out PciAddress address, out DiagnosticDescriptor? error)
    {
        address = default;
        error = null;
        string[] colon = text.Split(':');
        string[] dot = colon[colon.Length - 1].Split('.');
        string segmentText = colon.Length == 3 ? colon[0] : "0";
        string busText = colon[colon.Length - 2];
        if (dot.Length != 2
            || !TryHex(segmentText, 4, out uint segment)
            || !TryHex(busText, 2, out uint bus)
            || !TryHex(dot[0], 2, out uint device)
            || !TryHex(dot[1], 1, out uint function)
            || device > 0x1F || function > 7)
        {
            error = DiagnosticDescriptors.SourceIdOutOfRange;
            return false;
        }
        address = new PciAddress((ushort)segment, (byte)bus, (byte)device, (byte)function);
        return true;
    }

    private static readonly (string Suffix, int Bits)[] Units =
    {
        ("KiB", 10), ("MiB", 20), ("GiB", 30), ("TiB", 40),
        ("K", 10), ("M", 20), ("G", 30), ("T", 40),
    };

    private static bool TryHex(string digits, int maxDigits, out uint value)
    {
        value = 0;
        return digits.Length > 0 && digits.Length <= maxDigits
            && uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static uint DigitValue(char c) =>
        c >= '0' && c <= '9' ? (uint)(c - '0')
        : c >= 'a' && c <= 'f' ? (uint)(c - 'a' + 10)
        : c >= 'A' && c <= 'F' ? (uint)(c - 'A' + 10)
        : uint.MaxValue;

    public static string Shorten(string text) => text.Length <= MaxShownLength ? text : text.Substring(0, MaxShownLength - 3) + "...";
}
