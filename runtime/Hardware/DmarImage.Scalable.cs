using System;
using System.Buffers.Binary;
using VtdDsl.Hardware;

namespace VtdDsl;

public static partial class DmarImage
{
    /// <summary>
    /// Plans a scalable-mode unit (VT-d chapter 9). Its tables, in whole 4 KiB pages: the root table
    /// (scalable-mode root entries); two context tables per bus in use, by bus (devfn 0–127, then
    /// 128–255; 128 entries of 32 bytes each); the second-stage tables of every translated domain the
    /// unit's devices use, without or with a PASID, by domain number (as in legacy mode); then, for
    /// each present context entry by bus and devfn, its PASID directory (8-byte entries, one per 64
    /// PASIDs: 2^(PDTS + 7) entries, at least one page) followed by its PASID tables (64 entries of 64
    /// bytes), one per group of 64 PASIDs that holds a binding or RID_PASID 0, by group; then the
    /// interrupt-remapping table.
    /// </summary>
    private static DmarUnitPlan PlanScalableUnit<T>(in T tables, PasidSpans pasids, int unit, ulong offset, bool[] used)
        where T : struct, IPolicyTables
    {
        byte capabilities = tables.UnitCapabilities[unit];
        int pasidBits = pasids.UnitPasidBits[unit];
        ReadOnlySpan<ushort> root = tables.RootEntries.Slice(unit * 256, 256);
        Array.Clear(used);
        int buses = 0;
        int directoryPages = 0;
        int pasidTablePages = 0;
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            buses++;
            ReadOnlySpan<ushort> context = tables.ContextEntries.Slice((root[bus] - 1) * 256, 256);
            for (int devfn = 0; devfn < 256; devfn++)
            {
                if (context[devfn] == 0) continue;
                Use(in tables, context[devfn] - 1, unit, capabilities, used);
                int owner = pasids.FindOwner(SourceKey(tables.UnitSegment[unit], bus, devfn));
                directoryPages += DirectoryPages(owner >= 0 ? pasidBits : 0);
                pasidTablePages += PasidGroups(pasids, owner, default);
                if (owner < 0) continue;
                for (int b = pasids.PasidOwnerStart[owner]; b < pasids.PasidOwnerStart[owner + 1]; b++)
                {
                    if ((pasids.PasidFlags[b] & PasidFlags.Process) == 0) Use(in tables, pasids.PasidTarget[b], unit, capabilities, used);
                }
            }
        }

        var pageTables = CountPageTables(in tables, used, capabilities);

        int entries = tables.UnitInterruptEntries[unit];
        int interruptPages = (int)(((long)entries * InterruptRemapEntry.Size + PageSize - 1) / PageSize);
        ulong pages = 1UL + 2UL * (ulong)buses + (ulong)pageTables.Total + (ulong)directoryPages + (ulong)pasidTablePages + (ulong)interruptPages;
        ulong interruptOffset = entries > 0 ? offset + (pages - (ulong)interruptPages) * PageSize : 0;
        return new DmarUnitPlan(unit, tables.UnitSegment[unit], offset, pages * PageSize, 2 * buses, pageTables,
            interruptOffset, entries, interruptPages, directoryPages, pasidTablePages);
    }

    private static void WriteScalableUnit<T>(in T tables, PasidSpans pasids, DmarUnitPlan plan, Span<byte> image, ulong baseAddress,
        int[] topPage, ProcessEntryList processEntries)
        where T : struct, IPolicyTables
    {
        int unit = plan.Unit;
        byte capabilities = tables.UnitCapabilities[unit];
        int pasidBits = pasids.UnitPasidBits[unit];
        int rootPage = (int)(plan.Offset / PageSize);
        ReadOnlySpan<ushort> root = tables.RootEntries.Slice(unit * 256, 256);

        // Second-stage tables first, so PASID table entries can point at their top tables.
        Array.Fill(topPage, -1);
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            ReadOnlySpan<ushort> context = tables.ContextEntries.Slice((root[bus] - 1) * 256, 256);
            for (int devfn = 0; devfn < 256; devfn++)
            {
                if (context[devfn] == 0) continue;
                topPage[context[devfn] - 1] = 0;
                int owner = pasids.FindOwner(SourceKey(tables.UnitSegment[unit], bus, devfn));
                if (owner < 0) continue;
                for (int b = pasids.PasidOwnerStart[owner]; b < pasids.PasidOwnerStart[owner + 1]; b++)
                {
                    if ((pasids.PasidFlags[b] & PasidFlags.Process) == 0) topPage[pasids.PasidTarget[b]] = 0;
                }
            }
        }
        int nextPage = rootPage + 1 + plan.ContextTables;
        for (int domain = 0; domain < topPage.Length; domain++)
        {
            if (topPage[domain] < 0 || IsPassThrough(in tables, domain)) continue;
            var builder = Builder(in tables, capabilities, nextPage, image, baseAddress);
            topPage[domain] = builder.BuildDomain(TableWidth(capabilities, tables.Domains[domain].Width), tables.Domains[domain].WindowStart, tables.Domains[domain].WindowStart + tables.Domains[domain].WindowCount);
            nextPage = builder.NextPage;
        }

        int contextPage = rootPage + 1;
        Span<uint> groupBuffer = stackalloc uint[PasidDirectoryEntry.PasidsPerTable];
        for (int bus = 0; bus < 256; bus++)
        {
            if (root[bus] == 0) continue;
            int lowerPage = contextPage++;
            int upperPage = contextPage++;
            ScalableRootEntry.Create(PageAddress(baseAddress, lowerPage), PageAddress(baseAddress, upperPage))
                .WriteTo(Entry(image, rootPage, bus, ScalableRootEntry.Size));

            int table = root[bus] - 1;
            ReadOnlySpan<ushort> context = tables.ContextEntries.Slice(table * 256, 256);
            ReadOnlySpan<byte> flags = tables.ContextFlags.Slice(table * 256, 256);
            for (int devfn = 0; devfn < 256; devfn++)
            {
                if (context[devfn] == 0) continue;
                int owner = pasids.FindOwner(SourceKey(tables.UnitSegment[unit], bus, devfn));
                int directoryBits = owner >= 0 ? pasidBits : 0;
                int directoryPage = nextPage;
                nextPage += DirectoryPages(directoryBits);
                bool pageRequest = false;
                if (owner >= 0)
                {
                    for (int b = pasids.PasidOwnerStart[owner]; b < pasids.PasidOwnerStart[owner + 1]; b++)
                        pageRequest |= (pasids.PasidFlags[b] & PasidFlags.Process) != 0;
                }
                ScalableContextEntry.Create(
                        PageAddress(baseAddress, directoryPage),
                        ScalableContextEntry.DirectorySizeFor(directoryBits),
                        deviceTlb: (flags[devfn] & ContextFlags.DeviceTlb) != 0,
                        pasidEnable: owner >= 0,
                        pageRequest: pageRequest)
                    .WriteTo(Entry(image, devfn < 128 ? lowerPage : upperPage, devfn & 127, ScalableContextEntry.Size));

                // PASID tables, one per group of 64 PASIDs in use, each hooked into the directory.
                int groupCount = PasidGroups(pasids, owner, default);
                Span<uint> groups = groupCount <= groupBuffer.Length ? groupBuffer[..groupCount] : new uint[groupCount];
                PasidGroups(pasids, owner, groups);
                for (int g = 0; g < groupCount; g++)
                {
                    PasidDirectoryEntry.Create(PageAddress(baseAddress, nextPage + g))
                        .WriteTo(image.Slice(directoryPage * PageSize + (int)groups[g] * PasidDirectoryEntry.Size, PasidDirectoryEntry.Size));
                }

                // RID_PASID (PASID 0): the device's own domain.
                DomainPasidEntry(in tables, capabilities, context[devfn] - 1, baseAddress, topPage).WriteTo(PasidSlot(image, nextPage, 0));
                if (owner >= 0)
                {
                    int g = 0;
                    for (int b = pasids.PasidOwnerStart[owner]; b < pasids.PasidOwnerStart[owner + 1]; b++)
                    {
                        uint pasid = pasids.PasidValue[b];
                        while (groups[g] != pasid >> PasidDirectoryEntry.PasidShift) g++;
                        int page = nextPage + g;
                        int slot = (int)(pasid & (PasidDirectoryEntry.PasidsPerTable - 1));
                        int target = pasids.PasidTarget[b];
                        if ((pasids.PasidFlags[b] & PasidFlags.Process) != 0)
                        {
                            PasidEntry.FirstStage(0, pasids.ProcessDomainId[target]).WriteTo(PasidSlot(image, page, slot));
                            processEntries.Add(target, PageAddress(baseAddress, page) + (ulong)slot * PasidEntry.Size);
                        }
                        else
                        {
                            DomainPasidEntry(in tables, capabilities, target, baseAddress, topPage).WriteTo(PasidSlot(image, page, slot));
                        }
                    }
                }
                nextPage += groupCount;
            }
        }

        if (plan.HasInterruptTable) WriteInterruptTable(in tables, unit, image, (int)(plan.InterruptTableOffset / PageSize));
    }

    /// <summary>
    /// Points every PASID table entry of <paramref name="process"/> (see
    /// <see cref="DmarImageLayout.ProcessEntryAddresses"/>) at the first-stage (x86-64 4-level) page
    /// tables whose PML4 table is at <paramref name="firstStageRoot"/>: FSPTPTR = root, PGTT 001 first-stage,
    /// DID = the process's domain id, SRE 0 (user requests only), P 1. Only those entries change;
    /// allocation-free.
    /// </summary>
    /// <remarks>
    /// Each entry's present word is written last. On hardware the caller then invalidates the PASID
    /// cache for (DID, PASID), the IOTLB of the DID and any device TLB, as VT-d 6.5 requires after a
    /// PASID table entry changes.
    /// </remarks>
    /// <param name="image">The memory <see cref="Write"/> wrote, whose first byte lives at <see cref="DmarImageLayout.BaseAddress"/>.</param>
    /// <param name="layout">The layout <see cref="Write"/> returned for it.</param>
    /// <param name="process">The process number (declaration order).</param>
    /// <param name="firstStageRoot">Host address of the process's PML4 table (4 KiB aligned, not 0, below 2^52).</param>
    public static void BindProcess(Span<byte> image, DmarImageLayout layout, int process, ulong firstStageRoot)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (firstStageRoot == 0)
            throw new ArgumentException("A first-stage root of 0 would leave the process unbound; call UnbindProcess.", nameof(firstStageRoot));
        if ((firstStageRoot & (PageSize - 1)) != 0 || firstStageRoot >= AddressLimit)
            throw new ArgumentException($"The first-stage root 0x{firstStageRoot:x} is not a 4 KiB aligned address below 2^52.", nameof(firstStageRoot));
        ushort domainId = layout.ProcessDomainId(process);
        PasidEntry entry = PasidEntry.FirstStage(firstStageRoot, domainId);
        foreach (ulong address in layout.ProcessEntryAddresses(process))
        {
            entry.WriteTo(EntryIn(image, layout, address));
        }
    }

    /// <summary>
    /// Undoes <see cref="BindProcess"/>: every PASID table entry of <paramref name="process"/> is again
    /// not present (P 0, FSPTPTR 0; DID and PGTT stay, as <see cref="Write"/> left them), so its
    /// requests fault 0x59. The present bit is cleared first; allocation-free.
    /// </summary>
    public static void UnbindProcess(Span<byte> image, DmarImageLayout layout, int process)
    {
        ArgumentNullException.ThrowIfNull(layout);
        PasidEntry entry = PasidEntry.FirstStage(0, layout.ProcessDomainId(process));
        foreach (ulong address in layout.ProcessEntryAddresses(process))
        {
            Span<byte> slot = EntryIn(image, layout, address);
            BinaryPrimitives.WriteUInt64LittleEndian(slot, entry.Q0);
            BinaryPrimitives.WriteUInt64LittleEndian(slot[8..], entry.Q1);
            BinaryPrimitives.WriteUInt64LittleEndian(slot[16..], entry.Q2);
        }
    }

    private static Span<byte> EntryIn(Span<byte> image, DmarImageLayout layout, ulong address)
    {
        ulong offset = address - layout.BaseAddress;
        if (address < layout.BaseAddress || offset > (ulong)image.Length || (ulong)image.Length - offset < PasidEntry.Size)
            throw new ArgumentException($"The image ({image.Length} bytes at 0x{layout.BaseAddress:x}) does not hold the PASID table entry at 0x{address:x}.", nameof(image));
        return image.Slice((int)offset, PasidEntry.Size);
    }

    private static PasidEntry DomainPasidEntry<T>(in T tables, byte capabilities, int domain, ulong baseAddress, int[] topPage)
        where T : struct, IPolicyTables
    {
        ushort id = tables.Domains[domain].Id;
        return IsPassThrough(in tables, domain)
            ? PasidEntry.PassThrough(LargestWidth(capabilities), id)
            : PasidEntry.SecondStage(PageAddress(baseAddress, topPage[domain]), TableWidth(capabilities, tables.Domains[domain].Width), id);
    }

    private static void Use<T>(in T tables, int domain, int unit, byte capabilities, bool[] used) where T : struct, IPolicyTables
    {
        if (!used[domain]) CheckDomainOnUnit(in tables, domain, unit, capabilities);
        used[domain] = true;
    }

    /// <summary>Pages of a PASID directory covering PASIDs of <paramref name="pasidBits"/> bits (0: RID_PASID only): 2^(PDTS + 7) entries of 8 bytes, at least a page.</summary>
    internal static int DirectoryPages(int pasidBits)
    {
        int bytes = 8 << (ScalableContextEntry.DirectorySizeFor(pasidBits) + 7);
        return bytes <= PageSize ? 1 : bytes / PageSize;
    }

    /// <summary>
    /// The groups of 64 PASIDs (directory indexes) holding RID_PASID 0 or a binding of
    /// <paramref name="owner"/> (−1: none), ascending; written to <paramref name="groups"/> unless it
    /// is empty (then they are only counted). Returns how many there are.
    /// </summary>
    private static int PasidGroups(PasidSpans pasids, int owner, Span<uint> groups)
    {
        int count = 1; // group 0: RID_PASID
        if (!groups.IsEmpty) groups[0] = 0;
        if (owner < 0) return count;
        uint last = 0;
        for (int b = pasids.PasidOwnerStart[owner]; b < pasids.PasidOwnerStart[owner + 1]; b++)
        {
            uint group = pasids.PasidValue[b] >> PasidDirectoryEntry.PasidShift;
            if (group == last) continue;
            if (count < groups.Length) groups[count] = group;
            count++;
            last = group;
        }
        if (!groups.IsEmpty && count > groups.Length) throw new InvalidOperationException("More PASID groups than the buffer holds.");
        return count;
    }

    private static Span<byte> PasidSlot(Span<byte> image, int page, int slot) => image.Slice(page * PageSize + slot * PasidEntry.Size, PasidEntry.Size);

    private static uint SourceKey(ushort segment, int bus, int devfn) => (uint)segment << 16 | (uint)(bus << 8 | devfn);
}
