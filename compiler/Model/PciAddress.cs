namespace VtdDsl.Compiler.Model;

/// <summary>A PCI function: segment, bus, device and function. Validated by the binder.</summary>
public readonly record struct PciAddress(ushort Segment, byte Bus, byte Device, byte Function) : IComparable<PciAddress>
{
    /// <summary>The 16-bit requester id: <c>bus &lt;&lt; 8 | device &lt;&lt; 3 | function</c>.</summary>
    public ushort RequesterId => (ushort)(Bus << 8 | Device << 3 | Function);

    /// <summary>Segment and requester id in one key: <c>segment &lt;&lt; 16 | requester id</c>.</summary>
    public uint Key => (uint)Segment << 16 | RequesterId;

    /// <summary>Device and function as the context-table index: <c>device &lt;&lt; 3 | function</c>.</summary>
    public byte DevFn => (byte)(Device << 3 | Function);

    public static PciAddress FromKey(uint key) =>
        new((ushort)(key >> 16), (byte)(key >> 8), (byte)((key >> 3) & 0x1F), (byte)(key & 7));

    public int CompareTo(PciAddress other) => Key.CompareTo(other.Key);

    /// <summary>Formats as <c>0000:03:00.0</c>.</summary>
    public override string ToString() => $"{Segment:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";
}
