using System;
using System.Runtime.CompilerServices;
using VtdDsl.Hardware;

namespace VtdDsl;

public static partial class PolicyEngine
{
    /// <summary>
    /// What the IOMMU does with a DMA request tagged with <paramref name="pasid"/> (LANGUAGE.md, "Scalable
    /// mode"). Allocation-free. Requests without a PASID use <see cref="Translate"/> (RID_PASID is the
    /// device's own domain).
    /// </summary>
    /// <remarks>
    /// <para>In order, as the hardware walks its tables:</para>
    /// <list type="bullet">
    /// <item>no unit serves the source: 0x39 (no root entry can be present);</item>
    /// <item>the unit is legacy-mode (or the tables carry no PASID data): 0x31, SRTA.1.2;</item>
    /// <item>no device of that bus is bound: 0x39, SRTA.3; not this device/function: 0x41, SCT.2;</item>
    /// <item>the device has no <c>pasid</c> lines (PASIDE clear): 0x45, SCT.6;</item>
    /// <item>PASID not below 2^max(13, pasid-bits), what the context entry's PASID directory covers: 0x46, SCT.7;</item>
    /// <item>no bound PASID (nor RID_PASID 0) in its group of 64 (directory entry not present): 0x51, SPD.2;</item>
    /// <item>the PASID is not bound (PASID table entry not present): 0x59, SPT.2;</item>
    /// <item>bound to a domain: exactly <see cref="Translate"/>'s answer for that domain (second stage, or
    /// pass-through), faults 0x04–0x06 with its domain id; PASID 0 is the RID_PASID entry, the device's own domain;</item>
    /// <item>bound to a process: <see cref="PasidTranslation.IsFirstStage"/> with the process number and
    /// its domain id, no host address (it depends on the process's page tables).</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pasid"/> has more than 20 bits.</exception>
    public static PasidTranslation TranslateWithPasid<T>(in T tables, SourceId source, uint pasid, ulong address, DmaAccess access)
        where T : struct, IPolicyTables, IPasidTables
    {
        if (pasid > PasidTranslation.MaxPasid) ThrowPasidOutOfRange(pasid);

        int unit = FindUnit(in tables, source.Value);
        if (unit < 0) return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableRootEntryNotPresent);
        ReadOnlySpan<byte> unitBits = tables.UnitPasidBits;
        if ((tables.UnitCapabilities[unit] & UnitCapabilities.ScalableMode) == 0 || (uint)unit >= (uint)unitBits.Length)
            return PasidTranslation.Faulted(address, pasid, FaultReason.PasidRequestInLegacyMode);

        int root = tables.RootEntries[unit << 8 | source.Bus];
        if (root == 0) return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableRootEntryNotPresent);
        int context = tables.ContextEntries[(root - 1) << 8 | (source.RequesterId & 0xFF)];
        if (context == 0) return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableContextEntryNotPresent);

        int owner = PasidSpans.FindOwner(tables.PasidOwner, source.Value);
        if (owner < 0) return PasidTranslation.Faulted(address, pasid, FaultReason.PasidDisabled);
        if (pasid >> CoveredPasidBits(unitBits[unit]) != 0)
            return PasidTranslation.Faulted(address, pasid, FaultReason.PasidBeyondContextMax);

        int domain;
        if (pasid == 0)
        {
            domain = context - 1; // RID_PASID: the device's own domain
        }
        else
        {
            ReadOnlySpan<uint> values = tables.PasidValue;
            ReadOnlySpan<int> starts = tables.PasidOwnerStart;
            int first = starts[owner];
            int end = starts[owner + 1];
            int at = PasidSpans.LowerBound(values, first, end, pasid);
            if (at == end || values[at] != pasid)
                return PasidTranslation.Faulted(address, pasid, GroupHasTable(values, first, end, pasid)
                    ? FaultReason.PasidEntryNotPresent
                    : FaultReason.PasidDirectoryEntryNotPresent);

            int target = tables.PasidTarget[at];
            if ((tables.PasidFlags[at] & PasidFlags.Process) != 0)
                return PasidTranslation.FirstStage(address, pasid, target, tables.ProcessDomainId[target]);
            domain = target;
        }

        PasidTranslationType type = tables.Domains[domain].IsPassThrough
            ? PasidTranslationType.PassThrough
            : PasidTranslationType.SecondStage;
        return PasidTranslation.FromDomain(TranslateInDomain(in tables, domain, address, access), pasid, type);
    }

    /// <summary>
    /// PASIDs the PASID directory of a device on a unit of <paramref name="pasidBits"/> PASID bits
    /// covers: 2^(PDTS + 13) with PDTS = max(0, bits − 13), the smallest directory (128 entries of 64) at least.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CoveredPasidBits(int pasidBits) => pasidBits < 13 ? 13 : pasidBits;

    /// <summary>Whether the group of 64 PASIDs holding <paramref name="pasid"/> has a PASID table: group 0 always (RID_PASID), else when a binding falls in it.</summary>
    private static bool GroupHasTable(ReadOnlySpan<uint> values, int first, int end, uint pasid)
    {
        uint group = pasid >> PasidDirectoryEntry.PasidShift;
        if (group == 0) return true;
        int at = PasidSpans.LowerBound(values, first, end, group << PasidDirectoryEntry.PasidShift);
        return at < end && values[at] >> PasidDirectoryEntry.PasidShift == group;
    }

    private static void ThrowPasidOutOfRange(uint pasid) =>
        throw new ArgumentOutOfRangeException(nameof(pasid), pasid, "A PASID has 20 bits (0 to 0xFFFFF).");
}
