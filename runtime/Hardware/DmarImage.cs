using System;
using System.Buffers.Binary;
using VtdDsl.Hardware;

namespace VtdDsl;

/// <summary>
/// Writes the VT-d hardware tables of a policy into caller-provided memory whose first byte lives at
/// a given host physical address: legacy-mode tables, or, for units in scalable mode when the table
/// struct also implements <see cref="IPasidTables"/>, scalable-mode tables (DmarImage.Scalable.cs).
/// </summary>
/// <remarks>
/// Layout, deterministic for the same tables and base: unit after unit, each unit's tables packed
/// in whole 4 KiB pages: the root table; one context table per bus in use, by bus; the
/// second-level tables of every translated domain the unit's devices use, by domain number (once
/// per unit however many devices share the domain; each domain's tables in depth-first
/// pre-order); then the interrupt-remapping table (<c>UnitInterruptEntries</c> × 16 bytes,
/// rounded up to whole pages), when the unit remaps interrupts. Scalable-mode units: see
/// <see cref="PlanScalableUnit"/>.
/// </remarks>
public static partial class DmarImage
{
    /// <summary>Every table is made of 4 KiB pages, 4 KiB aligned.</summary>
    public const int PageSize = 4096;

    /// <summary>Second-level entries hold addresses in bits 51:12, so every table must lie below 2^52.</summary>
    public const ulong AddressLimit = 1UL << 52;

    /// <summary>Sizes and offsets of every unit's tables, without writing anything.</summary>
    /// <exception cref="ArgumentException">The tables cannot be written (misaligned windows, unsupported widths, …).</exception>
    public static DmarImagePlan Plan<T>(in T tables) where T : struct, IPolicyTables
    {
        PolicyTablesValidator.Validate(in tables);
        PasidSpans pasids = PasidSpans.OfAny(in tables);
        if (pasids.IsPresent) PasidTablesValidator.Validate(in tables, pasids);
        int unitCount = tables.UnitSegment.Length;
        var units = new DmarUnitPlan[unitCount];
        var used = new bool[tables.Domains.Length];
        ulong offset = 0;
        for (int unit = 0; unit < unitCount; unit++)
        {
            units[unit] = pasids.IsScalable(unit, tables.UnitCapabilities[unit])
                ? PlanScalableUnit(in tables, pasids, unit, offset, used)
                : PlanUnit(in tables, unit, offset, used);
            offset += units[unit].Bytes;
        }
        return new DmarImagePlan(units, offset);
    }

    /// <summary>
    /// Clears the first <see cref="DmarImagePlan.TotalBytes"/> bytes of <paramref name="memory"/>
    /// and writes every unit's tables there; <paramref name="memory"/>[0] lives at host address
    /// <paramref name="baseAddress"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The base is not 4 KiB aligned, the image would run past the 2^52 addresses tables can
    /// have, the memory is too small, or the tables cannot be written.
    /// </exception>
    public static DmarImageLayout Write<T>(in T tables, Span<byte> memory, ulong baseAddress) where T : struct, IPolicyTables
    {
        if ((baseAddress & (PageSize - 1)) != 0)
            throw new ArgumentException($"The image base 0x{baseAddress:x} is not 4 KiB aligned; VT-d tables must start on 4 KiB boundaries.", nameof(baseAddress));
        DmarImagePlan plan = Plan(in tables);
        ulong total = plan.TotalBytes;
        if (baseAddress >= AddressLimit || total > AddressLimit - baseAddress)
            throw new ArgumentException($"The image (0x{total:x} bytes) at 0x{baseAddress:x} would end beyond 2^52, the highest address a second-level entry can hold.", nameof(baseAddress));
        if ((ulong)memory.Length < total)
            throw new ArgumentException($"The image needs {total} bytes but the memory has {memory.Length}.", nameof(memory));

        Span<byte> image = memory[..(int)total];
        image.Clear();
        PasidSpans pasids = PasidSpans.OfAny(in tables);
        var units = new DmarUnitLayout[plan.Units.Count];
        var topPage = new int[tables.Domains.Length];
        var processEntries = new ProcessEntryList(pasids.ProcessDomainId.Length);
        for (int unit = 0; unit < units.Length; unit++)
        {
            DmarUnitPlan unitPlan = plan.Units[unit];
            bool scalable = pasids.IsScalable(unit, tables.UnitCapabilities[unit]);
            if (scalable) WriteScalableUnit(in tables, pasids, unitPlan, image, baseAddress, topPage, processEntries);
            else WriteUnit(in tables, unitPlan, image, baseAddress, topPage);
            units[unit] = new DmarUnitLayout(
                unit,
                unitPlan.Segment,
                // A unit written in legacy mode (tables without PASID data) is programmed as one.
                scalable ? tables.UnitCapabilities[unit] : (byte)(tables.UnitCapabilities[unit] & ~UnitCapabilities.ScalableMode),
                baseAddress + unitPlan.Offset,
                unitPlan.Bytes,
                baseAddress + unitPlan.RootTableOffset,
                unitPlan.ContextTables,
                unitPlan.PageTables,
                unitPlan.HasInterruptTable ? baseAddress + unitPlan.InterruptTableOffset : 0,
                unitPlan.InterruptEntries,
                unitPlan.InterruptTablePages,
                unitPlan.PasidDirectoryPages,
                unitPlan.PasidTablePages,
                GuestAddressWidth(in tables, scalable ? pasids : default, unit, tables.UnitCapabilities[unit]));
        }
        return new DmarImageLayout(baseAddress, total, units, processEntries.Build(pasids.ProcessDomainId));
    }

    /// <summary>Allocates an image, writes it and returns it with its layout.</summary>
    public static byte[] Create<T>(in T tables, ulong baseAddress, out DmarImageLayout layout) where T : struct, IPolicyTables
    {
        DmarImagePlan plan = Plan(in tables);
        if (plan.TotalBytes > (ulong)Array.MaxLength)
            throw new ArgumentException($"The image needs {plan.TotalBytes} bytes, more than one array holds.", nameof(tables));
        var memory = new byte[plan.TotalBytes];
        layout = Write(in tables, memory, baseAddress);
        return memory;
    }

    /// <summary>The widest address width a unit supports (pass-through context entries carry it), or 0.</summary>
    public static int LargestWidth(byte capabilities) =>
        (capabilities & UnitCapabilities.Width57) != 0 ? 57
        : (capabilities & UnitCapabilities.Width48) != 0 ? 48
        : (capabilities & UnitCapabilities.Width39) != 0 ? 39
        : 0;

    /// <summary>
    /// The table format (39, 48 or 57 bits) a unit writes for a domain whose address limit is
    /// <paramref name="limit"/> bits: the smallest it supports that covers the limit, or 0 for none.
    /// A limit below the format is the unit's guest address width (CAP.MGAW).
    /// </summary>
    public static int TableWidth(byte capabilities, int limit) =>
        limit <= 39 && SupportsWidth(capabilities, 39) ? 39
        : limit <= 48 && SupportsWidth(capabilities, 48) ? 48
        : limit <= 57 && SupportsWidth(capabilities, 57) ? 57
        : 0;

    /// <summary>
    /// The guest address width (CAP.MGAW) a unit's tables assume: the smallest domain limit below its
    /// table format among the domains the unit serves (through context entries and, in scalable mode,
    /// through the PASID table entries of <paramref name="pasids"/>), or 0 when no limit is below its format.
    /// </summary>
    private static int GuestAddressWidth<T>(in T tables, PasidSpans pasids, int unit, byte capabilities) where T : struct, IPolicyTables
    {
        int width = 0;
        ReadOnlySpan<ushort> root = tables.RootEntries.Slice(unit * 256, 256);
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            ReadOnlySpan<ushort> context = tables.ContextEntries.Slice((root[bus] - 1) * 256, 256);
            for (int devfn = 0; devfn < 256; devfn++)
            {
                if (context[devfn] == 0) continue;
                width = NarrowerLimit(in tables, context[devfn] - 1, capabilities, width);
                int owner = pasids.IsPresent ? pasids.FindOwner(SourceKey(tables.UnitSegment[unit], bus, devfn)) : -1;
                if (owner < 0) continue;
                for (int b = pasids.PasidOwnerStart[owner]; b < pasids.PasidOwnerStart[owner + 1]; b++)
                {
                    if ((pasids.PasidFlags[b] & PasidFlags.Process) == 0) width = NarrowerLimit(in tables, pasids.PasidTarget[b], capabilities, width);
                }
            }
        }
        return width;
    }

    /// <summary><paramref name="width"/>, or the domain's limit when it is below its table format and narrower (0: none yet).</summary>
    private static int NarrowerLimit<T>(in T tables, int domain, byte capabilities, int width) where T : struct, IPolicyTables
    {
        if (IsPassThrough(in tables, domain)) return width;
        int limit = tables.Domains[domain].Width;
        return limit < TableWidth(capabilities, limit) && (width == 0 || limit < width) ? limit : width;
    }

    /// <summary>Whether a unit supports an address width.</summary>
    public static bool SupportsWidth(byte capabilities, int width) => width switch
    {
        39 => (capabilities & UnitCapabilities.Width39) != 0,
        48 => (capabilities & UnitCapabilities.Width48) != 0,
        57 => (capabilities & UnitCapabilities.Width57) != 0,
        _ => false,
    };

    private static DmarUnitPlan PlanUnit<T>(in T tables, int unit, ulong offset, bool[] used) where T : struct, IPolicyTables
    {
        byte capabilities = tables.UnitCapabilities[unit];
        ReadOnlySpan<ushort> root = tables.RootEntries.Slice(unit * 256, 256);
        Array.Clear(used);
        int contextTables = 0;
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            contextTables++;
            ReadOnlySpan<ushort> context = tables.ContextEntries.Slice((root[bus] - 1) * 256, 256);
            for (int devfn = 0; devfn < 256; devfn++)
            {
                if (context[devfn] == 0) continue;
                int domain = context[devfn] - 1;
                if (!used[domain]) CheckDomainOnUnit(in tables, domain, unit, capabilities);
                used[domain] = true;
            }
        }

        var pageTables = CountPageTables(in tables, used, capabilities);

        int entries = tables.UnitInterruptEntries[unit];
        int interruptPages = (int)(((long)entries * InterruptRemapEntry.Size + PageSize - 1) / PageSize);
        ulong pages = 1UL + (ulong)contextTables + (ulong)pageTables.Total + (ulong)interruptPages;
        ulong interruptOffset = entries > 0 ? offset + (pages - (ulong)interruptPages) * PageSize : 0;
        return new DmarUnitPlan(unit, tables.UnitSegment[unit], offset, pages * PageSize, contextTables, pageTables, interruptOffset, entries, interruptPages);
    }

    private static void CheckDomainOnUnit<T>(in T tables, int domain, int unit, byte capabilities) where T : struct, IPolicyTables
    {
        if (IsPassThrough(in tables, domain))
        {
            if ((capabilities & UnitCapabilities.PassThrough) == 0)
                throw new ArgumentException($"Domain {domain} is pass-through, but unit {unit}, which serves its devices, does not support pass-through.", nameof(tables));
            if (LargestWidth(capabilities) == 0)
                throw new ArgumentException($"Unit {unit} supports no address width.", nameof(tables));
            return;
        }

        int width = tables.Domains[domain].Width;
        if (TableWidth(capabilities, width) == 0)
            throw new ArgumentException($"Domain {domain} has address width {width}, which no table format of unit {unit}, serving its devices, covers.", nameof(tables));
        ulong widthLast = (1UL << width) - 1;
        DomainRecord record = tables.Domains[domain];
        for (int w = record.WindowStart; w < record.WindowStart + record.WindowCount; w++)
        {
            WindowRecord window = tables.Windows[w];
            ulong iova = window.Iova;
            ulong last = window.Last;
            ulong host = window.Host;
            if ((iova & (PageSize - 1)) != 0 || ((last + 1) & (PageSize - 1)) != 0 || (host & (PageSize - 1)) != 0)
                throw new ArgumentException($"Window {w} of domain {domain} (0x{iova:x}..0x{last:x} -> 0x{host:x}) is not 4 KiB aligned.", nameof(tables));
            if (last > widthLast)
                throw new ArgumentException($"Window {w} of domain {domain} ends at 0x{last:x}, beyond the domain's {width}-bit address width.", nameof(tables));
            if (host + (last - iova) >= AddressLimit)
                throw new ArgumentException($"Window {w} of domain {domain} targets host memory up to 0x{host + (last - iova):x}, beyond the 2^52 a second-level entry can address.", nameof(tables));
        }
    }

    private static void WriteUnit<T>(in T tables, DmarUnitPlan plan, Span<byte> image, ulong baseAddress, int[] topPage)
        where T : struct, IPolicyTables
    {
        int unit = plan.Unit;
        byte capabilities = tables.UnitCapabilities[unit];
        int rootPage = (int)(plan.Offset / PageSize);
        ReadOnlySpan<ushort> root = tables.RootEntries.Slice(unit * 256, 256);

        // Domains first, so context entries can point at their top tables.
        Array.Fill(topPage, -1);
        int nextPage = rootPage + 1 + plan.ContextTables;
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            ReadOnlySpan<ushort> context = tables.ContextEntries.Slice((root[bus] - 1) * 256, 256);
            for (int devfn = 0; devfn < 256; devfn++)
            {
                if (context[devfn] != 0) topPage[context[devfn] - 1] = 0;
            }
        }
        for (int domain = 0; domain < topPage.Length; domain++)
        {
            if (topPage[domain] < 0 || IsPassThrough(in tables, domain)) continue;
            var builder = Builder(in tables, capabilities, nextPage, image, baseAddress);
            topPage[domain] = builder.BuildDomain(TableWidth(capabilities, tables.Domains[domain].Width), tables.Domains[domain].WindowStart, tables.Domains[domain].WindowStart + tables.Domains[domain].WindowCount);
            nextPage = builder.NextPage;
        }

        int contextPage = rootPage + 1;
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            int table = root[bus] - 1;
            RootEntry.Create(PageAddress(baseAddress, contextPage)).WriteTo(Entry(image, rootPage, bus, RootEntry.Size));
            WriteContextTable(in tables, capabilities, table, image, contextPage, baseAddress, topPage);
            contextPage++;
        }

        if (plan.HasInterruptTable) WriteInterruptTable(in tables, unit, image, (int)(plan.InterruptTableOffset / PageSize));
    }

    private static void WriteContextTable<T>(in T tables, byte capabilities, int table, Span<byte> image, int page, ulong baseAddress, int[] topPage)
        where T : struct, IPolicyTables
    {
        ReadOnlySpan<ushort> context = tables.ContextEntries.Slice(table * 256, 256);
        ReadOnlySpan<byte> flags = tables.ContextFlags.Slice(table * 256, 256);
        for (int devfn = 0; devfn < 256; devfn++)
        {
            if (context[devfn] == 0) continue;
            int domain = context[devfn] - 1;
            ushort id = tables.Domains[domain].Id;
            ContextEntry entry = IsPassThrough(in tables, domain)
                ? ContextEntry.Create(TranslationType.PassThrough, 0, LargestWidth(capabilities), id)
                : ContextEntry.Create(
                    (flags[devfn] & ContextFlags.DeviceTlb) != 0 ? TranslationType.DeviceTlb : TranslationType.Untranslated,
                    PageAddress(baseAddress, topPage[domain]),
                    TableWidth(capabilities, tables.Domains[domain].Width),
                    id);
            entry.WriteTo(Entry(image, page, devfn, ContextEntry.Size));
        }
    }

    private static void WriteInterruptTable<T>(in T tables, int unit, Span<byte> image, int page) where T : struct, IPolicyTables
    {
        int first = tables.UnitInterruptStart[unit];
        int end = tables.UnitInterruptStart[unit + 1];
        for (int i = first; i < end; i++)
        {
            byte flags = tables.InterruptFlags[i];
            InterruptRemapEntry.Create(
                    tables.InterruptVector[i],
                    tables.InterruptDestination[i],
                    (flags & InterruptFlags.LowestPriority) != 0 ? DeliveryMode.LowestPriority : DeliveryMode.Fixed,
                    (flags & InterruptFlags.LevelTriggered) != 0 ? TriggerMode.Level : TriggerMode.Edge,
                    tables.InterruptSource[i],
                    extendedInterruptMode: (tables.UnitCapabilities[unit] & UnitCapabilities.XApicInterrupts) == 0)
                .WriteTo(image.Slice(page * PageSize + tables.InterruptIndex[i] * InterruptRemapEntry.Size, InterruptRemapEntry.Size));
        }
    }

    private static SecondLevelTableBuilder Builder<T>(in T tables, byte capabilities, int firstPage, Span<byte> image, ulong baseAddress)
        where T : struct, IPolicyTables =>
        new(tables.Windows, capabilities, firstPage, image, baseAddress);

    /// <summary>The page-table pages of every translated domain a unit uses, counted by a dry run of the builder.</summary>
    private static PageTableCounts CountPageTables<T>(in T tables, bool[] used, byte capabilities) where T : struct, IPolicyTables
    {
        var pageTables = default(PageTableCounts);
        for (int domain = 0; domain < used.Length; domain++)
        {
            if (!used[domain] || IsPassThrough(in tables, domain)) continue;
            var builder = Builder(in tables, capabilities, 0, default, 0);
            builder.BuildDomain(TableWidth(capabilities, tables.Domains[domain].Width), tables.Domains[domain].WindowStart, tables.Domains[domain].WindowStart + tables.Domains[domain].WindowCount);
            pageTables += builder.Counts;
        }
        return pageTables;
    }

    private static bool IsPassThrough<T>(in T tables, int domain) where T : struct, IPolicyTables =>
        tables.Domains[domain].IsPassThrough;

    private static ulong PageAddress(ulong baseAddress, int page) => baseAddress + (ulong)page * PageSize;

    private static Span<byte> Entry(Span<byte> image, int page, int index, int size) => image.Slice(page * PageSize + index * size, size);
}
