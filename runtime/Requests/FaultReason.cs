namespace VtdDsl;

/// <summary>VT-d fault reason codes (VT-d specification, chapter 7; see docs and VTD-FORMATS.md).</summary>
/// <remarks>
/// 0x01–0x26 are the legacy-mode reasons. 0x30 and above are the scalable-mode reasons (VT-d
/// specification rev 3.x/4.x, "Non-recoverable Fault Conditions" for scalable mode; the same
/// numbering as Linux <c>dma_remap_sm_fault_reasons</c> in drivers/iommu/intel/dmar.c). Each
/// member's comment names the specification's condition id: SRTA (root-table address and root
/// entry), SCT (scalable-mode context entry), SPD (PASID directory entry), SPT (PASID table entry),
/// SFS (first-stage paging entry), SSS (second-stage paging entry), SGN (general translation).
/// Requests with a PASID report these; requests without one (RID_PASID), and the second-stage walk
/// of a PASID bound to a domain, keep the legacy reasons 0x01–0x06 the policy engine answers.
/// </remarks>
public enum FaultReason : byte
{
    /// <summary>No fault: the request was allowed.</summary>
    None = 0x00,
    /// <summary>0x01: the root entry of the request's bus is not present.</summary>
    RootEntryNotPresent = 0x01,
    /// <summary>0x02: the context entry of the device/function is not present (no domain is bound).</summary>
    ContextEntryNotPresent = 0x02,
    /// <summary>0x03: the context entry is invalid: a reserved translation type, or an address width the unit does not support.</summary>
    ContextEntryInvalid = 0x03,
    /// <summary>0x04: the DMA address is beyond the domain's address width.</summary>
    AddressBeyondWidth = 0x04,
    /// <summary>0x05: a write where no window of the domain grants write.</summary>
    WriteDenied = 0x05,
    /// <summary>0x06: a read where no window of the domain grants read.</summary>
    ReadDenied = 0x06,
    /// <summary>0x07: a second-level paging entry could not be read (it lies outside memory).</summary>
    SecondLevelEntryReadError = 0x07,
    /// <summary>0x08: the root entry could not be read.</summary>
    RootEntryReadError = 0x08,
    /// <summary>0x09: the context entry could not be read.</summary>
    ContextEntryReadError = 0x09,
    /// <summary>0x0A: a reserved bit is set in the root entry.</summary>
    RootEntryReserved = 0x0A,
    /// <summary>0x0B: a reserved bit is set in the context entry.</summary>
    ContextEntryReserved = 0x0B,
    /// <summary>0x0C: a reserved bit is set in a second-level paging entry.</summary>
    SecondLevelEntryReserved = 0x0C,
    /// <summary>0x0D: the context entry's translation type does not allow the request (translated requests; not modelled).</summary>
    BlockedByTranslationType = 0x0D,
    /// <summary>
    /// A request without a PASID to the interrupt address range 0xFEE0_0000–0xFEEF_FFFF that is not an
    /// interrupt request (a read): blocked, never translated (VT-d 3.14; docs/hardware-tables.md).
    /// </summary>
    InterruptAddressRange = 0x0E,
    /// <summary>0x20: reserved fields of the interrupt request are set (not modelled).</summary>
    InterruptReservedFields = 0x20,
    /// <summary>0x21: the interrupt index is beyond the unit's table, or no unit serves the source.</summary>
    InterruptIndexBeyondTable = 0x21,
    /// <summary>0x22: the interrupt-remapping entry is not present.</summary>
    InterruptEntryNotPresent = 0x22,
    /// <summary>0x23: the interrupt-remapping entry could not be read.</summary>
    InterruptTableReadError = 0x23,
    /// <summary>0x24: a reserved bit is set in the interrupt-remapping entry, or it uses a format or mode this runtime does not write.</summary>
    InterruptEntryReserved = 0x24,
    /// <summary>0x25: a compatibility-format interrupt is blocked (not modelled).</summary>
    CompatibilityInterruptBlocked = 0x25,
    /// <summary>0x26: the requester fails the entry's source-id verification.</summary>
    SourceMismatch = 0x26,

    // ---- scalable mode ------------------------------------------------------------------------
    /// <summary>SRTA.1.1: the root-table address register holds an invalid address.</summary>
    InvalidRootTableAddress = 0x30,
    /// <summary>SRTA.1.2: a request with a PASID reached a unit whose root table is legacy-mode (RTADDR_REG.TTM = 00b).</summary>
    PasidRequestInLegacyMode = 0x31,
    /// <summary>SRTA.2: error reading a scalable-mode root entry.</summary>
    ScalableRootEntryReadError = 0x38,
    /// <summary>SRTA.3: the present bit of the root-entry half (LP for devfn 0–127, UP for 128–255) is clear.</summary>
    ScalableRootEntryNotPresent = 0x39,
    /// <summary>SRTA.4: a reserved field of a scalable-mode root entry is set.</summary>
    ScalableRootEntryReserved = 0x3A,
    /// <summary>SCT.1: error reading a scalable-mode context entry.</summary>
    ScalableContextEntryReadError = 0x40,
    /// <summary>SCT.2: the present bit of the scalable-mode context entry is clear.</summary>
    ScalableContextEntryNotPresent = 0x41,
    /// <summary>SCT.3: a reserved field of a scalable-mode context entry is set.</summary>
    ScalableContextEntryReserved = 0x42,
    /// <summary>SCT.4: the scalable-mode context entry is programmed with an invalid value.</summary>
    ScalableContextEntryInvalid = 0x43,
    /// <summary>SCT.5: a translated request or translation request while the context entry's DTE field is clear.</summary>
    DeviceTlbDisabled = 0x44,
    /// <summary>SCT.6: a request with a PASID while the context entry's PASIDE (PASID enable) field is clear: the device has no <c>pasid</c> lines.</summary>
    PasidDisabled = 0x45,
    /// <summary>SCT.7: the PASID is larger than the context entry's PASID directory covers (2^(PDTS + 7) entries of 64 PASIDs).</summary>
    PasidBeyondContextMax = 0x46,
    /// <summary>SCT.8: a page request while the context entry's PRE field is clear.</summary>
    PageRequestDisabled = 0x47,
    /// <summary>SPD.1: error reading a PASID directory entry.</summary>
    PasidDirectoryEntryReadError = 0x50,
    /// <summary>SPD.2: the PASID directory entry's present bit is clear: no PASID of that group of 64 is bound.</summary>
    PasidDirectoryEntryNotPresent = 0x51,
    /// <summary>SPD.3: a reserved field of a PASID directory entry is set.</summary>
    PasidDirectoryEntryReserved = 0x52,
    /// <summary>SPT.1: error reading a PASID table entry.</summary>
    PasidEntryReadError = 0x58,
    /// <summary>SPT.2: the PASID table entry's present bit is clear: the PASID is not bound, or its process is not bound yet.</summary>
    PasidEntryNotPresent = 0x59,
    /// <summary>SPT.3: a reserved field of a PASID table entry is set.</summary>
    PasidEntryReserved = 0x5A,
    /// <summary>SPT.4: the PASID table entry is invalid (reserved or unsupported PGTT, unsupported address width or paging mode).</summary>
    PasidEntryInvalid = 0x5B,
    /// <summary>SPT.6: a request with supervisor privilege while the PASID table entry's SRE field is clear.</summary>
    SupervisorRequestsDisabled = 0x5D,
    /// <summary>SFS.1: error reading a first-stage paging entry.</summary>
    FirstStageEntryReadError = 0x60,
    /// <summary>SFS.2: the present bit of a first-stage paging entry (PML4E, PDPTE, PDE or PTE) is clear.</summary>
    FirstStageEntryNotPresent = 0x61,
    /// <summary>SFS.3: a reserved field of a first-stage paging entry is set.</summary>
    FirstStageEntryReserved = 0x62,
    /// <summary>SGN.1: the input address of a first-stage translation is not canonical.</summary>
    NonCanonicalAddress = 0x70,
    /// <summary>SGN.2: a user-privilege request, and the U/S bit is 0 in a first-stage paging entry on its path.</summary>
    UserAccessDenied = 0x71,
    /// <summary>SGN.3: an execute request without execute permission.</summary>
    ExecuteDenied = 0x72,
    /// <summary>SGN.4: the input address is beyond what the translation can address.</summary>
    ScalableAddressBeyondWidth = 0x73,
    /// <summary>SGN.6: a write (or atomic) request without write permission (first stage: R/W is 0 in an entry on its path).</summary>
    ScalableWriteDenied = 0x75,
    /// <summary>SGN.7: a read (or atomic) request without read permission.</summary>
    ScalableReadDenied = 0x76,
}
