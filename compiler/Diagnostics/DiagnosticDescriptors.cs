using System.Collections.Generic;
using static VtdDsl.Compiler.Diagnostics.DiagnosticCategories;
using static VtdDsl.Compiler.Diagnostics.DiagnosticSeverity;

namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic of the language, in one place (LANGUAGE.md "Diagnostics"). Ids are public:
/// never renumber one; list new ones in generator/AnalyzerReleases.Unshipped.md.
/// </summary>
public static class DiagnosticDescriptors
{
    // ---- lexical and syntax ----------------------------------------------------------
    public static readonly DiagnosticDescriptor SyntaxError = new(
        "VTD0001", "Syntax error", "{0}", Error, DiagnosticCategories.Syntax,
        "The text does not follow the grammar of the language: a token is unexpected or missing.");

    public static readonly DiagnosticDescriptor MalformedNumber = new(
        "VTD0002", "Malformed number", "{0}", Error, DiagnosticCategories.Syntax,
        "Numbers are decimal or hexadecimal (0x), '_' may separate digits, and they must fit in 64 bits (at most 2^64-1).");

    public static readonly DiagnosticDescriptor SourceIdOutOfRange = new(
        "VTD0003", "PCI source id out of range", "{0}", Error, DiagnosticCategories.Syntax,
        "A PCI source id is BB:DD.F or SSSS:BB:DD.F in hexadecimal: bus 00-FF, device 00-1F, function 0-7, segment 0000-FFFF.");

    public static readonly DiagnosticDescriptor MalformedSize = new(
        "VTD0004", "Malformed size", "{0}", Error, DiagnosticCategories.Syntax,
        "A size is a number with an optional unit (KiB, MiB, GiB, TiB or K, M, G, T); it must not be zero or overflow 64 bits.");

    // ---- names ----------------------------------------------------------------------
    public static readonly DiagnosticDescriptor DuplicateName = new(
        "VTD1001", "Name declared twice", "{0} '{1}' is already declared", Error, Names,
        "Names are unique per kind: two domains (or two devices, units, memory regions...) cannot share a name.");

    public static readonly DiagnosticDescriptor UnknownDomain = new(
        "VTD1002", "Unknown domain", "Domain '{0}' is not declared", Error, Names,
        "A device or PASID refers to a domain that no 'domain' declaration names.");

    public static readonly DiagnosticDescriptor UnknownDevice = new(
        "VTD1003", "Unknown device", "Device '{0}' is not declared", Error, Names,
        "An interrupt refers to a device that no 'device' declaration names.");

    public static readonly DiagnosticDescriptor PolicyDeclaration = new(
        "VTD1004", "Policy missing, repeated or not unique", "{0}", Error, Names,
        "A file holds exactly one 'policy A.B.Name;' declaration, and two files cannot declare the same policy.");

    // ---- domains --------------------------------------------------------------------
    public static readonly DiagnosticDescriptor DuplicateDomainId = new(
        "VTD2001", "Duplicate domain id", "Domains '{0}' and '{1}' both have id {2}", Error, Domains,
        "Each domain needs its own domain id: the IOTLB and context caches are tagged with it.");

    public static readonly DiagnosticDescriptor DomainIdOutOfRange = new(
        "VTD2002", "Domain id out of range", "{0}", Error, Domains,
        "Domain id 0 is reserved, and ids must be below the number of domains the serving unit supports ('domains N').");

    public static readonly DiagnosticDescriptor PassthroughWithWindows = new(
        "VTD2003", "Pass-through domain declares windows", "Pass-through domain '{0}' declares a window; its DMA addresses are host addresses", Error, Domains,
        "A pass-through domain has no page tables, so windows would be silently ignored. Remove them or drop 'passthrough'.");

    public static readonly DiagnosticDescriptor PassthroughUnsupported = new(
        "VTD2004", "Pass-through not supported", "Pass-through domain '{0}' has device '{1}' on unit '{2}', which does not support pass-through", Error, Domains,
        "The unit declares 'passthrough none;' (ECAP.PT = 0), so a context entry cannot use translation type 10.");

    public static readonly DiagnosticDescriptor UnsupportedDomainWidth = new(
        "VTD2005", "Address width not supported", "{0}", Error, Domains,
        "The domain's address width must be one of the serving unit's 'address-width' values (SAGAW).");

    public static readonly DiagnosticDescriptor PassthroughWithProtectedMemory = new(
        "VTD2006", "Pass-through domain with protected memory", "Pass-through domain '{0}' lets its devices reach protected memory '{1}'", Error, Domains,
        "A pass-through device reaches all host memory, including memory the policy protects. Give the domain identity windows that exclude the protected regions.");

    public static readonly DiagnosticDescriptor DomainWithoutDevices = new(
        "VTD2007", "Domain with no devices", "Domain '{0}' has no devices", Warning, Domains,
        "No device is bound to the domain, so its tables are never used. Bind a device or remove the domain.");

    public static readonly DiagnosticDescriptor TooManyDomains = new(
        "VTD2008", "More domains than the unit supports", "Unit '{0}' supports {1} domain ids (1 to {2}), but serves {3} domains", Error, Domains,
        "The unit's 'domains N' (CAP.ND) bounds the domain ids; id 0 is reserved.");

    public static readonly DiagnosticDescriptor TooManyUnits = new(
        "VTD2009", "Too many iommu units", "Iommu '{0}' is unit {1}; a policy has at most {2} iommu units", Error, Domains,
        "The tables number units with one byte; a platform has far fewer DMA-remapping units than 256.");

    // ---- windows --------------------------------------------------------------------
    public static readonly DiagnosticDescriptor WindowNotPageAligned = new(
        "VTD3001", "Window not 4 KiB aligned", "{0} of the window is 0x{1:X}, not a multiple of 4 KiB", Error, Windows,
        "Second-level page tables map whole 4 KiB pages; a window's DMA address, host address and size must be multiples of 4 KiB.");

    public static readonly DiagnosticDescriptor WindowBeyondWidth = new(
        "VTD3003", "Window beyond the address width", "Window [0x{0:X}, 0x{1:X}) of domain '{2}' goes beyond {3}", Error, Windows,
        "A DMA address must be below 2^width of the domain's address width; widen the domain (address-width) or move the window.");

    public static readonly DiagnosticDescriptor WindowOverflows = new(
        "VTD3004", "Window overflows 64 bits", "{0} 0x{1:X} plus size 0x{2:X} overflows 64 bits", Error, Windows,
        "Base + size of a window must not exceed 2^64.");

    public static readonly DiagnosticDescriptor OverlappingWindows = new(
        "VTD3005", "Overlapping windows", "Windows [0x{0:X}, 0x{1:X}) and [0x{2:X}, 0x{3:X}) of domain '{4}' overlap", Error, Windows,
        "Each DMA address of a domain translates to one host address; two windows cannot cover the same DMA address.");

    public static readonly DiagnosticDescriptor WindowTargetsProtectedMemory = new(
        "VTD3006", "Window targets protected memory", "Window of domain '{0}' reaches host [0x{1:X}, 0x{2:X}) of protected memory '{3}'", Error, Windows,
        "No device may reach memory declared with 'protect'.");

    public static readonly DiagnosticDescriptor WindowTargetsUndeclaredMemory = new(
        "VTD3007", "Window targets undeclared memory", "Window of domain '{0}' reaches host [0x{1:X}, 0x{2:X}), which no 'memory' declares", Error, Windows,
        "When the policy declares its memory map, every window must target declared memory.");

    public static readonly DiagnosticDescriptor SharedWritableMemory = new(
        "VTD3008", "Host memory reachable from two domains", "Host [0x{0:X}, 0x{1:X}) is reachable from domains '{2}' and '{3}' with write access, and not both windows say 'shared'", Warning, Windows,
        "Memory one domain can write should be reachable from no other domain. Mark both windows 'shared' to record a reviewed exception.");

    public static readonly DiagnosticDescriptor WindowBeyondHostAddressWidth = new(
        "VTD3010", "Window beyond the host address width", "Window of domain '{0}' reaches host [0x{1:X}, 0x{2:X}), beyond the 52-bit host address width of VT-d", Error, Windows,
        "Second-level entries hold host address bits 51:12: no VT-d unit reaches host memory at or above 2^52.");

    public static readonly DiagnosticDescriptor WindowOverlapsInterruptRange = new(
        "VTD3011", "Window overlaps the interrupt address range", "DMA addresses [0x{0:X}, 0x{1:X}) of a window of domain '{2}' are in the interrupt address range 0xFEE00000-0xFEEFFFFF: no device can reach them", Warning, Windows,
        "Requests without a PASID to 0xFEE00000-0xFEEFFFFF are never translated: writes are interrupt requests and reads are blocked. That part of the window is unreachable.");

    public static readonly DiagnosticDescriptor MapWindowInsideInterruptRange = new(
        "VTD3012", "Window inside the interrupt address range", "Window [0x{0:X}, 0x{1:X}) of domain '{2}' lies entirely in the interrupt address range 0xFEE00000-0xFEEFFFFF: no device can ever use it", Error, Windows,
        "Requests without a PASID to 0xFEE00000-0xFEEFFFFF are interrupt requests (writes) or blocked (reads); a 'map' window there never translates anything.");

    public static readonly DiagnosticDescriptor WindowBeyondGuestAddressWidth = new(
        "VTD3013", "Window beyond the guest address width", "Window [0x{0:X}, 0x{1:X}) of domain '{2}' goes beyond the {3}-bit guest address width of unit '{4}'", Error, Windows,
        "A unit faults (0x04) every DMA address at or above 2^MGAW (its 'guest-address-width'), whatever its page tables hold.");

    public static readonly DiagnosticDescriptor WriteWithoutRead = new(
        "VTD3009", "Write without read", "Window of domain '{0}' grants write but not read", Warning, Windows,
        "VT-d hardware may not support write-only mappings; grant read as well.");

    // ---- devices --------------------------------------------------------------------
    public static readonly DiagnosticDescriptor DuplicateSourceId = new(
        "VTD4001", "Duplicate source id", "Source id {0} is bound by devices '{1}' and '{2}'", Error, Devices,
        "A requester id has one context entry; bind each PCI function once.");

    public static readonly DiagnosticDescriptor DeviceOutOfScope = new(
        "VTD4002", "Device outside every unit's scope", "Source id {0} of device '{1}' is in the scope of no iommu unit", Error, Devices,
        "Each device must be served by a unit: add it to a unit's 'scope' or add a unit with 'scope all' on its segment.");

    public static readonly DiagnosticDescriptor SharedSourceIdDifferentDomains = new(
        "VTD4003", "Shared source id bound to different domains", "DMA of devices '{0}' and '{1}' arrives with source id {2}, but they are bound to domains '{3}' and '{4}'", Error, Devices,
        "Devices behind one PCIe-to-PCI bridge share its source id, so the IOMMU cannot tell them apart: bind them to one domain.");

    public static readonly DiagnosticDescriptor AtsOnPassthrough = new(
        "VTD4004", "ATS on a pass-through device", "Device '{0}' uses 'ats' but its domain '{1}' is pass-through", Error, Devices,
        "A pass-through context entry uses translation type 10; it cannot also enable device TLBs (type 01).");

    // ---- interrupts -----------------------------------------------------------------
    public static readonly DiagnosticDescriptor VectorOutOfRange = new(
        "VTD5001", "Vector out of range", "Vector 0x{0:X} of device '{1}' is outside 0x10-0xFE", Error, Interrupts,
        "Vectors 0x00-0x0F are reserved for exceptions and 0xFF is spurious.");

    public static readonly DiagnosticDescriptor DuplicateInterruptIndex = new(
        "VTD5002", "Duplicate interrupt index", "Interrupts of '{0}' and '{1}' both use index {2} of unit '{3}'", Error, Interrupts,
        "Each interrupt-remapping table entry holds one interrupt.");

    public static readonly DiagnosticDescriptor InterruptIndexOutOfRange = new(
        "VTD5003", "Interrupt index out of range", "{0}", Error, Interrupts,
        "The index must be below the unit's 'interrupts N', and the table must have a free entry for every interrupt.");

    public static readonly DiagnosticDescriptor DestinationOutOfRange = new(
        "VTD5004", "Destination cpu out of range", "Destination cpu {0} of device '{1}' is above 0xFFFFFFFF", Error, Interrupts,
        "The x2APIC destination id is 32 bits.");

    public static readonly DiagnosticDescriptor InterruptWithoutRemapping = new(
        "VTD5005", "Interrupt cannot be remapped", "{0}", Error, Interrupts,
        "An interrupt needs a bound device whose unit has an interrupt-remapping table ('interrupts N' with N > 0).");

    public static readonly DiagnosticDescriptor InvalidInterruptTableSize = new(
        "VTD5006", "Invalid interrupt table size", "Unit '{0}' declares {1} interrupt entries; the table holds 0 or a power of two from 2 to 65536 entries", Error, Interrupts,
        "The IRTA register encodes the table size as 2^(S+1) entries.");

    public static readonly DiagnosticDescriptor DestinationNeedsX2Apic = new(
        "VTD5009", "Destination needs x2APIC mode", "Destination cpu {0} of device '{1}' is above 255, but unit '{2}' is not in x2APIC mode", Error, Interrupts,
        "Without 'x2apic;' (extended interrupt mode, IRTA.EIME) an interrupt-remapping entry holds an 8-bit xAPIC destination.");

    public static readonly DiagnosticDescriptor BroadcastDestination = new(
        "VTD5010", "Broadcast destination", "Destination cpu 0x{0:X} of device '{1}' is the broadcast id of unit '{2}': the interrupt goes to every processor", Warning, Interrupts,
        "0xFF (xAPIC mode) and 0xFFFFFFFF (x2APIC mode) address every processor, not one cpu.");

    // ---- scalable mode --------------------------------------------------------------
    public static readonly DiagnosticDescriptor PasidOutOfRange = new(
        "VTD6001", "PASID out of range", "{0}", Error, Scalable,
        "PASID 0 is the RID_PASID of requests without a PASID; others must be below 2^pasid-bits of the unit.");

    public static readonly DiagnosticDescriptor DuplicatePasid = new(
        "VTD6002", "Duplicate PASID", "Device '{0}' binds PASID {1} twice", Error, Scalable,
        "A PASID table entry selects one translation.");

    public static readonly DiagnosticDescriptor PasidWithoutScalableMode = new(
        "VTD6003", "PASID on a legacy-mode unit", "Device '{0}' binds PASID {1}, but unit '{2}' is not in scalable mode", Error, Scalable,
        "Only scalable-mode units translate requests with a PASID; add 'mode scalable;' to the unit.");

    public static readonly DiagnosticDescriptor ProcessPasidWithoutAtsPri = new(
        "VTD6004", "Shared virtual memory without ATS and PRI", "Device '{0}' binds PASID {1} to process '{2}' but lacks {3}", Error, Scalable,
        "Shared virtual memory needs address translation services and page requests: add 'ats;' and 'pri;' to the device.");

    public static readonly DiagnosticDescriptor UnknownProcess = new(
        "VTD6005", "Unknown process", "Process '{0}' is not declared", Error, Scalable,
        "A 'pasid N -> process P;' refers to a process that no 'process' declaration names.");

    public static readonly DiagnosticDescriptor UnusedProcess = new(
        "VTD6006", "Process not used", "Process '{0}' is used by no device", Warning, Scalable,
        "No PASID binds the process, so it is never reachable.");

    // ---- platform: reserved memory, IOMMU groups, the memory map ---------------------------
    public static readonly DiagnosticDescriptor ReservedRegionNotMapped = new(
        "VTD7001", "Reserved memory not identity-mapped", "Device '{0}' needs reserved region '{1}' [0x{2:X}, 0x{3:X}), but its domain '{4}' does not identity-map all of it read write", Error, DiagnosticCategories.Platform,
        "Firmware keeps using a reserved region (RMRR) for DMA on behalf of its devices: the domain of each such device must be pass-through or identity-map the whole region with read and write.");

    public static readonly DiagnosticDescriptor ReservedRegionProtected = new(
        "VTD7002", "Reserved memory is protected", "Reserved region '{0}' [0x{1:X}, 0x{2:X}) overlaps protected memory '{3}'", Error, DiagnosticCategories.Platform,
        "Firmware keeps DMA going to reserved regions, so no policy can keep devices away from them.");

    public static readonly DiagnosticDescriptor ReservedRegionWritable = new(
        "VTD7003", "Reserved memory writable by another domain", "Domain '{0}' can write reserved region '{1}' [0x{2:X}, 0x{3:X}), which none of its devices needs", Warning, DiagnosticCategories.Platform,
        "Firmware uses a reserved region on behalf of its devices; another domain writing it can corrupt what firmware keeps there.");

    public static readonly DiagnosticDescriptor GroupSplit = new(
        "VTD7004", "IOMMU group split across domains", "Group '{0}' puts '{1}' in domain '{2}' and '{3}' in domain '{4}'; a group's functions cannot be isolated from one another", Error, DiagnosticCategories.Platform,
        "Functions of one IOMMU group (no ACS between them) can reach one another's DMA: bind all of them to one domain or leave them unbound.");

    public static readonly DiagnosticDescriptor OverlappingMemory = new(
        "VTD7005", "Overlapping memory declarations", "Memory regions '{0}' [0x{1:X}, 0x{2:X}) and '{3}' [0x{4:X}, 0x{5:X}) overlap", Error, DiagnosticCategories.Platform,
        "Each byte of the host memory map is declared once.");

    public static readonly DiagnosticDescriptor DomainAcrossGuestWidths = new(
        "VTD7006", "Domain served by units with different guest address widths", "Domain '{0}' is served by units '{1}' ({2}-bit guest address width) and '{3}' ({4}-bit)", Error, DiagnosticCategories.Platform,
        "The compiled tables answer a domain's requests with one address limit; bind a domain's devices to units with the same 'guest-address-width'.");

    // ---- the compiler itself ----------------------------------------------------------
    public static readonly DiagnosticDescriptor InternalError = new(
        "VTD9999", "Internal compiler error", "Internal compiler error: {0}", Error, DiagnosticCategories.Compiler,
        "A bug in VtdDsl. The compiler reports it instead of throwing at its host; please report it with the spec that caused it.");

    /// <summary>Every descriptor, ordered by id.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        SyntaxError, MalformedNumber, SourceIdOutOfRange, MalformedSize,
        DuplicateName, UnknownDomain, UnknownDevice, PolicyDeclaration,
        DuplicateDomainId, DomainIdOutOfRange, PassthroughWithWindows, PassthroughUnsupported,
        UnsupportedDomainWidth, PassthroughWithProtectedMemory, DomainWithoutDevices, TooManyDomains, TooManyUnits,
        WindowNotPageAligned, WindowBeyondWidth, WindowOverflows, OverlappingWindows,
        WindowTargetsProtectedMemory, WindowTargetsUndeclaredMemory, SharedWritableMemory, WriteWithoutRead, WindowBeyondHostAddressWidth,
        WindowOverlapsInterruptRange, MapWindowInsideInterruptRange, WindowBeyondGuestAddressWidth,
        DuplicateSourceId, DeviceOutOfScope, SharedSourceIdDifferentDomains, AtsOnPassthrough,
        VectorOutOfRange, DuplicateInterruptIndex, InterruptIndexOutOfRange, DestinationOutOfRange,
        InterruptWithoutRemapping, InvalidInterruptTableSize, DestinationNeedsX2Apic, BroadcastDestination,
        PasidOutOfRange, DuplicatePasid, PasidWithoutScalableMode, ProcessPasidWithoutAtsPri,
        UnknownProcess, UnusedProcess,
        ReservedRegionNotMapped, ReservedRegionProtected, ReservedRegionWritable, GroupSplit, OverlappingMemory, DomainAcrossGuestWidths,
        InternalError,
    };
}
