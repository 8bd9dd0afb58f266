using System.Text;

namespace VtdDsl.Tests.Platform;

/// <summary>Builds ACPI DMAR tables byte by byte for the importer tests: header, structures, device scopes, checksum.</summary>
public sealed class DmarBuilder
{
    private readonly List<byte[]> _structures = new();

    public byte HostAddressWidth { get; set; } = 38; // N + 1 = 39 bits
    public byte Flags { get; set; } = 1;

    /// <summary>A device scope entry: type, enumeration id, start bus, path of (device, function) hops.</summary>
    public static byte[] Scope(byte type, byte startBus, params (byte Device, byte Function)[] path) => Scope(type, 0, startBus, path);

    public static byte[] Scope(byte type, byte enumerationId, byte startBus, params (byte Device, byte Function)[] path)
    {
        var bytes = new List<byte> { type, (byte)(6 + 2 * path.Length), 0, 0, enumerationId, startBus };
        foreach (var (device, function) in path) { bytes.Add(device); bytes.Add(function); }
        return bytes.ToArray();
    }

    public DmarBuilder Drhd(byte flags, ushort segment, ulong registerBase, params byte[][] scopes) =>
        Add(0, new byte[] { flags, 0 }.Concat(U16(segment)).Concat(U64(registerBase)), scopes);

    public DmarBuilder Rmrr(ushort segment, ulong baseAddress, ulong limit, params byte[][] scopes) =>
        Add(1, new byte[] { 0, 0 }.Concat(U16(segment)).Concat(U64(baseAddress)).Concat(U64(limit)), scopes);

    public DmarBuilder Atsr(byte flags, ushort segment, params byte[][] scopes) =>
        Add(2, new byte[] { flags, 0 }.Concat(U16(segment)), scopes);

    public DmarBuilder Rhsa(ulong registerBase, uint proximity) =>
        Add(3, new byte[4].Concat(U64(registerBase)).Concat(U32(proximity)), Array.Empty<byte[]>());

    public DmarBuilder Andd(byte deviceNumber, string name) =>
        Add(4, new byte[] { 0, 0, 0, deviceNumber }.Concat(Encoding.ASCII.GetBytes(name)).Concat(new byte[] { 0 }), Array.Empty<byte[]>());

    public DmarBuilder Satc(byte flags, ushort segment, params byte[][] scopes) =>
        Add(5, new byte[] { flags, 0 }.Concat(U16(segment)), scopes);

    public DmarBuilder Other(ushort type, int bodyBytes) => Add(type, new byte[bodyBytes], Array.Empty<byte[]>());

    private DmarBuilder Add(ushort type, IEnumerable<byte> fields, byte[][] scopes)
    {
        var body = fields.Concat(scopes.SelectMany(s => s)).ToArray();
        _structures.Add(U16(type).Concat(U16((ushort)(4 + body.Length))).Concat(body).ToArray());
        return this;
    }

    /// <summary>The table with a correct length and checksum.</summary>
    public byte[] Build()
    {
        var header = new List<byte>();
        header.AddRange(Encoding.ASCII.GetBytes("DMAR"));
        int length = 48 + _structures.Sum(s => s.Length);
        header.AddRange(U32((uint)length));
        header.Add(1);                      // revision
        header.Add(0);                      // checksum, fixed below
        header.AddRange(Encoding.ASCII.GetBytes("VTDDSL"));
        header.AddRange(Encoding.ASCII.GetBytes("TESTTABL"));
        header.AddRange(U32(7));
        header.AddRange(Encoding.ASCII.GetBytes("TEST"));
        header.AddRange(U32(1));
        header.Add(HostAddressWidth);
        header.Add(Flags);
        header.AddRange(new byte[10]);
        var table = header.Concat(_structures.SelectMany(s => s)).ToArray();
        table[9] = Checksum(table);
        return table;
    }

    /// <summary>The byte that makes the table's bytes sum to 0 (mod 256), with byte 9 counted as 0.</summary>
    public static byte Checksum(byte[] table)
    {
        byte sum = 0;
        for (int i = 0; i < table.Length; i++) if (i != 9) sum += table[i];
        return (byte)(0 - sum);
    }

    private static byte[] U16(ushort value) => BitConverter.GetBytes(value);
    private static byte[] U32(uint value) => BitConverter.GetBytes(value);
    private static byte[] U64(ulong value) => BitConverter.GetBytes(value);
}
