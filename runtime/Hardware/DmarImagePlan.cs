using System;
using System.Collections.Generic;

namespace VtdDsl;

/// <summary>Second-level table pages by level (1: tables of 4 KiB leaves … 5: the top of a 57-bit domain).</summary>
public readonly record struct PageTableCounts(int Level1, int Level2, int Level3, int Level4, int Level5)
{
    /// <summary>Page-table pages over all levels.</summary>
    public int Total => Level1 + Level2 + Level3 + Level4 + Level5;

    /// <summary>The tables at <paramref name="level"/> (1 to 5).</summary>
    public int this[int level] => level switch
    {
        1 => Level1,
        2 => Level2,
        3 => Level3,
        4 => Level4,
        5 => Level5,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Second-level tables have levels 1 to 5."),
    };

    /// <summary>The counts of two plans added level by level.</summary>
    public static PageTableCounts operator +(PageTableCounts a, PageTableCounts b) =>
        new(a.Level1 + b.Level1, a.Level2 + b.Level2, a.Level3 + b.Level3, a.Level4 + b.Level4, a.Level5 + b.Level5);
}

/// <summary>Where one unit's tables go, relative to the image's first byte. Every table is a whole number of 4 KiB pages.</summary>
/// <remarks>
/// For a scalable-mode unit <see cref="ContextTables"/> counts 4 KiB scalable-mode context tables (two
/// per bus in use: devfn 0–127 and 128–255), and <see cref="PasidDirectoryPages"/> and
/// <see cref="PasidTablePages"/> the pages of its PASID directories and PASID tables (0 in legacy mode).
/// </remarks>
public readonly record struct DmarUnitPlan(
    int Unit,
    ushort Segment,
    ulong Offset,
    ulong Bytes,
    int ContextTables,
    PageTableCounts PageTables,
    ulong InterruptTableOffset,
    int InterruptEntries,
    int InterruptTablePages,
    int PasidDirectoryPages = 0,
    int PasidTablePages = 0)
{
    /// <summary>The root table is the unit's first page.</summary>
    public ulong RootTableOffset => Offset;
    /// <summary>The unit's tables in 4 KiB pages.</summary>
    public int Pages => (int)(Bytes / DmarImage.PageSize);
    /// <summary>The unit has an interrupt-remapping table (one or more entries).</summary>
    public bool HasInterruptTable => InterruptEntries > 0;
}

/// <summary>The sizes and offsets of a policy's hardware tables, unit after unit.</summary>
public sealed class DmarImagePlan
{
    internal DmarImagePlan(DmarUnitPlan[] units, ulong totalBytes)
    {
        Units = units;
        TotalBytes = totalBytes;
    }

    /// <summary>Each unit's tables, in unit order.</summary>
    public IReadOnlyList<DmarUnitPlan> Units { get; }

    /// <summary>Bytes the whole image needs (a multiple of 4 KiB).</summary>
    public ulong TotalBytes { get; }
}

/// <summary>One unit's tables as written: the addresses to program into its registers.</summary>
/// <remarks>
/// <para>
/// <see cref="GuestAddressWidth"/> is the CAP.MGAW the tables assume (a read-only hardware register, not
/// part of the image): the smallest address limit below its table format of any domain the unit serves,
/// or 0 when every domain's limit is its table format. <see cref="UnitCapabilities.XApicInterrupts"/> in
/// <see cref="Capabilities"/> means the interrupt-remapping entries are written in xAPIC format
/// (program IRTA_REG.EIME = 0); without it in x2APIC format (EIME = 1). The image holds entries, not registers.
/// </para>
/// <para>
/// <see cref="Capabilities"/> has <see cref="UnitCapabilities.ScalableMode"/> exactly when the tables
/// were written in scalable mode (program RTADDR_REG.TTM = 01b); a scalable-mode unit of tables
/// without PASID data is written, and reported, as legacy-mode.
/// </para>
/// </remarks>
public readonly record struct DmarUnitLayout(
    int Unit,
    ushort Segment,
    byte Capabilities,
    ulong Address,
    ulong Bytes,
    ulong RootTableAddress,
    int ContextTables,
    PageTableCounts PageTables,
    ulong InterruptTableAddress,
    int InterruptEntries,
    int InterruptTablePages,
    int PasidDirectoryPages = 0,
    int PasidTablePages = 0,
    int GuestAddressWidth = 0)
{
    /// <summary>The unit has an interrupt-remapping table (one or more entries).</summary>
    public bool HasInterruptTable => InterruptEntries > 0;
    /// <summary>The root table is scalable-mode (RTADDR_REG.TTM = 01b).</summary>
    public bool IsScalableMode => (Capabilities & UnitCapabilities.ScalableMode) != 0;
    /// <summary>The unit's tables in 4 KiB pages.</summary>
    public int Pages => (int)(Bytes / DmarImage.PageSize);

    /// <summary>The `vtd image` line after the unit name: <c>root 0x7f000000 interrupts 0x7f0a1000 entries 256 bytes 69632</c>.</summary>
    public override string ToString() => HasInterruptTable
        ? $"root 0x{RootTableAddress:x} interrupts 0x{InterruptTableAddress:x} entries {InterruptEntries} bytes {Bytes}"
        : $"root 0x{RootTableAddress:x} bytes {Bytes}";
}

/// <summary>A written image: where it lives, where each unit's tables are, and where each process's PASID table entries are.</summary>
public sealed class DmarImageLayout
{
    private readonly ProcessEntries _processes;

    internal DmarImageLayout(ulong baseAddress, ulong totalBytes, DmarUnitLayout[] units, ProcessEntries processes)
    {
        BaseAddress = baseAddress;
        TotalBytes = totalBytes;
        Units = units;
        _processes = processes;
    }

    /// <summary>Host physical address of the image's first byte.</summary>
    public ulong BaseAddress { get; }
    /// <summary>Bytes of the whole image.</summary>
    public ulong TotalBytes { get; }
    /// <summary>Where each unit's tables are, in unit order.</summary>
    public IReadOnlyList<DmarUnitLayout> Units { get; }

    /// <summary>Processes of the policy (0 for tables without PASID data).</summary>
    public int ProcessCount => _processes.DomainIds.Length;

    /// <summary>The domain id <see cref="DmarImage.BindProcess"/> programs for <paramref name="process"/>.</summary>
    public ushort ProcessDomainId(int process) => _processes.DomainIds[CheckProcess(process)];

    /// <summary>
    /// Host addresses of the 64-byte PASID table entries that translate through <paramref name="process"/>'s
    /// first-stage tables (one per device and PASID bound to it, by unit, bus, device/function, PASID).
    /// </summary>
    public ReadOnlySpan<ulong> ProcessEntryAddresses(int process)
    {
        CheckProcess(process);
        int first = _processes.Start[process];
        return _processes.Addresses.AsSpan(first, _processes.Start[process + 1] - first);
    }

    private int CheckProcess(int process)
    {
        if ((uint)process >= (uint)_processes.DomainIds.Length)
            throw new ArgumentOutOfRangeException(nameof(process), process, $"The policy has {_processes.DomainIds.Length} processes.");
        return process;
    }
}

/// <summary>CSR of PASID table entry addresses by process, and each process's domain id.</summary>
internal sealed record ProcessEntries(int[] Start, ulong[] Addresses, ushort[] DomainIds);

/// <summary>Collects PASID table entry addresses by process while units are written.</summary>
internal sealed class ProcessEntryList
{
    private readonly List<ulong>[] _byProcess;

    public ProcessEntryList(int processes)
    {
        _byProcess = new List<ulong>[processes];
        for (int p = 0; p < processes; p++) _byProcess[p] = new List<ulong>();
    }

    public void Add(int process, ulong address) => _byProcess[process].Add(address);

    public ProcessEntries Build(ReadOnlySpan<ushort> domainIds)
    {
        var start = new int[_byProcess.Length + 1];
        var addresses = new List<ulong>();
        for (int p = 0; p < _byProcess.Length; p++)
        {
            start[p] = addresses.Count;
            addresses.AddRange(_byProcess[p]);
        }
        start[_byProcess.Length] = addresses.Count;
        return new ProcessEntries(start, addresses.ToArray(), domainIds.ToArray());
    }
}
