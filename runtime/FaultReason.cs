namespace VtdDsl;

/// <summary>VT-d fault reason codes (VT-d specification, chapter 7; see docs and VTD-FORMATS.md).</summary>
public enum FaultReason : byte
{
    None = 0x00,
    RootEntryNotPresent = 0x01,
    ContextEntryNotPresent = 0x02,
    ContextEntryInvalid = 0x03,
    AddressBeyondWidth = 0x04,
    WriteDenied = 0x05,
    ReadDenied = 0x06,
    SecondLevelEntryReadError = 0x07,
    RootEntryReadError = 0x08,
    ContextEntryReadError = 0x09,
    RootEntryReserved = 0x0A,
    ContextEntryReserved = 0x0B,
    SecondLevelEntryReserved = 0x0C,
    BlockedByTranslationType = 0x0D,
    InterruptReservedFields = 0x20,
    InterruptIndexBeyondTable = 0x21,
    InterruptEntryNotPresent = 0x22,
    InterruptTableReadError = 0x23,
    InterruptEntryReserved = 0x24,
    CompatibilityInterruptBlocked = 0x25,
    SourceMismatch = 0x26,
}
