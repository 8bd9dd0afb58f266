namespace VtdDsl.Compiler.Platform;

/// <summary>Device scope entry types (VT-d specification 8.3.1).</summary>
public enum DeviceScopeType : byte
{
    PciEndpoint = 1,
    PciSubHierarchy = 2,
    IoApic = 3,
    Hpet = 4,
    AcpiNamespaceDevice = 5,
}

/// <summary>One hop of a device scope path: the device and function on the bus the previous hop leads to.</summary>
public readonly record struct PciPathHop(byte Device, byte Function);

/// <summary>A device scope entry: what a remapping structure applies to, as a path from a start bus.</summary>
public sealed record DeviceScope(int Offset, DeviceScopeType Type, byte Flags, byte EnumerationId, byte StartBus, IReadOnlyList<PciPathHop> Path)
{
    /// <summary>The name VT-d gives the type.</summary>
    public string TypeName => Type switch
    {
        DeviceScopeType.PciEndpoint => "PCI endpoint",
        DeviceScopeType.PciSubHierarchy => "PCI sub-hierarchy",
        DeviceScopeType.IoApic => "IOAPIC",
        DeviceScopeType.Hpet => "HPET",
        DeviceScopeType.AcpiNamespaceDevice => "ACPI namespace device",
        _ => $"type {(byte)Type}",
    };

    /// <summary>The path as <c>bus 00, 1c.0 / 00.0</c>.</summary>
    public string PathText => $"start bus {StartBus:x2}, path " + string.Join(" / ", System.Linq.Enumerable.Select(Path, hop => $"{hop.Device:x2}.{hop.Function:x}"));
}

/// <summary>A remapping structure of the table.</summary>
public abstract record DmarStructure(int Offset, ushort Type, ushort Length);

/// <summary>DRHD: a DMA-remapping hardware unit.</summary>
public sealed record DmarHardwareUnit(int Offset, ushort Length, byte Flags, byte Size, ushort Segment, ulong RegisterBase, IReadOnlyList<DeviceScope> Scopes)
    : DmarStructure(Offset, 0, Length)
{
    /// <summary>INCLUDE_PCI_ALL: the unit serves every device of its segment that no other unit lists.</summary>
    public bool IncludesAll => (Flags & 1) != 0;
}

/// <summary>RMRR: memory firmware keeps using for DMA on behalf of the listed devices.</summary>
public sealed record DmarReservedMemory(int Offset, ushort Length, ushort Segment, ulong Base, ulong Limit, IReadOnlyList<DeviceScope> Scopes)
    : DmarStructure(Offset, 1, Length);

/// <summary>ATSR: root ports that allow address translation services.</summary>
public sealed record DmarRootPortAts(int Offset, ushort Length, byte Flags, ushort Segment, IReadOnlyList<DeviceScope> Scopes)
    : DmarStructure(Offset, 2, Length)
{
    /// <summary>ALL_PORTS: every root port of the segment supports ATS.</summary>
    public bool AllPorts => (Flags & 1) != 0;
}

/// <summary>RHSA: the NUMA proximity domain of a unit's registers.</summary>
public sealed record DmarHardwareAffinity(int Offset, ushort Length, ulong RegisterBase, uint ProximityDomain)
    : DmarStructure(Offset, 3, Length);

/// <summary>ANDD: an ACPI namespace device that issues DMA, by its ACPI device number.</summary>
public sealed record DmarNamespaceDevice(int Offset, ushort Length, byte DeviceNumber, string ObjectName)
    : DmarStructure(Offset, 4, Length);

/// <summary>SATC: SoC-integrated devices with address translation caches.</summary>
public sealed record DmarSocAtsCache(int Offset, ushort Length, byte Flags, ushort Segment, IReadOnlyList<DeviceScope> Scopes)
    : DmarStructure(Offset, 5, Length)
{
    /// <summary>ATC_REQUIRED: the devices need their address translation caches enabled to work correctly.</summary>
    public bool AtcRequired => (Flags & 1) != 0;
}

/// <summary>A structure type this reader does not decode (type 6, SoC integrated device property, and later), kept by type and length.</summary>
public sealed record DmarOtherStructure(int Offset, ushort Type, ushort Length) : DmarStructure(Offset, Type, Length);

/// <summary>A decoded ACPI DMAR table.</summary>
public sealed record DmarTable(
    uint Length,
    byte Revision,
    byte Checksum,
    string OemId,
    string OemTableId,
    uint OemRevision,
    string CreatorId,
    uint CreatorRevision,
    int HostAddressWidth,
    byte Flags,
    IReadOnlyList<DmarStructure> Structures)
{
    /// <summary>INTR_REMAP: the platform supports interrupt remapping.</summary>
    public bool InterruptRemapping => (Flags & 1) != 0;

    /// <summary>X2APIC_OPT_OUT: firmware asks the OS not to enable x2APIC mode.</summary>
    public bool X2ApicOptOut => (Flags & 2) != 0;

    /// <summary>DMA_CTRL_PLATFORM_OPT_IN: firmware asks for DMA protection from boot on.</summary>
    public bool DmaControlOptIn => (Flags & 4) != 0;
}
