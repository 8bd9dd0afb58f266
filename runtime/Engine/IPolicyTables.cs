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

    // ---- domains and windows -----------------------------------------------------------
    /// <summary>Each domain as one record: id, width, flags, its windows and the root of their search tree.</summary>
    ReadOnlySpan<DomainRecord> Domains { get; }
    /// <summary>Each window as one record (IOVA, last, host, rights); a domain's windows are a slice, sorted by DMA address.</summary>
    ReadOnlySpan<WindowRecord> Windows { get; }
    /// <summary>
    /// The nodes of each domain's search tree over its windows' DMA addresses below the root in its
    /// record (<see cref="DomainRecord.Child"/>): <see cref="TreeLevels"/> nodes from the root to a leaf,
    /// whose child is the only window an address can be in (docs/table-layout.md).
    /// </summary>
    ReadOnlySpan<TreeNode> WindowTree { get; }
    /// <summary>The node levels of every domain's window tree below its root (0 when no domain has more than seven windows). Generated tables return a constant, so the search is unrolled.</summary>
    int TreeLevels { get; }

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
    public const byte Width39 = TableSchema.Capability.Width39;
    /// <summary>Supports 48-bit domains (4-level tables).</summary>
    public const byte Width48 = TableSchema.Capability.Width48;
    /// <summary>Supports 57-bit domains (5-level tables).</summary>
    public const byte Width57 = TableSchema.Capability.Width57;
    /// <summary>Supports 2 MiB leaves.</summary>
    public const byte Superpage2M = TableSchema.Capability.Superpage2M;
    /// <summary>Supports 1 GiB leaves.</summary>
    public const byte Superpage1G = TableSchema.Capability.Superpage1G;
    /// <summary>Supports pass-through context entries.</summary>
    public const byte PassThrough = TableSchema.Capability.PassThrough;
    /// <summary>Runs in scalable mode (PASID tables); otherwise legacy mode.</summary>
    public const byte ScalableMode = TableSchema.Capability.ScalableMode;
    /// <summary>
    /// xAPIC interrupt mode: interrupt-remapping entries carry an 8-bit xAPIC destination in bits 47:40
    /// (program IRTA_REG.EIME = 0). Clear: extended interrupt mode (x2APIC), a 32-bit destination in
    /// bits 63:32 (EIME = 1). A compiled policy sets it for every unit without <c>x2apic;</c>.
    /// </summary>
    public const byte XApicInterrupts = TableSchema.Capability.XApicInterrupts;
}

/// <summary>Bits of <see cref="IPolicyTables.ContextFlags"/>.</summary>
public static class ContextFlags
{
    /// <summary>The device may use ATS: translation type 01 instead of 00.</summary>
    public const byte DeviceTlb = TableSchema.Context.DeviceTlb;
}

/// <summary>Bits of <see cref="DomainRecord.Flags"/>.</summary>
public static class DomainFlags
{
    /// <summary>A pass-through domain: DMA addresses are host addresses, all of host memory read and write.</summary>
    public const byte PassThrough = TableSchema.Domain.PassThrough;
}

/// <summary>Bits of <see cref="WindowRecord.Rights"/>.</summary>
public static class WindowRights
{
    /// <summary>The window grants read.</summary>
    public const byte Read = TableSchema.Rights.Read;
    /// <summary>The window grants write.</summary>
    public const byte Write = TableSchema.Rights.Write;
    /// <summary>The window says <c>shared</c> (a reviewed exception to isolation); no effect on translation.</summary>
    public const byte Shared = TableSchema.Rights.Shared;
}

/// <summary>Bits of <see cref="IPolicyTables.InterruptFlags"/>.</summary>
public static class InterruptFlags
{
    /// <summary>Level triggered (else edge).</summary>
    public const byte LevelTriggered = TableSchema.Interrupt.LevelTriggered;
    /// <summary>Lowest-priority delivery (else fixed).</summary>
    public const byte LowestPriority = TableSchema.Interrupt.LowestPriority;
}
