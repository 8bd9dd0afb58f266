using System.Globalization;

namespace VtdDsl.Tool.Input;

/// <summary>Command-line values: source ids, addresses, access kinds. A bad value is a <see cref="UsageException"/>.</summary>
internal static class CliValues
{
    public static SourceId SourceId(string text) =>
        VtdDsl.SourceId.TryParse(text, out var id)
            ? id
            : throw new UsageException($"'{text}' is not a PCI source id (BB:DD.F or SSSS:BB:DD.F, hexadecimal)");

    /// <summary>
    /// A source id with an optional PASID: <c>00:02.0</c>, or <c>00:02.0:7</c> / <c>0000:00:02.0:0x101</c>
    /// (the PASID after the function, decimal or hexadecimal with 0x, as in a .vtd file; 0 to 0xFFFFF).
    /// </summary>
    public static (SourceId Source, uint? Pasid) SourceWithPasid(string text)
    {
        int dot = text.IndexOf('.');
        int colon = dot < 0 ? -1 : text.IndexOf(':', dot);
        if (colon < 0) return (SourceId(text), null);
        string pasidText = text.Substring(colon + 1);
        ulong pasid = Address(pasidText, "PASID");
        if (pasid > PasidTranslation.MaxPasid)
            throw new UsageException($"'{pasidText}' is not a PASID (PASIDs have 20 bits: 0 to 0xFFFFF)");
        return (SourceId(text.Substring(0, colon)), (uint)pasid);
    }

    /// <summary>A 64-bit address or size: hexadecimal with 0x, or decimal; '_' may separate digits.</summary>
    public static ulong Address(string text, string what = "address")
    {
        string digits = text.Replace("_", string.Empty);
        bool hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        bool ok = hex
            ? ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && digits.Length > (hex ? 2 : 0)
            ? value
            : throw new UsageException($"'{text}' is not a valid {what} (a 64-bit number, hexadecimal with 0x or decimal)");
    }

    public static DmaAccess Access(string text) => text switch
    {
        "read" or "r" => DmaAccess.Read,
        "write" or "w" => DmaAccess.Write,
        "rw" or "read-write" or "readwrite" => DmaAccess.ReadWrite,
        _ => throw new UsageException($"'{text}' is not an access kind: use read, write or rw"),
    };

    /// <summary>An interrupt-remapping table index: decimal or hexadecimal with 0x (beyond the table it faults, as in hardware).</summary>
    public static int Index(string text)
    {
        const int MaxIndex = int.MaxValue;
        ulong index;
        try
        {
            index = Address(text, "interrupt index");
        }
        catch (UsageException)
        {
            throw new UsageException($"'{text}' is not an interrupt index (a number from 0 to {MaxIndex}, decimal or hexadecimal with 0x)");
        }
        return index <= MaxIndex
            ? (int)index
            : throw new UsageException($"'{text}' is not an interrupt index (a number from 0 to {MaxIndex}, decimal or hexadecimal with 0x)");
    }
}
