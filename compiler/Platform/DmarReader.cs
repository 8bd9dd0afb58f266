using System.Text;

namespace VtdDsl.Compiler.Platform;

/// <summary>
/// Reads an ACPI DMAR table (the bytes of <c>/sys/firmware/acpi/tables/DMAR</c>) with a bounds
/// check before every read. A malformed table is refused with a message that names the byte
/// offset of the problem; nothing in it throws.
/// </summary>
public static class DmarReader
{
    /// <summary>The ACPI header (36 bytes) plus host address width, flags and 10 reserved bytes.</summary>
    public const int HeaderLength = 48;

    /// <summary>The table, or null with <paramref name="error"/> naming the offset of the first problem.</summary>
    public static DmarTable? Read(byte[] table, out string? error)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        var bytes = new ByteView(table);
        error = null;
        if (bytes.Length < HeaderLength)
        {
            error = $"offset 0x{bytes.Length:x}: the table ends after {bytes.Length} bytes, inside the {HeaderLength}-byte DMAR header";
            return null;
        }
        string signature = Ascii(bytes.Slice(0, 4));
        if (signature != "DMAR")
        {
            error = $"offset 0x0: signature '{Printable(signature)}', expected 'DMAR'";
            return null;
        }
        uint length = U32(bytes, 4);
        if (length < HeaderLength)
        {
            error = $"offset 0x4: table length {length} is shorter than the {HeaderLength}-byte DMAR header";
            return null;
        }
        if (length > (uint)bytes.Length)
        {
            error = $"offset 0x{bytes.Length:x}: the table is truncated: its header gives length {length}, but only {bytes.Length} bytes are present";
            return null;
        }
        if (length < (uint)bytes.Length)
        {
            error = $"offset 0x{length:x}: {bytes.Length - length} bytes follow the table's length {length}";
            return null;
        }
        byte sum = 0;
        for (int i = 0; i < bytes.Length; i++) sum += bytes[i];
        if (sum != 0)
        {
            error = $"offset 0x9: checksum byte 0x{bytes[9]:x2} leaves the byte sum at 0x{sum:x2}, not 0 (the table is corrupt; 0x{(byte)(bytes[9] - sum):x2} would balance it)";
            return null;
        }

        var structures = new List<DmarStructure>();
        int offset = HeaderLength;
        while (offset < bytes.Length)
        {
            if (ReadStructure(bytes, offset, out error) is not { } structure)
            {
                return null;
            }
            structures.Add(structure);
            offset += structure.Length;
        }
        return new DmarTable(
            length, bytes[8], bytes[9], Ascii(bytes.Slice(10, 6)).TrimEnd(' ', '\0'), Ascii(bytes.Slice(16, 8)).TrimEnd(' ', '\0'),
            U32(bytes, 24), Ascii(bytes.Slice(28, 4)).TrimEnd(' ', '\0'), U32(bytes, 32),
            bytes[36] + 1, bytes[37], structures);
    }

    private static DmarStructure? ReadStructure(ByteView bytes, int offset, out string? error)
    {
        error = null;
        int left = bytes.Length - offset;
        if (left < 4)
        {
            error = $"offset 0x{offset:x}: {left} bytes left, too few for a remapping structure header (4 bytes)";
            return null;
        }
        ushort type = U16(bytes, offset);
        ushort length = U16(bytes, offset + 2);
        string name = StructureName(type);
        int minimum = MinimumLength(type);
        if (length < minimum)
        {
            error = $"offset 0x{offset:x}: {name} structure length {length} is below its {minimum}-byte minimum";
            return null;
        }
        if (length > left)
        {
            error = $"offset 0x{offset:x}: {name} structure length {length} runs past the table's end ({left} bytes left)";
            return null;
        }
        var body = bytes.Slice(offset, length);
        switch (type)
        {
            case 0:
                return ReadScopes(body, 16, offset, name, out var drhdScopes, out error)
                    ? new DmarHardwareUnit(offset, length, body[4], body[5], U16(body, 6), U64(body, 8), drhdScopes)
                    : null;
            case 1:
                if (!ReadScopes(body, 24, offset, name, out var rmrrScopes, out error)) return null;
                ulong baseAddress = U64(body, 8), limit = U64(body, 16);
                if (limit < baseAddress)
                {
                    error = $"offset 0x{offset + 16:x}: RMRR limit 0x{limit:x} is below its base 0x{baseAddress:x}";
                    return null;
                }
                return new DmarReservedMemory(offset, length, U16(body, 6), baseAddress, limit, rmrrScopes);
            case 2:
                return ReadScopes(body, 8, offset, name, out var atsrScopes, out error)
                    ? new DmarRootPortAts(offset, length, body[4], U16(body, 6), atsrScopes)
                    : null;
            case 3:
                return new DmarHardwareAffinity(offset, length, U64(body, 8), U32(body, 16));
            case 4:
                return new DmarNamespaceDevice(offset, length, body[7], Ascii(body.Slice(8)).Split('\0')[0]);
            case 5:
                return ReadScopes(body, 8, offset, name, out var satcScopes, out error)
                    ? new DmarSocAtsCache(offset, length, body[4], U16(body, 6), satcScopes)
                    : null;
            default:
                return new DmarOtherStructure(offset, type, length);
        }
    }

    private static bool ReadScopes(ByteView body, int start, int structureOffset, string name, out List<DeviceScope> scopes, out string? error)
    {
        scopes = new List<DeviceScope>();
        error = null;
        int position = start;
        while (position < body.Length)
        {
            int at = structureOffset + position;
            int left = body.Length - position;
            if (left < 2)
            {
                error = $"offset 0x{at:x}: {left} byte left in the {name} structure, too few for a device scope header";
                return false;
            }
            byte type = body[position];
            byte length = body[position + 1];
            if (length < 8 || (length - 6) % 2 != 0)
            {
                error = $"offset 0x{at:x}: device scope length {length} is not 6 plus a path of 2-byte hops (at least one)";
                return false;
            }
            if (length > left)
            {
                error = $"offset 0x{at:x}: device scope length {length} runs past the end of its {name} structure ({left} bytes left)";
                return false;
            }
            if (type is < 1 or > 5)
            {
                error = $"offset 0x{at:x}: device scope type {type} is not one VT-d defines (1 to 5)";
                return false;
            }
            var path = new List<PciPathHop>();
            for (int hop = position + 6; hop < position + length; hop += 2)
            {
                if (body[hop] > 0x1F || body[hop + 1] > 7)
                {
                    error = $"offset 0x{structureOffset + hop:x}: device scope path hop {body[hop]:x2}.{body[hop + 1]:x} is not a PCI device (00-1f) and function (0-7)";
                    return false;
                }
                path.Add(new PciPathHop(body[hop], body[hop + 1]));
            }
            scopes.Add(new DeviceScope(at, (DeviceScopeType)type, body[position + 2], body[position + 4], body[position + 5], path));
            position += length;
        }
        return true;
    }

    /// <summary>The VT-d name of a structure type.</summary>
    public static string StructureName(ushort type) => type switch
    {
        0 => "DRHD",
        1 => "RMRR",
        2 => "ATSR",
        3 => "RHSA",
        4 => "ANDD",
        5 => "SATC",
        6 => "SIDP",
        _ => $"type-{type}",
    };

    private static int MinimumLength(ushort type) => type switch
    {
        0 => 16,
        1 => 24,
        2 => 8,
        3 => 20,
        4 => 9,
        5 => 8,
        _ => 4,
    };

    private static ushort U16(ByteView bytes, int at) => (ushort)(bytes[at] | bytes[at + 1] << 8);

    private static uint U32(ByteView bytes, int at) => U16(bytes, at) | (uint)U16(bytes, at + 2) << 16;

    private static ulong U64(ByteView bytes, int at) => U32(bytes, at) | (ulong)U32(bytes, at + 4) << 32;

    private static string Ascii(ByteView bytes)
    {
        var text = new StringBuilder(bytes.Length);
        for (int i = 0; i < bytes.Length; i++) text.Append(bytes[i] is >= 0x20 and < 0x7F or 0 ? (char)bytes[i] : '?');
        return text.ToString();
    }

    private static string Printable(string text) => text.Replace("\0", "\\0");
}
