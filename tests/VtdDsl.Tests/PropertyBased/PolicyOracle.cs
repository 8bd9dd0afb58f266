using System.Collections.Generic;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// LANGUAGE.md's "Semantics of a DMA request", computed straight from the bound
/// <see cref="Policy"/> model: no layout, no PolicyEngine, no tables, no
/// <c>GuestAddressLimits</c> (each request's limit comes from its serving unit's statements).
/// Linear scans on purpose, so it shares no lookup code (and no bugs) with the implementations
/// it judges.
/// </summary>
public sealed partial class PolicyOracle
{
    private readonly Policy _policy;

    public PolicyOracle(Policy policy) => _policy = policy;

    /// <summary>The unit serving an id: one whose scope lists it, else the segment's first <c>scope all</c> unit; −1 for none.</summary>
    public int UnitFor(SourceId source)
    {
        int all = -1;
        for (int i = 0; i < _policy.Units.Count; i++)
        {
            var unit = _policy.Units[i];
            if (unit.Segment != source.Segment) continue;
            if (unit.ScopeAll)
            {
                if (all < 0) all = i;
                continue;
            }
            foreach (var range in unit.Scope)
            {
                uint key = source.Value;
                if (key >= range.First.Key && key <= range.Last.Key) return i;
            }
        }
        return all;
    }

    /// <summary>The domain (index) whose context entry a request of <paramref name="source"/> finds, or −1.</summary>
    public int DomainOf(SourceId source)
    {
        foreach (var device in _policy.Devices)
        {
            if (device.Source.Key == source.Value || (device.Via is { } via && via.Key == source.Value)) return device.DomainIndex;
        }
        return -1;
    }

    /// <summary>Whether any id bound on the unit serving <paramref name="source"/> is on its bus (the root entry is present).</summary>
    private bool BusHasBoundIds(SourceId source, int unit)
    {
        foreach (var device in _policy.Devices)
        {
            foreach (var id in device.Via is { } via ? new[] { device.Source, via } : new[] { device.Source })
            {
                var asSource = new SourceId(id.Segment, id.Bus, id.Device, id.Function);
                if (id.Segment == source.Segment && id.Bus == source.Bus && UnitFor(asSource) == unit) return true;
            }
        }
        return false;
    }

    public DmaTranslation Translate(SourceId source, ulong address, DmaAccess access)
    {
        // VT-d 3.14: a request without PASID to 0xFEE0_0000-0xFEEF_FFFF is an interrupt request
        // (write) or blocked with fault 0x0E (read), before any table is consulted.
        if (address >= 0xFEE0_0000 && address <= 0xFEEF_FFFF)
        {
            return (access & DmaAccess.Read) != 0
                ? DmaTranslation.Faulted(address, FaultReason.InterruptAddressRange)
                : DmaTranslation.InterruptRange(address, access);
        }
        int unit = UnitFor(source);
        if (unit < 0 || !BusHasBoundIds(source, unit)) return DmaTranslation.Faulted(address, FaultReason.RootEntryNotPresent);
        int d = DomainOf(source);
        if (d < 0) return DmaTranslation.Faulted(address, FaultReason.ContextEntryNotPresent);
        var domain = _policy.Domains[d];
        if (domain.IsPassthrough) return DmaTranslation.Allowed(address, address, domain.Id);
        return SecondStage(domain, _policy.Units[unit], address, access);
    }

    /// <summary>The rows of "Semantics of a DMA request" from the address width on: a request of a unit through a domain's windows.</summary>
    private static DmaTranslation SecondStage(Domain domain, IommuUnit unit, ulong address, DmaAccess access)
    {
        int limit = AddressLimit(domain, unit);
        if (limit < 64 && address >> limit != 0) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, domain.Id);
        bool write = (access & DmaAccess.Write) != 0;
        bool read = (access & DmaAccess.Read) != 0;
        if (WindowAt(domain, address) is not { } window)
        {
            return DmaTranslation.Faulted(address, write ? FaultReason.WriteDenied : FaultReason.ReadDenied, domain.Id);
        }
        if (write && (window.Rights & Rights.Write) == 0) return DmaTranslation.Faulted(address, FaultReason.WriteDenied, domain.Id);
        if (read && (window.Rights & Rights.Read) == 0) return DmaTranslation.Faulted(address, FaultReason.ReadDenied, domain.Id);
        return DmaTranslation.Allowed(address, window.HostAddress + (address - window.Iova), domain.Id);
    }

    /// <summary>
    /// LANGUAGE.md: a DMA address at or above 2^min(domain's address width, the serving unit's
    /// <c>guest-address-width</c>) faults 0x04, whatever the tables hold.
    /// </summary>
    private static int AddressLimit(Domain domain, IommuUnit unit)
    {
        int guestWidth = GuestAddressWidth(unit);
        return guestWidth < domain.AddressWidth ? guestWidth : domain.AddressWidth;
    }

    /// <summary>The unit's CAP.MGAW: its <c>guest-address-width</c>, by default the widest <c>address-width</c> it lists.</summary>
    private static int GuestAddressWidth(IommuUnit unit)
    {
        if (unit.GuestAddressWidth > 0) return unit.GuestAddressWidth;
        int widest = 0;
        foreach (int bits in new[] { 39, 48, 57 })
        {
            if (unit.Supports(bits)) widest = bits;
        }
        return widest;
    }

    public static Window? WindowAt(Domain domain, ulong address)
    {
        foreach (var window in domain.Windows)
        {
            if (window.Iova <= address && address <= window.IovaLast) return window;
        }
        return null;
    }

    /// <summary>
    /// CheckTransfer as "every page of the range": the first byte, then the first byte of each
    /// later page, the lowest fault wins (windows are page granular, so a page is allowed or
    /// not as a whole). Null when the range has too many pages to walk here.
    /// </summary>
    public DmaTranslation? CheckTransfer(SourceId source, ulong address, ulong length, DmaAccess access, int maxPages = 1 << 14)
    {
        var first = Translate(source, address, access);
        if (address >= 0xFEE0_0000 && address <= 0xFEEF_FFFF) return first;
        if (first.Fault is FaultReason.RootEntryNotPresent or FaultReason.ContextEntryNotPresent) return first;
        if (length == 0) return first.IsAllowed ? first : DmaTranslation.Allowed(address, 0, first.DomainId);
        bool wraps = length - 1 > ulong.MaxValue - address;
        ulong last = wraps ? ulong.MaxValue : address + (length - 1);
        if (!first.IsAllowed) return first;
        // A range running from below into the interrupt address range: its bytes below are checked,
        // and the first byte in the range (not DMA) is the fault, 0x0E.
        bool intoInterruptRange = address < 0xFEE0_0000 && last >= 0xFEE0_0000;
        if (intoInterruptRange)
        {
            last = 0xFEDF_FFFF;
            wraps = false;
        }
        if (((last >> 12) - (address >> 12)) > (ulong)maxPages && !IsPassthrough(source)) return null;
        if (!IsPassthrough(source))
        {
            ulong cursor = (address | 0xFFF) + 1;
            while (cursor != 0 && cursor <= last)
            {
                var page = Translate(source, cursor, access);
                if (!page.IsAllowed) return page;
                cursor += 0x1000;
            }
        }
        if (intoInterruptRange) return DmaTranslation.Faulted(0xFEE0_0000, FaultReason.InterruptAddressRange, first.DomainId);
        // every byte up to 2^64 - 1 allowed, but the range runs past it: the bytes beyond do not exist
        return wraps ? DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, first.DomainId) : first;
    }

    private bool IsPassthrough(SourceId source) => DomainOf(source) is var d and >= 0 && _policy.Domains[d].IsPassthrough;

    public InterruptRemap RemapInterrupt(SourceId source, int index)
    {
        int unit = UnitFor(source);
        if (unit < 0 || index < 0 || index >= _policy.Units[unit].InterruptEntries) return InterruptRemap.Faulted(FaultReason.InterruptIndexBeyondTable);
        foreach (var interrupt in _policy.Interrupts)
        {
            if (interrupt.UnitIndex != unit || interrupt.Index != index) continue;
            var device = _policy.Devices[interrupt.DeviceIndex];
            var requester = device.Via ?? device.Source;
            if (requester.RequesterId != source.RequesterId) return InterruptRemap.Faulted(FaultReason.SourceMismatch);
            return InterruptRemap.Remapped((byte)interrupt.Vector, (uint)interrupt.Cpu,
                interrupt.Mode == InterruptDeliveryMode.LowestPriority ? DeliveryMode.LowestPriority : DeliveryMode.Fixed,
                interrupt.Trigger == InterruptTrigger.Level ? TriggerMode.Level : TriggerMode.Edge);
        }
        return InterruptRemap.Faulted(FaultReason.InterruptEntryNotPresent);
    }

    /// <summary>Every source id a request of the policy's devices can carry (own and <c>via</c> ids).</summary>
    public IEnumerable<SourceId> BoundSources()
    {
        var seen = new HashSet<uint>();
        foreach (var device in _policy.Devices)
        {
            if (seen.Add(device.Source.Key)) yield return ToSourceId(device.Source);
            if (device.Via is { } via && seen.Add(via.Key)) yield return ToSourceId(via);
        }
    }

    public static SourceId ToSourceId(PciAddress address) => new(address.Segment, address.Bus, address.Device, address.Function);
}
