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
    public static readonly DiagnosticDescriptor UnexpectedToken = new(
        "VTD0001", "Unexpected token", "Unexpected {found}; expected {expected}", Error, DiagnosticCategories.Syntax,
        "The text does not follow the grammar of the language: the parser met a word or sign that cannot stand here.");

    public static readonly DiagnosticDescriptor MalformedNumber = new(
        "VTD0002", "Malformed number", "`{text}` is not a number", Error, DiagnosticCategories.Syntax,
        "Numbers are decimal or hexadecimal (0x) and '_' may separate digits; `0x` or `0x_` alone has no digits.");

    public static readonly DiagnosticDescriptor SourceIdOutOfRange = new(
        "VTD0003", "PCI source id out of range", "Source id `{text}` is out of range: bus 00-ff, device 00-1f, function 0-7, segment 0000-ffff", Error, DiagnosticCategories.Syntax,
        "A PCI source id is BB:DD.F or SSSS:BB:DD.F in hexadecimal: bus 00-FF, device 00-1F, function 0-7, segment 0000-FFFF.");

    public static readonly DiagnosticDescriptor InvalidSize = new(
        "VTD0004", "Invalid size", "Size `{text}` must be above zero and below 2^64", Error, DiagnosticCategories.Syntax,
        "A size is a number with an optional unit (KiB, MiB, GiB, TiB or K, M, G, T); it must not be zero or overflow 64 bits.");

    public static readonly DiagnosticDescriptor NumberTooLarge = new(
        "VTD0005", "Number too large", "Number `{text}` is above 2^64-1", Error, DiagnosticCategories.Syntax,
        "All addresses, sizes, ids and indexes are unsigned 64-bit numbers: at most 0xFFFF_FFFF_FFFF_FFFF.");

    public static readonly DiagnosticDescriptor MissingToken = new(
        "VTD0006", "Missing token", "Missing {expected} after {previous}", Error, DiagnosticCategories.Syntax,
        "A statement or declaration ends too early: the word or sign named is missing at the end of the previous token.");

    public static readonly DiagnosticDescriptor UnclosedBrace = new(
        "VTD0007", "Unclosed brace", "The `{{` of {owner} has no matching `}}`", Error, DiagnosticCategories.Syntax,
        "Every body opened with '{' is closed with '}' before the next declaration.");

    public static readonly DiagnosticDescriptor UnknownSizeUnit = new(
        "VTD0008", "Unknown size unit", "`{unit}` is not a size unit{didYouMean}", Error, DiagnosticCategories.Syntax,
        "Size units are KiB, MiB, GiB and TiB (or K, M, G, T): binary units, 1KiB = 1024 bytes.");

    public static readonly DiagnosticDescriptor SpaceBeforeSizeUnit = new(
        "VTD0009", "Space between a number and its unit", "The unit `{unit}` must follow the number directly: write `{fixed}`", Error, DiagnosticCategories.Syntax,
        "A size is one word: `2GiB`, not `2 GiB`.");

    public static readonly DiagnosticDescriptor UnknownDeclaration = new(
        "VTD0010", "Unknown declaration", "Unknown declaration `{word}`{didYouMean}", Error, DiagnosticCategories.Syntax,
        "A file holds policy, iommu, memory, protect, process, domain, device, functions and interrupt declarations.");

    public static readonly DiagnosticDescriptor DashInName = new(
        "VTD0011", "Dash in a name", "`{text}` is not a name: names use `_`, not `-`{didYouMean}", Error, DiagnosticCategories.Syntax,
        "A name is a letter or '_' followed by letters, digits and '_'. Keywords such as address-width hold dashes; names do not.");

    public static readonly DiagnosticDescriptor UnknownStatement = new(
        "VTD0016", "Unknown statement", "Unknown statement `{word}` in {owner}{didYouMean}", Error, DiagnosticCategories.Syntax,
        "Each body has its own statements: iommu (segment, scope, address-width, domains, superpages, passthrough, interrupts, mode, pasid-bits), domain (id, address-width, map, identity, passthrough), device (ats, pri, pasid) and interrupt (index, mode, trigger).");

    public static readonly DiagnosticDescriptor UnterminatedComment = new(
        "VTD0012", "Unterminated comment", "Unterminated comment: `/*` has no matching `*/`", Error, DiagnosticCategories.Syntax,
        "A block comment runs from '/*' to the next '*/'; without one it would swallow the rest of the file.");

    public static readonly DiagnosticDescriptor SettingGivenTwice = new(
        "VTD0013", "Setting given twice", "`{setting}` is given twice in {owner}; the first is at line {otherLine}", Error, DiagnosticCategories.Syntax,
        "Each setting of a domain, iommu unit or interrupt (and each permission of a window) is given at most once.");

    public static readonly DiagnosticDescriptor SegmentOutOfRange = new(
        "VTD0014", "Segment out of range", "Segment 0x{segment:X} of iommu '{unit}' is out of range: segments are 0000-ffff", Error, DiagnosticCategories.Syntax,
        "A PCI segment number is 16 bits.");

    public static readonly DiagnosticDescriptor EmptySourceIdRange = new(
        "VTD0015", "Empty source id range", "Source id range {first} .. {last} is empty or spans two segments", Error, DiagnosticCategories.Syntax,
        "A scope range runs from a first to a last source id of one segment, first <= last.");

    // ---- names ----------------------------------------------------------------------
    public static readonly DiagnosticDescriptor DuplicateName = new(
        "VTD1001", "Name declared twice", "{kind} {name} {verb} already declared at line {otherLine}", Error, Names,
        "Names are unique per kind: two domains (or two devices, units, memory regions...) cannot share a name.");

    public static readonly DiagnosticDescriptor UnknownDomain = new(
        "VTD1002", "Unknown domain", "Domain '{name}' is not declared{didYouMean}", Error, Names,
        "A device or PASID refers to a domain that no 'domain' declaration names.");

    public static readonly DiagnosticDescriptor UnknownDevice = new(
        "VTD1003", "Unknown device", "Device '{name}' is not declared{didYouMean}", Error, Names,
        "An interrupt refers to a device that no 'device' or 'functions' declaration names.");

    public static readonly DiagnosticDescriptor MissingPolicy = new(
        "VTD1004", "Missing policy declaration", "The file does not declare its policy: start it with `policy A.B.Name;`", Error, Names,
        "A file holds exactly one 'policy A.B.Name;' declaration: it names the generated type.");

    public static readonly DiagnosticDescriptor PolicyDeclaredTwice = new(
        "VTD1005", "Policy declared twice in a file", "The file already declares policy '{name}' at line {otherLine}; a file holds exactly one policy", Error, Names,
        "A file holds exactly one 'policy A.B.Name;' declaration.");

    public static readonly DiagnosticDescriptor PolicyNameClashesWithMember = new(
        "VTD1006", "Policy name clashes with a generated member", "Policy '{name}' would generate a type '{type}' with a member of its own name; the last part of a policy name cannot be {reserved}", Error, Names,
        "C# forbids a member named like its type, and the generated policy type has members Translate, Devices, Domains and others.");

    public static readonly DiagnosticDescriptor PolicyInTwoFiles = new(
        "VTD1007", "Policy declared in two files", "Policy '{name}' is also declared in '{otherFile}' at line {otherLine}; policy names must be unique", Error, Names,
        "Each policy becomes one type; two files cannot declare the same policy.");

    // ---- domains --------------------------------------------------------------------
    public static readonly DiagnosticDescriptor DuplicateDomainId = new(
        "VTD2001", "Duplicate domain id", "Domain '{domain}' has id {id}, which domain '{other}' at line {otherLine} already has", Error, Domains,
        "Each domain needs its own domain id: the IOTLB and context caches are tagged with it.");

    public static readonly DiagnosticDescriptor DomainIdOutOfRange = new(
        "VTD2002", "Domain id out of range", "Domain '{domain}' has id {id}; domain ids run from 1 to 65535", Error, Domains,
        "Domain id 0 is reserved and domain ids are 16 bits.");

    public static readonly DiagnosticDescriptor PassthroughWithWindows = new(
        "VTD2003", "Pass-through domain declares windows", "Pass-through domain '{domain}' declares a window; its DMA addresses are host addresses", Error, Domains,
        "A pass-through domain has no page tables, so windows would be silently ignored. Remove them or drop 'passthrough'.");

    public static readonly DiagnosticDescriptor PassthroughUnsupported = new(
        "VTD2004", "Pass-through not supported", "Pass-through domain '{domain}' has device '{device}' on unit '{unit}' (line {otherLine}), which does not support pass-through", Error, Domains,
        "The unit declares 'passthrough none;' (ECAP.PT = 0), so a context entry cannot use translation type 10.");

    public static readonly DiagnosticDescriptor UnsupportedDomainWidth = new(
        "VTD2005", "Address width not supported by the unit", "Domain '{domain}' uses a {width}-bit address width, which unit '{unit}' at line {otherLine} does not support (it supports {supported})", Error, Domains,
        "The domain's address width must be one of the serving unit's 'address-width' values (SAGAW).");

    public static readonly DiagnosticDescriptor PassthroughWithProtectedMemory = new(
        "VTD2006", "Pass-through domain with protected memory", "Pass-through domain '{domain}' lets its devices reach protected memory '{memory}' declared at line {otherLine}", Error, Domains,
        "A pass-through device reaches all host memory, including memory the policy protects. Give the domain identity windows that exclude the protected regions.");

    public static readonly DiagnosticDescriptor DomainWithoutDevices = new(
        "VTD2007", "Domain with no devices", "Domain '{domain}' has no devices", Warning, Domains,
        "No device is bound to the domain, so its tables are never used. Bind a device or remove the domain.");

    public static readonly DiagnosticDescriptor TooManyDomains = new(
        "VTD2008", "More domains than the unit supports", "Unit '{unit}' supports {capacity} domain ids (1 to {capacity}), but serves {served}", Error, Domains,
        "The unit's 'domains N' (CAP.ND) bounds the domain ids; id 0 is reserved. Every domain the unit serves, and in scalable mode every process its devices' PASIDs lead to, takes one.");

    public static readonly DiagnosticDescriptor TooManyUnits = new(
        "VTD2009", "Too many iommu units", "Iommu '{unit}' is unit {number}; a policy has at most {max} iommu units", Error, Domains,
        "The tables number units with one byte; a platform has far fewer DMA-remapping units than 256.");

    public static readonly DiagnosticDescriptor UnsupportedSuperpageSize = new(
        "VTD2010", "Unsupported superpage size", "Superpage size `{size}` of iommu '{unit}' is neither 2MiB nor 1GiB", Error, Domains,
        "Second-level tables have 2 MiB and 1 GiB superpages (CAP.SLLPS); no other size exists.");

    public static readonly DiagnosticDescriptor DomainIdBeyondUnit = new(
        "VTD2011", "Domain id beyond the unit's domain count", "{owner} has id {id}, but unit '{unit}' at line {otherLine} supports ids below {count}", Error, Domains,
        "Ids must be below the number of domains the serving unit supports ('domains N'): a domain's id on every unit serving it, and a process's automatic id on every unit whose devices bind a PASID to it.");

    public static readonly DiagnosticDescriptor InvalidDomainCount = new(
        "VTD2012", "Invalid domain count", "Iommu '{unit}' declares {count} domains; CAP.ND allows 16, 64, 256, 1024, 4096, 16384 or 65536", Error, Domains,
        "CAP.ND encodes the number of domain ids as 2^(4+2N).");

    public static readonly DiagnosticDescriptor InvalidAddressWidth = new(
        "VTD2013", "Invalid address width", "Address width {width} is not a VT-d width: widths are 39, 48 and 57", Error, Domains,
        "Second-level tables have 3, 4 or 5 levels: 39, 48 or 57 address bits (SAGAW).");

    public static readonly DiagnosticDescriptor DomainIdsExhausted = new(
        "VTD2014", "No domain id left", "{owner} gets no id: the policy needs {count} domain ids, but ids run from 1 to 65535", Error, Domains,
        "Every domain and every process takes one 16-bit domain id; id 0 is reserved.");

    // ---- windows --------------------------------------------------------------------
    public static readonly DiagnosticDescriptor WindowNotPageAligned = new(
        "VTD3001", "Window not 4 KiB aligned", "{part} of the window is 0x{value:X}, not a multiple of 4 KiB", Error, Windows,
        "Second-level page tables map whole 4 KiB pages; a window's DMA address, host address and size must be multiples of 4 KiB.");

    public static readonly DiagnosticDescriptor WindowBeyondWidth = new(
        "VTD3003", "Window beyond the address width", "Window [0x{start:X}, 0x{end:X}) of domain '{domain}' goes beyond its {width}-bit address width", Error, Windows,
        "A DMA address must be below 2^width of the domain's address width; widen the domain (address-width) or move the window.");

    public static readonly DiagnosticDescriptor WindowOverflows = new(
        "VTD3004", "Window overflows 64 bits", "{part} 0x{base:X} plus size 0x{size:X} overflows 64 bits", Error, Windows,
        "Base + size of a window or memory region must not exceed 2^64.");

    public static readonly DiagnosticDescriptor OverlappingWindows = new(
        "VTD3005", "Overlapping windows", "Window [0x{start:X}, 0x{end:X}) of domain '{domain}' overlaps the window [0x{otherStart:X}, 0x{otherEnd:X}) at line {otherLine}", Error, Windows,
        "Each DMA address of a domain translates to one host address; two windows cannot cover the same DMA address.");

    public static readonly DiagnosticDescriptor WindowTargetsProtectedMemory = new(
        "VTD3006", "Window targets protected memory", "Window of domain '{domain}' reaches host [0x{start:X}, 0x{end:X}) of protected memory '{memory}' declared at line {otherLine}", Error, Windows,
        "No device may reach memory declared with 'protect'.");

    public static readonly DiagnosticDescriptor WindowTargetsUndeclaredMemory = new(
        "VTD3007", "Window targets undeclared memory", "Window of domain '{domain}' reaches host [0x{start:X}, 0x{end:X}), which no 'memory' declares", Error, Windows,
        "When the policy declares its memory map, every window must target declared memory.");

    public static readonly DiagnosticDescriptor SharedWritableMemory = new(
        "VTD3008", "Host memory reachable from two domains", "Host [0x{start:X}, 0x{end:X}) is reachable from domains '{first}' and '{second}' with write access, and not both windows say 'shared' (the other window is at line {otherLine})", Warning, Windows,
        "Memory one domain can write should be reachable from no other domain. Mark both windows 'shared' to record a reviewed exception.");

    public static readonly DiagnosticDescriptor WindowBeyondHostAddressWidth = new(
        "VTD3010", "Window beyond the host address width", "Window of domain '{domain}' reaches host [0x{start:X}, 0x{end:X}), beyond the 52-bit host address width of VT-d", Error, Windows,
        "Second-level entries hold host address bits 51:12: no VT-d unit reaches host memory at or above 2^52.");

    public static readonly DiagnosticDescriptor WindowOverlapsInterruptRange = new(
        "VTD3011", "Window overlaps the interrupt address range", "DMA addresses [0x{start:X}, 0x{end:X}) of a window of domain '{domain}' are in the interrupt address range 0xFEE00000-0xFEEFFFFF: no device can reach them", Warning, Windows,
        "Requests without a PASID to 0xFEE00000-0xFEEFFFFF are never translated: writes are interrupt requests and reads are blocked. That part of the window is unreachable.");

    public static readonly DiagnosticDescriptor MapWindowInsideInterruptRange = new(
        "VTD3012", "Window inside the interrupt address range", "Window [0x{start:X}, 0x{end:X}) of domain '{domain}' lies entirely in the interrupt address range 0xFEE00000-0xFEEFFFFF: no device can ever use it", Error, Windows,
        "Requests without a PASID to 0xFEE00000-0xFEEFFFFF are interrupt requests (writes) or blocked (reads); a 'map' window there never translates anything.");

    public static readonly DiagnosticDescriptor WindowBeyondGuestAddressWidth = new(
        "VTD3013", "Window beyond the guest address width", "Window [0x{start:X}, 0x{end:X}) of domain '{domain}' goes beyond the {width}-bit guest address width of unit '{unit}'", Error, Windows,
        "A unit faults (0x04) every DMA address at or above 2^MGAW (its 'guest-address-width'), whatever its page tables hold.");

    public static readonly DiagnosticDescriptor WriteWithoutRead = new(
        "VTD3009", "Write without read", "Window of domain '{domain}' grants write but not read", Warning, Windows,
        "VT-d hardware may not support write-only mappings; grant read as well.");

    // ---- devices --------------------------------------------------------------------
    public static readonly DiagnosticDescriptor DuplicateSourceId = new(
        "VTD4001", "Duplicate source id", "{sources} of {devices} {verb} already bound by {others} at line {otherLine}", Error, Devices,
        "A requester id has one context entry; bind each PCI function once.");

    public static readonly DiagnosticDescriptor DeviceOutOfScope = new(
        "VTD4002", "Device outside every unit's scope", "Source id {sid} of device '{device}' is in the scope of no iommu unit", Error, Devices,
        "Each device must be served by a unit: add it to a unit's 'scope' or add a unit with 'scope all' on its segment.");

    public static readonly DiagnosticDescriptor SharedSourceIdDifferentDomains = new(
        "VTD4003", "Shared source id bound to different domains", "DMA of device '{device}' arrives with source id {sid}, as does DMA of device '{other}' at line {otherLine}, but they are bound to domains '{domain}' and '{otherDomain}'", Error, Devices,
        "Devices behind one PCIe-to-PCI bridge share its source id, so the IOMMU cannot tell them apart: bind them to one domain.");

    public static readonly DiagnosticDescriptor AtsOnPassthrough = new(
        "VTD4004", "ATS on a pass-through device", "Device '{device}' uses 'ats' but its domain '{domain}' is pass-through (line {otherLine})", Error, Devices,
        "A pass-through context entry uses translation type 10; it cannot also enable device TLBs (type 01).");

    public static readonly DiagnosticDescriptor EmptyFunctionRun = new(
        "VTD4005", "Empty function run", "Function run '{run}' has count {count} and stride {stride}; a run has at least one function and a stride of at least 1", Error, Devices,
        "A 'functions' run declares count functions, stride routing ids apart; a count of 0 declares nothing and a stride of 0 binds one routing id many times.");

    public static readonly DiagnosticDescriptor FunctionRunDomainCount = new(
        "VTD4006", "Function run with the wrong number of domains", "Function run '{run}' has {count} functions but lists {listed} domains; list one domain for all of them or exactly {count}", Error, Devices,
        "A run binds every function to its one domain, or function i to the i-th of exactly count domains.");

    public static readonly DiagnosticDescriptor FunctionRunBeyondSegment = new(
        "VTD4007", "Function run beyond its segment", "Function {index} of run '{run}' would have routing id 0x{rid:X}, beyond bus ff of segment {segment:X4}", Error, Devices,
        "Routing ids are 16 bits (bus, device, function) within one PCI segment; a run cannot cross bus ff.");

    // ---- interrupts -----------------------------------------------------------------
    public static readonly DiagnosticDescriptor VectorOutOfRange = new(
        "VTD5001", "Vector out of range", "Vector 0x{vector:X} of device '{device}' is outside 0x10-0xFE", Error, Interrupts,
        "Vectors 0x00-0x0F are reserved for exceptions and 0xFF is spurious.");

    public static readonly DiagnosticDescriptor DuplicateInterruptIndex = new(
        "VTD5002", "Duplicate interrupt index", "Interrupt of '{device}' uses index {index} of unit '{unit}', as does the interrupt of '{other}' at line {otherLine}", Error, Interrupts,
        "Each interrupt-remapping table entry holds one interrupt.");

    public static readonly DiagnosticDescriptor InterruptIndexOutOfRange = new(
        "VTD5003", "Interrupt index out of range", "Interrupt index {index} of device '{device}' is not below the {entries} entries of unit '{unit}'", Error, Interrupts,
        "The index must be below the unit's 'interrupts N'.");

    public static readonly DiagnosticDescriptor DestinationOutOfRange = new(
        "VTD5004", "Destination cpu out of range", "Destination cpu {cpu} of device '{device}' is above 0xFFFFFFFF", Error, Interrupts,
        "The x2APIC destination id is 32 bits.");

    public static readonly DiagnosticDescriptor InterruptWithoutRemapping = new(
        "VTD5005", "Interrupt on a unit without remapping", "Interrupt of device '{device}' cannot be remapped: unit '{unit}' has 'interrupts 0'", Error, Interrupts,
        "An interrupt needs a unit with an interrupt-remapping table ('interrupts N' with N > 0).");

    public static readonly DiagnosticDescriptor InvalidInterruptTableSize = new(
        "VTD5006", "Invalid interrupt table size", "Unit '{unit}' declares {count} interrupt entries; the table holds 0 or a power of two from 2 to 65536 entries", Error, Interrupts,
        "The IRTA register encodes the table size as 2^(S+1) entries.");

    public static readonly DiagnosticDescriptor InterruptTableFull = new(
        "VTD5007", "Interrupt table full", "Interrupt of device '{device}' finds no free entry: the {entries}-entry table of unit '{unit}' is full", Error, Interrupts,
        "Interrupts without an 'index' take the lowest free entries; the table must have a free entry for every interrupt.");

    public static readonly DiagnosticDescriptor InterruptOfUnservedDevice = new(
        "VTD5008", "Interrupt of a device no unit serves", "Interrupt of device '{device}' cannot be remapped: the device is served by no iommu unit", Error, Interrupts,
        "An interrupt is remapped by the unit that serves its device; a device outside every scope (VTD4002) has none.");

    public static readonly DiagnosticDescriptor DestinationNeedsX2Apic = new(
        "VTD5009", "Destination needs x2APIC mode", "Destination cpu {cpu} of device '{device}' is above 255, but unit '{unit}' is not in x2APIC mode", Error, Interrupts,
        "Without 'x2apic;' (extended interrupt mode, IRTA.EIME) an interrupt-remapping entry holds an 8-bit xAPIC destination.");

    public static readonly DiagnosticDescriptor BroadcastDestination = new(
        "VTD5010", "Broadcast destination", "Destination cpu 0x{cpu:X} of device '{device}' is the broadcast id of unit '{unit}': the interrupt goes to every processor", Warning, Interrupts,
        "0xFF (xAPIC mode) and 0xFFFFFFFF (x2APIC mode) address every processor, not one cpu.");

    // ---- scalable mode --------------------------------------------------------------
    public static readonly DiagnosticDescriptor PasidOutOfRange = new(
        "VTD6001", "PASID out of range", "PASID {pasid} of device '{device}' is not below 2^{bits}, the pasid-bits of unit '{unit}'", Error, Scalable,
        "A PASID must be below 2^pasid-bits of the unit.");

    public static readonly DiagnosticDescriptor DuplicatePasid = new(
        "VTD6002", "Duplicate PASID", "Device '{device}' binds PASID {pasid} twice; the first is at line {otherLine}", Error, Scalable,
        "A PASID table entry selects one translation.");

    public static readonly DiagnosticDescriptor PasidWithoutScalableMode = new(
        "VTD6003", "PASID on a legacy-mode unit", "Device '{device}' binds PASID {pasid}, but unit '{unit}' is not in scalable mode", Error, Scalable,
        "Only scalable-mode units translate requests with a PASID; add 'mode scalable;' to the unit.");

    public static readonly DiagnosticDescriptor ProcessPasidWithoutAtsPri = new(
        "VTD6004", "Shared virtual memory without ATS and PRI", "Device '{device}' binds PASID {pasid} to process '{process}' but lacks {missing}", Error, Scalable,
        "Shared virtual memory needs address translation services and page requests: add 'ats;' and 'pri;' to the device.");

    public static readonly DiagnosticDescriptor UnknownProcess = new(
        "VTD6005", "Unknown process", "Process '{name}' is not declared{didYouMean}", Error, Scalable,
        "A 'pasid N -> process P;' refers to a process that no 'process' declaration names.");

    public static readonly DiagnosticDescriptor UnusedProcess = new(
        "VTD6006", "Process not used", "Process '{process}' is used by no device", Warning, Scalable,
        "No PASID binds the process, so it is never reachable.");

    public static readonly DiagnosticDescriptor ReservedPasid = new(
        "VTD6007", "PASID 0 is reserved", "PASID 0 of device '{device}' is reserved for requests without a PASID (RID_PASID)", Error, Scalable,
        "PASID 0 is the RID_PASID: requests without a PASID use the entry of PASID 0.");

    public static readonly DiagnosticDescriptor InvalidPasidBits = new(
        "VTD6008", "Invalid pasid-bits", "Iommu '{unit}' declares pasid-bits {bits}; PASIDs are 1 to 20 bits wide", Error, Scalable,
        "ECAP.PSS gives the PASID width of a unit: 1 to 20 bits.");

    public static readonly DiagnosticDescriptor PasidBehindBridge = new(
        "VTD6009", "PASID on a device behind a bridge", "Device '{device}' binds PASID {pasid}, but it is a conventional PCI device behind bridge {bridge} (the 'via' at line {otherLine}): its requests carry the bridge's source id and no PASID", Error, Scalable,
        "A PASID is a PCIe TLP prefix: a conventional PCI device behind a PCIe-to-PCI bridge ('via') cannot tag its requests with one, and they reach the IOMMU with the bridge's source id. Remove the 'pasid' lines or the 'via' clause if the device is PCIe.");

    // ---- platform: reserved memory, IOMMU groups, the memory map ---------------------------
    public static readonly DiagnosticDescriptor ReservedRegionNotMapped = new(
        "VTD7001", "Reserved memory not identity-mapped", "Device '{device}' needs reserved region '{region}' [0x{start:X}, 0x{end:X}), but its domain '{domain}' does not identity-map all of it read write", Error, DiagnosticCategories.Platform,
        "Firmware keeps using a reserved region (RMRR) for DMA on behalf of its devices: the domain of each such device must be pass-through or identity-map the whole region with read and write.");

    public static readonly DiagnosticDescriptor ReservedRegionProtected = new(
        "VTD7002", "Reserved memory is protected", "Reserved region '{region}' [0x{start:X}, 0x{end:X}) overlaps protected memory '{memory}'", Error, DiagnosticCategories.Platform,
        "Firmware keeps DMA going to reserved regions, so no policy can keep devices away from them.");

    public static readonly DiagnosticDescriptor ReservedRegionWritable = new(
        "VTD7003", "Reserved memory writable by another domain", "Domain '{domain}' can write reserved region '{region}' [0x{start:X}, 0x{end:X}), which none of its devices needs", Warning, DiagnosticCategories.Platform,
        "Firmware uses a reserved region on behalf of its devices; another domain writing it can corrupt what firmware keeps there.");

    public static readonly DiagnosticDescriptor GroupSplit = new(
        "VTD7004", "IOMMU group split across domains", "Group '{group}' puts '{device}' in domain '{domain}' and '{otherDevice}' in domain '{otherDomain}'; a group's functions cannot be isolated from one another", Error, DiagnosticCategories.Platform,
        "Functions of one IOMMU group (no ACS between them) can reach one another's DMA: bind all of them to one domain or leave them unbound.");

    public static readonly DiagnosticDescriptor OverlappingMemory = new(
        "VTD7005", "Overlapping memory declarations", "Memory regions '{memory}' [0x{start:X}, 0x{end:X}) and '{otherMemory}' [0x{otherStart:X}, 0x{otherEnd:X}) overlap", Error, DiagnosticCategories.Platform,
        "Each byte of the host memory map is declared once.");

    public static readonly DiagnosticDescriptor DomainAcrossGuestWidths = new(
        "VTD7006", "Domain served by units with different guest address widths", "Domain '{domain}' is served by units '{unit}' ({width}-bit guest address width) and '{otherUnit}' ({otherWidth}-bit)", Error, DiagnosticCategories.Platform,
        "The compiled tables answer a domain's requests with one address limit; bind a domain's devices to units with the same 'guest-address-width'.");

    // ---- the compiler itself ----------------------------------------------------------
    public static readonly DiagnosticDescriptor InternalError = new(
        "VTD9999", "Internal compiler error", "Internal compiler error: {exception}", Error, DiagnosticCategories.Compiler,
        "A bug in VtdDsl. The compiler reports it instead of throwing at its host; please report it with the spec that caused it.");

    /// <summary>Every descriptor, ordered by id.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        UnexpectedToken,
        MalformedNumber,
        SourceIdOutOfRange,
        InvalidSize,
        NumberTooLarge,
        MissingToken,
        UnclosedBrace,
        UnknownSizeUnit,
        SpaceBeforeSizeUnit,
        UnknownDeclaration,
        DashInName,
        UnterminatedComment,
        SettingGivenTwice,
        SegmentOutOfRange,
        EmptySourceIdRange,
        UnknownStatement,
        DuplicateName,
        UnknownDomain,
        UnknownDevice,
        MissingPolicy,
        PolicyDeclaredTwice,
        PolicyNameClashesWithMember,
        PolicyInTwoFiles,
        DuplicateDomainId,
        DomainIdOutOfRange,
        PassthroughWithWindows,
        PassthroughUnsupported,
        UnsupportedDomainWidth,
        PassthroughWithProtectedMemory,
        DomainWithoutDevices,
        TooManyDomains,
        TooManyUnits,
        UnsupportedSuperpageSize,
        DomainIdBeyondUnit,
        InvalidDomainCount,
        InvalidAddressWidth,
        DomainIdsExhausted,
        WindowNotPageAligned,
        WindowBeyondWidth,
        WindowOverflows,
        OverlappingWindows,
        WindowTargetsProtectedMemory,
        WindowTargetsUndeclaredMemory,
        SharedWritableMemory,
        WriteWithoutRead,
        WindowBeyondHostAddressWidth,
        WindowOverlapsInterruptRange,
        MapWindowInsideInterruptRange,
        WindowBeyondGuestAddressWidth,
        DuplicateSourceId,
        DeviceOutOfScope,
        SharedSourceIdDifferentDomains,
        AtsOnPassthrough,
        EmptyFunctionRun,
        FunctionRunDomainCount,
        FunctionRunBeyondSegment,
        VectorOutOfRange,
        DuplicateInterruptIndex,
        InterruptIndexOutOfRange,
        DestinationOutOfRange,
        InterruptWithoutRemapping,
        InvalidInterruptTableSize,
        InterruptTableFull,
        InterruptOfUnservedDevice,
        DestinationNeedsX2Apic,
        BroadcastDestination,
        PasidOutOfRange,
        DuplicatePasid,
        PasidWithoutScalableMode,
        ProcessPasidWithoutAtsPri,
        UnknownProcess,
        UnusedProcess,
        ReservedPasid,
        InvalidPasidBits,
        PasidBehindBridge,
        ReservedRegionNotMapped,
        ReservedRegionProtected,
        ReservedRegionWritable,
        GroupSplit,
        OverlappingMemory,
        DomainAcrossGuestWidths,
        InternalError,
    };
}
