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
public partial interface IPolicyTables
{
    // The columns after these two are declared in compiler/Layout/TableColumns.txt and generated
    // (IPolicyTables.g.cs) in its order, with its summaries.

    /// <summary>The dotted policy name.</summary>
    string PolicyName { get; }

    /// <summary>
    /// How many of <see cref="Domains"/> have no windows (<see cref="DomainRecord.WindowCount"/> 0: pass-through
    /// domains, and domains that reach no memory). Not a column but derived from <see cref="Domains"/>: by the
    /// generator for generated tables, where it is a constant, and by <see cref="ArrayPolicyTables"/> from its domains.
    /// </summary>
    /// <remarks>
    /// <see cref="PolicyEngine.TranslateMany"/> leaves a request whose domain has no windows to
    /// <see cref="PolicyEngine.Translate"/>. When no domain lacks windows, the constant 0 lets the JIT drop
    /// that test from every request of a batch (docs/benchmarks.md, "The twelfth session").
    /// </remarks>
    int DomainsWithoutWindows { get; }
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
