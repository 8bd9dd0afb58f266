using System.Globalization;
using System.Text;

namespace VtdDsl.Compiler.Reports;

/// <summary>How review sheets and diffs write numbers: hex addresses grouped like the specs, sizes in the largest exact unit.</summary>
public static class Format
{
    /// <summary><c>0x1_0000_0000</c>: upper-case digits, <c>_</c> every four digits, as specs write them.</summary>
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

    /// <summary>A half-open range <c>[first, last + 1)</c>; the end of a range that reaches 2^64 − 1 is written <c>2^64</c>.</summary>
    public static string Range(ulong first, ulong last) =>
        $"[{Hex(first)}, {(last == ulong.MaxValue ? "2^64" : Hex(last + 1))})";

    /// <summary>Size of the inclusive range <c>[first, last]</c> in human units.</summary>
    public static string RangeSize(ulong first, ulong last) =>
        first == 0 && last == ulong.MaxValue ? "16 EiB" : Size(last - first + 1);

    /// <summary><c>2 GiB</c>, <c>4 KiB</c>, <c>3552 MiB</c>: the largest unit that divides the size exactly.</summary>
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

    /// <summary>
    /// An address in readable units (the map's tick labels): exact when that is short
    /// (<c>3584 MiB</c>, <c>4 GiB</c>), otherwise approximate in the largest unit (<c>≈3.5 GiB</c>).
    /// </summary>
    public static string Position(ulong address)
    {
        string exact = Size(address);
        int space = exact.IndexOf(' ');
        if (space > 0 && space <= 4) return exact;
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        int unit = 0;
        double value = address;
        while (unit < units.Length - 1 && value >= 1024)
        {
            value /= 1024;
            unit++;
        }
        return "≈" + value.ToString(value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>Rights abbreviated for a label: <c>r</c>, <c>rw</c>, <c>w</c>.</summary>
    public static string ShortRights(Rights rights) => rights switch
    {
        Compiler.Model.Rights.ReadWrite => "rw",
        Compiler.Model.Rights.Read => "r",
        Compiler.Model.Rights.Write => "w",
        _ => "none",
    };

    public static string Rights(Rights rights) => rights switch
    {
        Compiler.Model.Rights.ReadWrite => "read write",
        Compiler.Model.Rights.Read => "read",
        Compiler.Model.Rights.Write => "write",
        _ => "none",
    };

    public static string Vector(ulong vector) => "0x" + vector.ToString("X2", CultureInfo.InvariantCulture);

    public static string Mode(InterruptDeliveryMode mode) => mode == InterruptDeliveryMode.LowestPriority ? "lowest-priority" : "fixed";

    public static string Trigger(InterruptTrigger trigger) => trigger == InterruptTrigger.Level ? "level" : "edge";

    public static string Superpages(Superpages superpages) => superpages switch
    {
        Compiler.Model.Superpages.None => "none",
        Compiler.Model.Superpages.TwoMiB => "2 MiB",
        Compiler.Model.Superpages.OneGiB => "1 GiB",
        _ => "2 MiB, 1 GiB",
    };

    public static string Widths(AddressWidths widths) => widths.Describe();

    public static string Scope(IommuUnit unit)
    {
        if (unit.ScopeAll) return $"all of segment {unit.Segment}";
        var text = new StringBuilder();
        foreach (var range in unit.Scope)
        {
            if (text.Length > 0) text.Append(", ");
            text.Append(range.First.ToString());
            if (range.Last.Key != range.First.Key) text.Append(" .. ").Append(range.Last.ToString());
        }
        return text.Length == 0 ? "none" : text.ToString();
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
