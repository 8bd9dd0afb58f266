using System;

namespace VtdDsl;

/// <summary>
/// The compiled lookup tables of one policy, as flat arrays of primitives. Generated code
/// implements this on an empty struct whose properties return spans over constant data
/// (stored in the assembly image, never allocated); the CLI implements it over arrays the
/// compiler core lays out. Both feed the same <see cref="PolicyEngine"/>, specialised per
/// struct by the JIT, so there are no virtual calls on the hot path.
/// </summary>
/// <remarks>
/// Units, context tables, domains, windows and interrupts are numbered from 0 in the order
/// the compiler lays them out. "CSR" arrays have one more element than the things they
/// index: the items of thing i are [Start[i], Start[i + 1]).
/// </remarks>
public interface IPolicyTables
{
    /// <summary>The dotted policy name.</summary>
    string PolicyName { get; }

    // ---- which unit serves a request -------------------------------------------------
    /// <summary>Disjoint ranges of <see cref="SourceId.Value"/> (segment &lt;&lt; 16 | requester id), sorted: first key.</summary>
    ReadOnlySpan<uint> ScopeFirst { get; }
    /// <summary>Last key of each scope range (inclusive).</summary>
    ReadOnlySpan<uint> ScopeLast { get; }
    /// <summary>The unit serving each scope range.</summary>
    ReadOnlySpan<byte> ScopeUnit { get; }

    // ---- units ----------------------------------------------------------------------
    /// <summary>PCI segment of each unit.</summary>
    ReadOnlySpan<ushort> UnitSegment { get; }
    /// <summary>Capabilities of each unit, <see cref="UnitCapabilities"/> bits.</summary>
    ReadOnlySpan<byte> UnitCapabilities { get; }
    /// <summary>Interrupt-remapping table entries of each unit (0: no interrupt remapping).</summary>
    ReadOnlySpan<int> UnitInterruptEntries { get; }
    /// <summary>CSR over <see cref="InterruptIndex"/>: the interrupts of each unit.</summary>
    ReadOnlySpan<int> UnitInterruptStart { get; }

    // ---- root and context tables ----------------------------------------------------------
    /// <summary>256 entries per unit, indexed by bus: 0 when not present, else 1 + context table number.</summary>
    ReadOnlySpan<ushort> RootEntries { get; }
    /// <summary>256 entries per context table, indexed by <c>device &lt;&lt; 3 | function</c>: 0 when not present, else 1 + domain number.</summary>
    ReadOnlySpan<ushort> ContextEntries { get; }
    /// <summary>256 entries per context table: <see cref="ContextFlags"/> bits.</summary>
    ReadOnlySpan<byte> ContextFlags { get; }

    // ---- domains ----------------------------------------------------------------------
    /// <summary>Domain id of each domain.</summary>
    ReadOnlySpan<ushort> DomainId { get; }
    /// <summary>
    /// Address limit in bits of each domain: DMA addresses at or above 2^width fault 0x04. The domain's
    /// address width (39, 48 or 57), or below it the guest address width (CAP.MGAW) of its units; the
    /// image writes the smallest table format a unit supports that covers it. For pass-through the
    /// largest width its units support.
    /// </summary>
    ReadOnlySpan<byte> DomainWidth { get; }
    /// <summary><see cref="DomainFlags"/> bits of each domain.</summary>
    ReadOnlySpan<byte> DomainFlags { get; }
    /// <summary>CSR over the window arrays: the windows of each domain, sorted by DMA address.</summary>
    ReadOnlySpan<int> DomainWindowStart { get; }

    // ---- windows ----------------------------------------------------------------------
    /// <summary>First DMA address of each window.</summary>
    ReadOnlySpan<ulong> WindowIova { get; }
    /// <summary>Last DMA address of each window (inclusive, so a window may end at 2^64 − 1).</summary>
    ReadOnlySpan<ulong> WindowLast { get; }
    /// <summary>Host physical address of each window's first byte.</summary>
    ReadOnlySpan<ulong> WindowHost { get; }
    /// <summary><see cref="WindowRights"/> bits of each window.</summary>
    ReadOnlySpan<byte> WindowRights { get; }

    // ---- interrupts (sorted by unit, then index) -----------------------------------------------
    /// <summary>Interrupt-remapping table index of each interrupt, within its unit's table.</summary>
    ReadOnlySpan<ushort> InterruptIndex { get; }
    /// <summary>Requester id the entry verifies (the device's own id, or its <c>via</c> id).</summary>
    ReadOnlySpan<ushort> InterruptSource { get; }
    /// <summary>Vector each interrupt is delivered with.</summary>
    ReadOnlySpan<byte> InterruptVector { get; }
    /// <summary>Destination cpu (x2APIC id) of each interrupt.</summary>
    ReadOnlySpan<uint> InterruptDestination { get; }
    /// <summary><see cref="InterruptFlags"/> bits of each interrupt.</summary>
    ReadOnlySpan<byte> InterruptFlags { get; }
}

/// <summary>Bits of <see cref="IPolicyTables.UnitCapabilities"/>.</summary>
public static class UnitCapabilities
{
    /// <summary>Supports 39-bit domains (3-level tables).</summary>
    public const byte Width39 = 1 << 0;
    /// <summary>Supports 48-bit domains (4-level tables).</summary>
    public const byte Width48 = 1 << 1;
    /// <summary>Supports 57-bit domains (5-level tables).</summary>
    public const byte Width57 = 1 << 2;
    /// <summary>Supports 2 MiB leaves.</summary>
    public const byte Superpage2M = 1 << 3;
    /// <summary>Supports 1 GiB leaves.</summary>
    public const byte Superpage1G = 1 << 4;
    /// <summary>Supports pass-through context entries.</summary>
    public const byte PassThrough = 1 << 5;
    /// <summary>Runs in scalable mode (PASID tables); otherwise legacy mode.</summary>
    public const byte ScalableMode = 1 << 6;
    /// <summary>
    /// xAPIC interrupt mode: interrupt-remapping entries carry an 8-bit xAPIC destination in bits 47:40
    /// (program IRTA_REG.EIME = 0). Clear: extended interrupt mode (x2APIC), a 32-bit destination in
    /// bits 63:32 (EIME = 1). A compiled policy sets it for every unit without <c>x2apic;</c>.
    /// </summary>
    public const byte XApicInterrupts = 1 << 7;
}

/// <summary>Bits of <see cref="IPolicyTables.ContextFlags"/>.</summary>
public static class ContextFlags
{
    /// <summary>The device may use ATS: translation type 01 instead of 00.</summary>
    public const byte DeviceTlb = 1 << 0;
}

/// <summary>Bits of <see cref="IPolicyTables.DomainFlags"/>.</summary>
public static class DomainFlags
{
    /// <summary>A pass-through domain: DMA addresses are host addresses, all of host memory read and write.</summary>
    public const byte PassThrough = 1 << 0;
}

/// <summary>Bits of <see cref="IPolicyTables.WindowRights"/>.</summary>
public static class WindowRights
{
    /// <summary>The window grants read.</summary>
    public const byte Read = 1 << 0;
    /// <summary>The window grants write.</summary>
    public const byte Write = 1 << 1;
    /// <summary>The window says <c>shared</c> (a reviewed exception to isolation); no effect on translation.</summary>
    public const byte Shared = 1 << 2;
}

/// <summary>Bits of <see cref="IPolicyTables.InterruptFlags"/>.</summary>
public static class InterruptFlags
{
    /// <summary>Level triggered (else edge).</summary>
    public const byte LevelTriggered = 1 << 0;
    /// <summary>Lowest-priority delivery (else fixed).</summary>
    public const byte LowestPriority = 1 << 1;
}
