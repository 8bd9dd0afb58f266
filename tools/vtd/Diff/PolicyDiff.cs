using VtdDsl.Compiler.Collections;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VtdDsl.Tool.Review;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Platform;

namespace VtdDsl.Tool.Diff;

/// <summary>
/// The semantic comparison behind <c>vtd diff</c>: two bound policies in, a list of typed
/// changes out. Things are matched by what they mean, not by their names or their order:
/// devices by source id; domains by the devices bound to them, then by id, then by name;
/// windows by DMA address after merging adjacent windows that translate alike; interrupts by
/// requester and table entry; units by name, then by segment and scope.
/// </summary>
internal sealed class PolicyDiff
{
    private readonly CompilationResult _oldResult;
    private readonly CompilationResult _newResult;
    private readonly Policy _old;
    private readonly Policy _new;
    private readonly List<PolicyChange> _changes = new();
    private int[] _domainMap = Array.Empty<int>();      // old domain index -> new domain index, or -1
    private int[] _domainMapBack = Array.Empty<int>();  // new -> old
    private int[] _unitMap = Array.Empty<int>();        // old unit -> new unit, or -1

    private PolicyDiff(CompilationResult oldResult, CompilationResult newResult)
    {
        _oldResult = oldResult;
        _newResult = newResult;
        _old = oldResult.Policy ?? throw new ArgumentException("The old version has no bound policy.", nameof(oldResult));
        _new = newResult.Policy ?? throw new ArgumentException("The new version has no bound policy.", nameof(newResult));
    }

    public static IReadOnlyList<PolicyChange> Compare(CompilationResult oldResult, CompilationResult newResult)
    {
        var diff = new PolicyDiff(oldResult, newResult);
        diff.Run();
        return diff._changes;
    }

    /// <summary>True when the two versions mean the same (only cosmetic notes, or nothing).</summary>
    public static bool SameMeaning(IReadOnlyList<PolicyChange> changes)
    {
        foreach (var change in changes)
        {
            if (!change.IsCosmetic) return false;
        }
        return true;
    }

    private void Run()
    {
        if (!string.Equals(_old.FullName, _new.FullName, StringComparison.Ordinal))
        {
            Add(ChangeArea.Policy, ChangeKind.PolicyRenamed, ChangeImpact.Cosmetic, "policy", $"renamed from {_old.FullName} to {_new.FullName} (the generated type's name changes)");
        }
        MatchUnits();
        MatchDomains();
        CompareDomains();
        CompareDevices();
        CompareProcesses();
        CompareInterrupts();
        CompareRegions(_old.Protected, _new.Protected, ChangeArea.ProtectedMemory, "protected memory", isProtection: true);
        CompareReserved();
        CompareRegions(_old.Memory, _new.Memory, ChangeArea.MemoryMap, "memory", isProtection: false);
        CompareWarnings();
    }

    private void Add(ChangeArea area, ChangeKind kind, ChangeImpact impact, string subject, string detail) =>
        _changes.Add(new PolicyChange(area, kind, impact, subject, detail));

    // ---- units ------------------------------------------------------------------------

    private void MatchUnits()
    {
        _unitMap = new int[_old.Units.Count];
        var taken = new bool[_new.Units.Count];
        for (int o = 0; o < _unitMap.Length; o++)
        {
            _unitMap[o] = -1;
            for (int n = 0; n < taken.Length; n++)
            {
                if (!taken[n] && _old.Units[o].Name == _new.Units[n].Name)
                {
                    _unitMap[o] = n;
                    taken[n] = true;
                    break;
                }
            }
        }
        for (int o = 0; o < _unitMap.Length; o++)
        {
            if (_unitMap[o] >= 0) continue;
            for (int n = 0; n < taken.Length; n++)
            {
                if (!taken[n] && _old.Units[o].Segment == _new.Units[n].Segment && Format.Scope(_old.Units[o]) == Format.Scope(_new.Units[n]))
                {
                    _unitMap[o] = n;
                    taken[n] = true;
                    break;
                }
            }
        }
        for (int o = 0; o < _unitMap.Length; o++)
        {
            var before = _old.Units[o];
            if (_unitMap[o] < 0)
            {
                Add(ChangeArea.Units, ChangeKind.UnitRemoved, ChangeImpact.Changed, $"unit {before.Name}", $"removed (segment {before.Segment}, scope {Format.Scope(before)})");
                continue;
            }
            var after = _new.Units[_unitMap[o]];
            string subject = $"unit {after.Name}";
            if (before.Name != after.Name)
            {
                Add(ChangeArea.Units, ChangeKind.UnitRenamed, ChangeImpact.Cosmetic, subject, $"renamed from {before.Name}");
            }
            Capability(subject, "segment", before.Segment.ToString(CultureInfo.InvariantCulture), after.Segment.ToString(CultureInfo.InvariantCulture));
            Capability(subject, "scope", Format.Scope(before), Format.Scope(after));
            Capability(subject, "address widths", Format.Widths(before.Widths), Format.Widths(after.Widths));
            Capability(subject, "domain ids", before.DomainCount.ToString(CultureInfo.InvariantCulture), after.DomainCount.ToString(CultureInfo.InvariantCulture));
            Capability(subject, "superpages", Format.Superpages(before.Superpages), Format.Superpages(after.Superpages));
            Capability(subject, "pass-through support", before.SupportsPassthrough ? "yes" : "no", after.SupportsPassthrough ? "yes" : "no");
            Capability(subject, "interrupt entries", before.InterruptEntries.ToString(CultureInfo.InvariantCulture), after.InterruptEntries.ToString(CultureInfo.InvariantCulture));
            Capability(subject, "mode", ModeText(before), ModeText(after));
        }
        for (int n = 0; n < taken.Length; n++)
        {
            if (!taken[n])
            {
                var unit = _new.Units[n];
                Add(ChangeArea.Units, ChangeKind.UnitAdded, ChangeImpact.Changed, $"unit {unit.Name}", $"added (segment {unit.Segment}, scope {Format.Scope(unit)})");
            }
        }
    }

    private static string ModeText(IommuUnit unit) => unit.Mode == TranslationMode.Scalable ? $"scalable, {unit.PasidBits}-bit PASIDs" : "legacy";

    private void Capability(string subject, string what, string before, string after)
    {
        if (before != after)
        {
            Add(ChangeArea.Units, ChangeKind.UnitCapabilityChanged, ChangeImpact.Changed, subject, $"{what} changed from {before} to {after}");
        }
    }

    private string NewUnitName(int unit) => unit >= 0 && unit < _new.Units.Count ? _new.Units[unit].Name : "?";

    // ---- domains ----------------------------------------------------------------------

    /// <summary>What binds to a domain: each device's source id, and each PASID line (source id and PASID).</summary>
    private static HashSet<ulong> Bindings(Policy policy, int domain)
    {
        var keys = new HashSet<ulong>();
        foreach (var device in policy.Devices)
        {
            if (device.DomainIndex == domain) keys.Add((ulong)device.Source.Key << 24);
            foreach (var pasid in device.Pasids)
            {
                if (pasid.Kind == PasidTargetKind.Domain && pasid.TargetIndex == domain)
                {
                    keys.Add((ulong)device.Source.Key << 24 | (pasid.Pasid & 0xFFFFF) + 1);
                }
            }
        }
        return keys;
    }

    private void MatchDomains()
    {
        int oldCount = _old.Domains.Count, newCount = _new.Domains.Count;
        _domainMap = new int[oldCount];
        _domainMapBack = new int[newCount];
        for (int i = 0; i < oldCount; i++) _domainMap[i] = -1;
        for (int i = 0; i < newCount; i++) _domainMapBack[i] = -1;
        var oldBindings = new HashSet<ulong>[oldCount];
        var newBindings = new HashSet<ulong>[newCount];
        for (int i = 0; i < oldCount; i++) oldBindings[i] = Bindings(_old, i);
        for (int i = 0; i < newCount; i++) newBindings[i] = Bindings(_new, i);

        // 1. The same non-empty set of bindings; 2. the largest overlap of bindings;
        // ties go to the same id, then the same name, then declaration order.
        var candidates = new List<(int Old, int New, bool Exact, int Overlap, bool SameId, bool SameName)>();
        for (int o = 0; o < oldCount; o++)
        {
            for (int n = 0; n < newCount; n++)
            {
                int overlap = 0;
                foreach (ulong key in oldBindings[o]) if (newBindings[n].Contains(key)) overlap++;
                if (overlap == 0) continue;
                bool exact = overlap == oldBindings[o].Count && overlap == newBindings[n].Count;
                candidates.Add((o, n, exact, overlap, _old.Domains[o].Id == _new.Domains[n].Id, _old.Domains[o].Name == _new.Domains[n].Name));
            }
        }
        candidates.Sort((a, b) =>
        {
            if (a.Exact != b.Exact) return a.Exact ? -1 : 1;
            if (a.Overlap != b.Overlap) return b.Overlap.CompareTo(a.Overlap);
            if (a.SameId != b.SameId) return a.SameId ? -1 : 1;
            if (a.SameName != b.SameName) return a.SameName ? -1 : 1;
            return a.Old != b.Old ? a.Old.CompareTo(b.Old) : a.New.CompareTo(b.New);
        });
        foreach (var candidate in candidates)
        {
            Pair(candidate.Old, candidate.New);
        }
        // 3. The same id; 4. the same name.
        for (int o = 0; o < oldCount; o++)
        {
            for (int n = 0; n < newCount && _domainMap[o] < 0; n++)
            {
                if (_old.Domains[o].Id == _new.Domains[n].Id) Pair(o, n);
            }
        }
        for (int o = 0; o < oldCount; o++)
        {
            for (int n = 0; n < newCount && _domainMap[o] < 0; n++)
            {
                if (_old.Domains[o].Name == _new.Domains[n].Name) Pair(o, n);
            }
        }
    }

    private void Pair(int o, int n)
    {
        if (_domainMap[o] >= 0 || _domainMapBack[n] >= 0) return;
        _domainMap[o] = n;
        _domainMapBack[n] = o;
    }

    private static string Label(Domain domain) => $"domain {domain.Name} (id {domain.Id})";

    private static string LabelOf(Policy policy, int domain) =>
        domain >= 0 && domain < policy.Domains.Count ? Label(policy.Domains[domain]) : "no domain";

    /// <summary>An old domain as the reviewer knows it now: by its new name when it still exists under another.</summary>
    private string OldLabel(int domain)
    {
        if (domain < 0 || domain >= _old.Domains.Count) return "no domain";
        var before = _old.Domains[domain];
        int now = _domainMap[domain];
        return now >= 0 && _new.Domains[now].Name != before.Name
            ? $"domain {_new.Domains[now].Name} (id {before.Id}, formerly {before.Name})"
            : Label(before);
    }

    private readonly Dictionary<(bool New, int Domain, Rights Right), AddressRangeSet> _reach = new();

    /// <summary>Host memory a domain's devices may reach with <paramref name="right"/> (computed once per domain).</summary>
    private AddressRangeSet Reach(Policy policy, int domain, Rights right)
    {
        var key = (ReferenceEquals(policy, _new), domain, right);
        if (!_reach.TryGetValue(key, out var ranges))
        {
            _reach[key] = ranges = ComputeReach(policy, domain, right);
        }
        return ranges;
    }

    private static AddressRangeSet ComputeReach(Policy policy, int domain, Rights right)
    {
        if (domain < 0 || domain >= policy.Domains.Count) return AddressRangeSet.None;
        var d = policy.Domains[domain];
        if (d.IsPassthrough) return AddressRangeSet.All;
        var ranges = new List<(ulong, ulong)>();
        foreach (var window in d.Windows)
        {
            if ((window.Rights & right) != 0 && window.Size != 0) ranges.Add((window.HostAddress, window.HostLast));
        }
        return new AddressRangeSet(ranges);
    }

    /// <summary>How moving from one reach to another changes access.</summary>
    private ChangeImpact AccessImpact(Policy oldPolicy, int oldDomain, Policy newPolicy, int newDomain)
    {
        var oldWrite = Reach(oldPolicy, oldDomain, Rights.Write);
        var newWrite = Reach(newPolicy, newDomain, Rights.Write);
        if (!oldWrite.Covers(newWrite)) return ChangeImpact.GainsWrite;
        var oldRead = Reach(oldPolicy, oldDomain, Rights.Read);
        var newRead = Reach(newPolicy, newDomain, Rights.Read);
        if (!oldRead.Covers(newRead)) return ChangeImpact.MoreAccess;
        if (!newWrite.Covers(oldWrite) || !newRead.Covers(oldRead)) return ChangeImpact.LessAccess;
        return ChangeImpact.Changed;
    }

    private void CompareDomains()
    {
        var oldIndex = new PolicyIndex(_old);
        var newIndex = new PolicyIndex(_new);
        foreach (int n in newIndex.DomainsById)
        {
            var after = _new.Domains[n];
            int o = _domainMapBack[n];
            if (o < 0)
            {
                string reach = after.IsPassthrough ? "pass-through: reaches all host memory with read and write" : Format.Count(after.Windows.Count, "window");
                var impact = after.IsPassthrough || Reach(_new, n, Rights.Write).IsEmpty == false ? ChangeImpact.GainsWrite
                    : Reach(_new, n, Rights.Read).IsEmpty ? ChangeImpact.Changed : ChangeImpact.MoreAccess;
                Add(ChangeArea.Domains, ChangeKind.DomainAdded, impact, Label(after), $"added ({reach}, {Format.Count(newIndex.DevicesOf[n].Count, "device")}){Gains(impact)}");
                if (!after.IsPassthrough) CompareWindows(-1, n);
                continue;
            }
            var before = _old.Domains[o];
            string subject = Label(after);
            if (before.Name != after.Name)
            {
                Add(ChangeArea.Domains, ChangeKind.DomainRenamed, ChangeImpact.Cosmetic, subject, $"renamed from {before.Name}");
            }
            if (before.Id != after.Id)
            {
                Add(ChangeArea.Domains, ChangeKind.DomainIdChanged, ChangeImpact.Changed, subject,
                    $"domain id changed from {before.Id} to {after.Id} (context entries and IOTLB tags change){(after.IdIsExplicit ? "" : "; the new id is automatic")}");
            }
            if (before.IsPassthrough != after.IsPassthrough)
            {
                if (after.IsPassthrough)
                {
                    Add(ChangeArea.Domains, ChangeKind.DomainBecamePassthrough, ChangeImpact.GainsWrite, subject,
                        $"became pass-through: its devices now reach ALL host memory with read and write (was {Format.Count(before.Windows.Count, "window")})");
                }
                else
                {
                    Add(ChangeArea.Domains, ChangeKind.DomainNoLongerPassthrough, ChangeImpact.LessAccess, subject,
                        $"no longer pass-through: its devices now reach only its {Format.Count(after.Windows.Count, "window")}");
                    CompareWindows(-1, n, listOnly: true);
                }
                continue;
            }
            if (!after.IsPassthrough && before.AddressWidth != after.AddressWidth)
            {
                Add(ChangeArea.Domains, ChangeKind.DomainWidthChanged, ChangeImpact.Changed, subject,
                    $"address width changed from {before.AddressWidth}-bit to {after.AddressWidth}-bit ({Levels(before.AddressWidth)} to {Levels(after.AddressWidth)} table levels){(after.WidthIsExplicit ? "" : "; chosen automatically")}");
            }
            if (!after.IsPassthrough) CompareWindows(o, n);
        }
        foreach (int o in oldIndex.DomainsById)
        {
            if (_domainMap[o] >= 0) continue;
            var before = _old.Domains[o];
            Add(ChangeArea.Domains, ChangeKind.DomainRemoved, ChangeImpact.LessAccess, Label(before),
                $"removed ({(before.IsPassthrough ? "pass-through" : Format.Count(before.Windows.Count, "window"))}, {Format.Count(oldIndex.DevicesOf[o].Count, "device")})");
        }
    }

    private static int Levels(int width) => width switch { 39 => 3, 48 => 4, 57 => 5, _ => 0 };

    // ---- windows ----------------------------------------------------------------------

    /// <summary>A window after merging neighbours that translate alike; identity is just host == DMA address.</summary>
    private readonly record struct Span(ulong First, ulong Last, ulong Host, Rights Rights, bool Shared)
    {
        public ulong HostLast => Host + (Last - First);
        public long Offset => unchecked((long)(Host - First));
    }

    private static List<Span> Normalize(Domain domain)
    {
        var spans = new List<Span>();
        foreach (var window in PolicyIndex.WindowsByIova(domain))
        {
            if (window.Size == 0 || window.Overflows) continue;
            var span = new Span(window.Iova, window.IovaLast, window.HostAddress, window.Rights, window.Shared);
            if (spans.Count > 0 && spans[spans.Count - 1] is var last && last.Last != ulong.MaxValue && last.Last + 1 == span.First
                && last.Offset == span.Offset && last.Rights == span.Rights && last.Shared == span.Shared)
            {
                spans[spans.Count - 1] = last with { Last = span.Last };
            }
            else
            {
                spans.Add(span);
            }
        }
        return spans;
    }

    private static string Describe(Span span) =>
        $"DMA {Format.Range(span.First, span.Last)} -> host {Format.Range(span.Host, span.HostLast)} ({Format.RangeSize(span.First, span.Last)}, {Format.Rights(span.Rights)}{(span.Shared ? ", shared" : "")})";

    private void CompareWindows(int o, int n, bool listOnly = false)
    {
        var after = _new.Domains[n];
        string subject = Label(after);
        var oldSpans = o >= 0 ? Normalize(_old.Domains[o]) : new List<Span>();
        var newSpans = Normalize(after);
        var oldWrite = o >= 0 ? Reach(_old, o, Rights.Write) : AddressRangeSet.None;
        var oldRead = o >= 0 ? Reach(_old, o, Rights.Read) : AddressRangeSet.None;
        if (listOnly)
        {
            foreach (var span in newSpans)
            {
                Add(ChangeArea.Windows, ChangeKind.WindowAdded, ChangeImpact.LessAccess, subject, $"keeps window {Describe(span)}");
            }
            return;
        }

        var oldUsed = new bool[oldSpans.Count];
        var newUsed = new bool[newSpans.Count];
        var exact = new Dictionary<Span, int>();
        for (int j = 0; j < newSpans.Count; j++) exact[newSpans[j]] = j;
        for (int i = 0; i < oldSpans.Count; i++)
        {
            if (exact.TryGetValue(oldSpans[i], out int j) && !newUsed[j])
            {
                oldUsed[i] = newUsed[j] = true;
            }
        }
        // Pair what overlaps in DMA space, largest overlap first. Spans of one domain are
        // disjoint and sorted by DMA address, so one merge-like pass finds every overlap.
        var pairs = new List<(int Old, int New, ulong Overlap)>();
        for (int i = 0, j = 0; i < oldSpans.Count && j < newSpans.Count;)
        {
            ulong first = Math.Max(oldSpans[i].First, newSpans[j].First);
            ulong last = Math.Min(oldSpans[i].Last, newSpans[j].Last);
            if (first <= last && !oldUsed[i] && !newUsed[j]) pairs.Add((i, j, last - first));
            if (oldSpans[i].Last < newSpans[j].Last) i++;
            else j++;
        }
        pairs.Sort((a, b) => a.Overlap != b.Overlap ? b.Overlap.CompareTo(a.Overlap) : a.Old != b.Old ? a.Old.CompareTo(b.Old) : a.New.CompareTo(b.New));
        var matched = new List<(int Old, int New)>();
        foreach (var pair in pairs)
        {
            if (oldUsed[pair.Old] || newUsed[pair.New]) continue;
            oldUsed[pair.Old] = newUsed[pair.New] = true;
            matched.Add((pair.Old, pair.New));
        }

        // Report in DMA address order of the new version (removed ones by their old address).
        var items = new List<(ulong Key, int Order, Action Report)>();
        foreach (var (i, j) in matched)
        {
            var before = oldSpans[i];
            var now = newSpans[j];
            items.Add((now.First, 1, () => ComparePair(subject, before, now, oldWrite, oldRead)));
        }
        for (int j = 0; j < newSpans.Count; j++)
        {
            if (newUsed[j]) continue;
            var now = newSpans[j];
            var impact = WindowImpact(now, oldWrite, oldRead);
            items.Add((now.First, 2, () => Add(ChangeArea.Windows, ChangeKind.WindowAdded, impact, subject, $"window added: {Describe(now)}{Gains(impact)}")));
        }
        for (int i = 0; i < oldSpans.Count; i++)
        {
            if (oldUsed[i]) continue;
            var before = oldSpans[i];
            items.Add((before.First, 0, () => Add(ChangeArea.Windows, ChangeKind.WindowRemoved, ChangeImpact.LessAccess, subject, $"window removed: {Describe(before)}")));
        }
        items.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Order.CompareTo(b.Order));
        foreach (var item in items) item.Report();
    }

    /// <summary>What a window of the new version gives that the old domain did not have.</summary>
    private static ChangeImpact WindowImpact(Span now, AddressRangeSet oldWrite, AddressRangeSet oldRead)
    {
        if ((now.Rights & Rights.Write) != 0 && !oldWrite.Covers(now.Host, now.HostLast)) return ChangeImpact.GainsWrite;
        if ((now.Rights & Rights.Read) != 0 && !oldRead.Covers(now.Host, now.HostLast)) return ChangeImpact.MoreAccess;
        return ChangeImpact.Changed;
    }

    private static string Gains(ChangeImpact impact) => impact == ChangeImpact.GainsWrite ? " — GAINS WRITE" : string.Empty;

    private void ComparePair(string subject, Span before, Span now, AddressRangeSet oldWrite, AddressRangeSet oldRead)
    {
        var gained = WindowImpact(now, oldWrite, oldRead);
        bool gainedAccess = gained is ChangeImpact.GainsWrite or ChangeImpact.MoreAccess;
        bool retargeted = before.Offset != now.Offset;
        bool rightsChanged = before.Rights != now.Rights;
        bool gainsWriteRight = (now.Rights & Rights.Write) != 0 && (before.Rights & Rights.Write) == 0;
        string was = $"DMA {Format.Range(before.First, before.Last)}";

        if (before.First != now.First || before.Last != now.Last)
        {
            bool widened = now.First <= before.First && now.Last >= before.Last;
            bool narrowed = now.First >= before.First && now.Last <= before.Last;
            var kind = widened ? ChangeKind.WindowWidened : narrowed ? ChangeKind.WindowNarrowed : ChangeKind.WindowMoved;
            string verb = widened ? "widened" : narrowed ? "narrowed" : "moved";
            var impact = narrowed ? ChangeImpact.LessAccess
                : !retargeted && !rightsChanged && gainedAccess ? gained
                : ChangeImpact.Changed;
            Add(ChangeArea.Windows, kind, impact, subject,
                $"window {verb} from {was} ({Format.RangeSize(before.First, before.Last)}) to {Describe(now)}{Gains(impact)}");
        }
        if (retargeted)
        {
            var impact = !gainsWriteRight && gainedAccess ? gained : ChangeImpact.Changed;
            Add(ChangeArea.Windows, ChangeKind.WindowRetargeted, impact, subject,
                $"window retargeted: DMA {Format.Range(now.First, now.Last)} now reaches host {Format.Range(now.Host, now.HostLast)} (was host {Format.Range(before.Host, before.HostLast)}){Gains(impact)}");
        }
        if (rightsChanged)
        {
            var impact = gainsWriteRight && gained == ChangeImpact.GainsWrite ? ChangeImpact.GainsWrite
                : (now.Rights & ~before.Rights) != 0 ? (gainedAccess ? ChangeImpact.MoreAccess : ChangeImpact.Changed)
                : ChangeImpact.LessAccess;
            Add(ChangeArea.Windows, ChangeKind.WindowRightsChanged, impact, subject,
                $"window DMA {Format.Range(now.First, now.Last)} -> host {Format.Range(now.Host, now.HostLast)}: rights changed from {Format.Rights(before.Rights)} to {Format.Rights(now.Rights)}{Gains(impact)}");
        }
        if (before.Shared != now.Shared)
        {
            Add(ChangeArea.Windows, ChangeKind.WindowSharedChanged, ChangeImpact.Changed, subject,
                $"window DMA {Format.Range(now.First, now.Last)}: {(now.Shared ? "now marked shared (a reviewed exception to isolation)" : "no longer marked shared")}");
        }
    }

    // ---- devices and PASIDs -------------------------------------------------------------

    private void CompareDevices()
    {
        var oldBySource = new Dictionary<uint, Device>();
        foreach (var device in _old.Devices) oldBySource[device.Source.Key] = device;
        var newBySource = new Dictionary<uint, Device>();
        foreach (var device in _new.Devices) newBySource[device.Source.Key] = device;
        var keys = new SortedSet<uint>(oldBySource.Keys);
        keys.UnionWith(newBySource.Keys);
        foreach (uint key in keys)
        {
            oldBySource.TryGetValue(key, out var before);
            newBySource.TryGetValue(key, out var after);
            if (after is null)
            {
                Add(ChangeArea.Devices, ChangeKind.DeviceRemoved, ChangeImpact.LessAccess, DeviceLabel(before!),
                    $"removed (was in {LabelOf(_old, before!.DomainIndex)})");
                continue;
            }
            string subject = DeviceLabel(after);
            if (before is null)
            {
                var impact = AccessImpact(_old, -1, _new, after.DomainIndex);
                if (impact == ChangeImpact.Changed) impact = ChangeImpact.MoreAccess;
                Add(ChangeArea.Devices, ChangeKind.DeviceAdded, impact, subject,
                    $"added to {LabelOf(_new, after.DomainIndex)}{(after.Via is { } v ? $", via {v}" : "")}{(after.Ats ? ", with ATS" : "")}{Gains(impact)}");
                ComparePasids(null, after);
                continue;
            }
            if (before.Name != after.Name)
            {
                Add(ChangeArea.Devices, ChangeKind.DeviceRenamed, ChangeImpact.Cosmetic, subject, $"renamed from {before.DisplayName}");
            }
            int mapped = before.DomainIndex >= 0 ? _domainMap[before.DomainIndex] : -1;
            if (mapped != after.DomainIndex)
            {
                var impact = AccessImpact(_old, before.DomainIndex, _new, after.DomainIndex);
                Add(ChangeArea.Devices, ChangeKind.DeviceMoved, impact, subject,
                    $"moved from {OldLabel(before.DomainIndex)} to {LabelOf(_new, after.DomainIndex)}{Gains(impact)}");
            }
            if (before.Via != after.Via)
            {
                string text = after.Via is null ? $"no longer behind bridge {before.Via}"
                    : before.Via is null ? $"now behind bridge {after.Via} (that source id is bound to its domain too)"
                    : $"via changed from {before.Via} to {after.Via}";
                Add(ChangeArea.Devices, ChangeKind.DeviceViaChanged, ChangeImpact.Changed, subject, text);
            }
            if (before.Ats != after.Ats)
            {
                Add(ChangeArea.Devices, ChangeKind.DeviceAtsChanged, ChangeImpact.Changed, subject,
                    after.Ats ? "ATS enabled: the device may cache translations (context translation type 01)" : "ATS disabled (context translation type 00)");
            }
            if (before.Pri != after.Pri)
            {
                Add(ChangeArea.Devices, ChangeKind.DevicePriChanged, ChangeImpact.Changed, subject, after.Pri ? "page requests (PRI) enabled" : "page requests (PRI) disabled");
            }
            ComparePasids(before, after);
        }
    }

    private static string DeviceLabel(Device device) =>
        device.Name is null ? $"device {device.Source}" : $"device {device.Source} {device.Name}";

    private string PasidTarget(Policy policy, PasidBinding pasid) =>
        pasid.Kind == PasidTargetKind.Process ? $"process {pasid.TargetName}" : LabelOf(policy, pasid.TargetIndex);

    private void ComparePasids(Device? before, Device after)
    {
        var oldLines = new SortedDictionary<ulong, PasidBinding>();
        if (before is not null) foreach (var pasid in before.Pasids) oldLines[pasid.Pasid] = pasid;
        var newLines = new SortedDictionary<ulong, PasidBinding>();
        foreach (var pasid in after.Pasids) newLines[pasid.Pasid] = pasid;
        string subject = DeviceLabel(after);
        foreach (var (number, line) in newLines)
        {
            if (!oldLines.TryGetValue(number, out var old))
            {
                // Requests tagged with the PASID faulted before: they now reach the target's memory.
                var impact = line.Kind == PasidTargetKind.Domain ? AccessImpact(_old, -1, _new, line.TargetIndex) : ChangeImpact.MoreAccess;
                Add(ChangeArea.Pasids, ChangeKind.PasidAdded, impact, subject, $"PASID {Format.Hex(number)} added -> {PasidTarget(_new, line)}");
            }
            else if (old.Kind != line.Kind
                || (line.Kind == PasidTargetKind.Process ? old.TargetName != line.TargetName : (old.TargetIndex >= 0 ? _domainMap[old.TargetIndex] : -1) != line.TargetIndex))
            {
                var impact = old.Kind == PasidTargetKind.Domain && line.Kind == PasidTargetKind.Domain
                    ? AccessImpact(_old, old.TargetIndex, _new, line.TargetIndex)
                    : ChangeImpact.Changed;
                Add(ChangeArea.Pasids, ChangeKind.PasidRetargeted, impact, subject,
                    $"PASID {Format.Hex(number)} now selects {PasidTarget(_new, line)} (was {PasidTarget(_old, old)})");
            }
        }
        foreach (var (number, line) in oldLines)
        {
            if (!newLines.ContainsKey(number))
            {
                Add(ChangeArea.Pasids, ChangeKind.PasidRemoved, ChangeImpact.LessAccess, subject, $"PASID {Format.Hex(number)} removed (was -> {PasidTarget(_old, line)})");
            }
        }
    }

    private void CompareProcesses()
    {
        var oldByName = new SortedDictionary<string, Process>(StringComparer.Ordinal);
        foreach (var process in _old.Processes) oldByName[process.Name] = process;
        var newByName = new SortedDictionary<string, Process>(StringComparer.Ordinal);
        foreach (var process in _new.Processes) newByName[process.Name] = process;
        foreach (var (name, process) in newByName)
        {
            if (!oldByName.TryGetValue(name, out var old))
                Add(ChangeArea.Pasids, ChangeKind.ProcessAdded, ChangeImpact.Changed, $"process {name}", $"added (domain id {process.DomainId})");
            else if (old.DomainId != process.DomainId)
                Add(ChangeArea.Pasids, ChangeKind.ProcessIdChanged, ChangeImpact.Changed, $"process {name}", $"domain id changed from {old.DomainId} to {process.DomainId}");
        }
        foreach (var (name, process) in oldByName)
        {
            if (!newByName.ContainsKey(name))
                Add(ChangeArea.Pasids, ChangeKind.ProcessRemoved, ChangeImpact.Changed, $"process {name}", $"removed (was domain id {process.DomainId})");
        }
    }

    // ---- interrupts -------------------------------------------------------------------

    private readonly record struct Entry(int Unit, int Index, uint Source, string Device, string Requester, ulong Vector, ulong Cpu, InterruptDeliveryMode Mode, InterruptTrigger Trigger)
    {
        public string Delivery => $"vector {Format.Vector(Vector)} cpu {Cpu} {Format.Mode(Mode)} {Format.Trigger(Trigger)}";
    }

    private static List<Entry> Entries(Policy policy, Func<int, int> unitMap)
    {
        var entries = new List<Entry>();
        foreach (var interrupt in policy.Interrupts)
        {
            if (interrupt.DeviceIndex < 0) continue;
            var device = policy.Devices[interrupt.DeviceIndex];
            entries.Add(new Entry(unitMap(interrupt.UnitIndex), interrupt.Index, device.Source.Key, device.DisplayName, device.RequestSource.ToString(),
                interrupt.Vector, interrupt.Cpu, interrupt.Mode, interrupt.Trigger));
        }
        entries.Sort((a, b) => a.Unit != b.Unit ? a.Unit.CompareTo(b.Unit) : a.Index.CompareTo(b.Index));
        return entries;
    }

    private void CompareInterrupts()
    {
        var oldEntries = Entries(_old, u => u >= 0 && u < _unitMap.Length ? _unitMap[u] : -1);
        var newEntries = Entries(_new, u => u);
        var oldUsed = new bool[oldEntries.Count];
        var newUsed = new bool[newEntries.Count];
        var pairs = new List<(int Old, int New)>();
        // Same entry in every respect; then same requester and table entry; same requester and vector; same requester.
        Func<Entry, object>[] rules =
        {
            e => e with { Device = string.Empty },
            e => (e.Source, e.Unit, e.Index),
            e => (e.Source, e.Vector),
            e => e.Source,
        };
        for (int rule = 0; rule < rules.Length; rule++)
        {
            var waiting = new Dictionary<object, Queue<int>>();
            for (int j = 0; j < newEntries.Count; j++)
            {
                if (newUsed[j]) continue;
                var key = rules[rule](newEntries[j]);
                if (!waiting.TryGetValue(key, out var queue)) waiting[key] = queue = new Queue<int>();
                queue.Enqueue(j);
            }
            for (int i = 0; i < oldEntries.Count; i++)
            {
                if (oldUsed[i] || !waiting.TryGetValue(rules[rule](oldEntries[i]), out var queue) || queue.Count == 0) continue;
                int j = queue.Dequeue();
                oldUsed[i] = newUsed[j] = true;
                if (rule > 0) pairs.Add((i, j));
            }
        }
        var items = new List<(int Unit, int Index, int Order, PolicyChange Change)>();
        foreach (var (i, j) in pairs)
        {
            var before = oldEntries[i];
            var now = newEntries[j];
            var what = new List<string>();
            if (before.Unit != now.Unit || before.Index != now.Index) what.Add($"table entry {UnitText(before.Unit)}[{before.Index}] -> {UnitText(now.Unit)}[{now.Index}]");
            if (before.Vector != now.Vector) what.Add($"vector {Format.Vector(before.Vector)} -> {Format.Vector(now.Vector)}");
            if (before.Cpu != now.Cpu) what.Add($"cpu {before.Cpu} -> {now.Cpu}");
            if (before.Mode != now.Mode) what.Add($"mode {Format.Mode(before.Mode)} -> {Format.Mode(now.Mode)}");
            if (before.Trigger != now.Trigger) what.Add($"trigger {Format.Trigger(before.Trigger)} -> {Format.Trigger(now.Trigger)}");
            if (before.Requester != now.Requester) what.Add($"verified source id {before.Requester} -> {now.Requester}");
            items.Add((now.Unit, now.Index, 1, new PolicyChange(ChangeArea.Interrupts, ChangeKind.InterruptChanged, ChangeImpact.Changed,
                $"interrupt {UnitText(now.Unit)}[{now.Index}] of {now.Device}", string.Join(", ", what))));
        }
        for (int j = 0; j < newEntries.Count; j++)
        {
            if (newUsed[j]) continue;
            var now = newEntries[j];
            items.Add((now.Unit, now.Index, 2, new PolicyChange(ChangeArea.Interrupts, ChangeKind.InterruptAdded, ChangeImpact.MoreAccess,
                $"interrupt {UnitText(now.Unit)}[{now.Index}] of {now.Device}", $"added: {now.Delivery}, accepted from {now.Requester}")));
        }
        for (int i = 0; i < oldEntries.Count; i++)
        {
            if (oldUsed[i]) continue;
            var before = oldEntries[i];
            var unitName = before.Unit >= 0 ? NewUnitName(before.Unit) : "(removed unit)";
            items.Add((before.Unit, before.Index, 0, new PolicyChange(ChangeArea.Interrupts, ChangeKind.InterruptRemoved, ChangeImpact.LessAccess,
                $"interrupt {unitName}[{before.Index}] of {before.Device}", $"removed (was {before.Delivery}, from {before.Requester})")));
        }
        items.Sort((a, b) => a.Unit != b.Unit ? a.Unit.CompareTo(b.Unit) : a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.Order.CompareTo(b.Order));
        foreach (var item in items) _changes.Add(item.Change);
    }

    private string UnitText(int unit) => unit >= 0 ? NewUnitName(unit) : "(removed unit)";

    // ---- memory -----------------------------------------------------------------------

    private void CompareRegions(IReadOnlyList<MemoryRegion> oldRegions, IReadOnlyList<MemoryRegion> newRegions, ChangeArea area, string noun, bool isProtection)
    {
        var oldUsed = new bool[oldRegions.Count];
        var newUsed = new bool[newRegions.Count];
        var items = new List<(ulong Key, PolicyChange Change)>();
        for (int j = 0; j < newRegions.Count; j++)
        {
            for (int i = 0; i < oldRegions.Count; i++)
            {
                if (oldUsed[i] || oldRegions[i].Base != newRegions[j].Base || oldRegions[i].Size != newRegions[j].Size) continue;
                oldUsed[i] = newUsed[j] = true;
                if (oldRegions[i].Name != newRegions[j].Name)
                {
                    items.Add((newRegions[j].Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedRenamed : ChangeKind.MemoryRenamed, ChangeImpact.Cosmetic,
                        $"{noun} {newRegions[j].Name}", $"renamed from {oldRegions[i].Name}")));
                }
                break;
            }
        }
        for (int j = 0; j < newRegions.Count; j++)
        {
            if (newUsed[j]) continue;
            var now = newRegions[j];
            for (int i = 0; i < oldRegions.Count; i++)
            {
                if (oldUsed[i] || oldRegions[i].Name != now.Name) continue;
                oldUsed[i] = newUsed[j] = true;
                var before = oldRegions[i];
                bool covers = now.Base <= before.Base && now.Last >= before.Last;
                var impact = !isProtection ? ChangeImpact.Changed : covers ? ChangeImpact.LessAccess : ChangeImpact.MoreAccess;
                items.Add((now.Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedChanged : ChangeKind.MemoryChanged, impact,
                    $"{noun} {now.Name}", $"changed from host {Format.Range(before.Base, before.Last)} ({Format.Size(before.Size)}) to {Format.Range(now.Base, now.Last)} ({Format.Size(now.Size)})"
                    + (isProtection && !covers ? " — memory that was protected no longer is" : ""))));
                break;
            }
            if (!newUsed[j])
            {
                newUsed[j] = true;
                items.Add((now.Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedAdded : ChangeKind.MemoryAdded,
                    isProtection ? ChangeImpact.LessAccess : ChangeImpact.Changed,
                    $"{noun} {now.Name}", $"added: host {Format.Range(now.Base, now.Last)} ({Format.Size(now.Size)})")));
            }
        }
        for (int i = 0; i < oldRegions.Count; i++)
        {
            if (oldUsed[i]) continue;
            var before = oldRegions[i];
            items.Add((before.Base, new PolicyChange(area, isProtection ? ChangeKind.ProtectedRemoved : ChangeKind.MemoryRemoved,
                isProtection ? ChangeImpact.MoreAccess : ChangeImpact.Changed,
                $"{noun} {before.Name}", $"removed: host {Format.Range(before.Base, before.Last)} ({Format.Size(before.Size)}){(isProtection ? " is no longer protected" : "")}")));
        }
        items.Sort((a, b) => a.Key.CompareTo(b.Key));
        foreach (var item in items) _changes.Add(item.Change);
    }

    // ---- reserved memory --------------------------------------------------------------

    /// <summary>Reserved regions (RMRRs) matched by name: added, removed, moved, other devices, and who honours them.</summary>
    private void CompareReserved()
    {
        var before = new Dictionary<string, ReservedRegionUse>(StringComparer.Ordinal);
        foreach (var use in ReservedRegionUse.Of(_old)) before[use.Region.Name] = use;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var now in ReservedRegionUse.Of(_new))
        {
            var region = now.Region;
            string subject = $"reserved {region.Name}";
            seen.Add(region.Name);
            if (!before.TryGetValue(region.Name, out var old))
            {
                Add(ChangeArea.ReservedMemory, ChangeKind.ReservedAdded, ChangeImpact.Changed, subject,
                    $"added: host {Format.Range(region.Base, region.Last)} ({Format.Size(region.Size)}) for {Devices(now)}; {Honours(_new, now)}");
                continue;
            }
            if (old.Region.Base != region.Base || old.Region.Size != region.Size)
            {
                Add(ChangeArea.ReservedMemory, ChangeKind.ReservedChanged, ChangeImpact.Changed, subject,
                    $"changed from host {Format.Range(old.Region.Base, old.Region.Last)} ({Format.Size(old.Region.Size)}) to {Format.Range(region.Base, region.Last)} ({Format.Size(region.Size)})");
            }
            if (Devices(old) != Devices(now))
            {
                Add(ChangeArea.ReservedMemory, ChangeKind.ReservedChanged, ChangeImpact.Changed, subject,
                    $"devices changed from {Devices(old)} to {Devices(now)}");
            }
            foreach (var device in now.Devices)
            {
                var earlier = old.Devices.FirstOrDefault(d => d.Reference.Text == device.Reference.Text);
                if (earlier is null) continue;
                string was = Honour(_old, earlier), nowText = Honour(_new, device);
                if (was != nowText)
                {
                    Add(ChangeArea.ReservedMemory, ChangeKind.ReservedHonourChanged, ChangeImpact.Changed, subject, $"was {was}; now {nowText}");
                }
            }
        }
        foreach (var old in ReservedRegionUse.Of(_old))
        {
            if (seen.Contains(old.Region.Name)) continue;
            Add(ChangeArea.ReservedMemory, ChangeKind.ReservedRemoved, ChangeImpact.Changed, $"reserved {old.Region.Name}",
                $"removed: host {Format.Range(old.Region.Base, old.Region.Last)} ({Format.Size(old.Region.Size)}) for {Devices(old)}");
        }
    }

    private static string Devices(ReservedRegionUse use)
    {
        var names = new List<string>();
        foreach (var device in use.Devices) names.Add(device.Reference.Text);
        return string.Join(", ", names);
    }

    /// <summary>Who honours the region: <c>xhci in domain host (identity-mapped read write)</c> for each device.</summary>
    private static string Honours(Policy policy, ReservedRegionUse use)
    {
        var parts = new List<string>();
        foreach (var device in use.Devices) parts.Add(Honour(policy, device));
        return string.Join("; ", parts);
    }

    private static string Honour(Policy policy, ReservedRegionDevice device) => device.Status switch
    {
        ReservedRegionStatus.Unbound => $"{device.Reference.Text} unbound",
        ReservedRegionStatus.PassThrough => $"{device.Reference.Text} in pass-through domain {policy.Domains[device.DomainIndex].Name}",
        ReservedRegionStatus.IdentityMapped => $"{device.Reference.Text} in domain {policy.Domains[device.DomainIndex].Name} (identity-mapped read write)",
        _ => $"{device.Reference.Text} in domain {policy.Domains[device.DomainIndex].Name}, which does not map it (firmware DMA faults)",
    };

    // ---- warnings ---------------------------------------------------------------------

    private void CompareWarnings()
    {
        var oldWarnings = new List<(string Id, string Message)>();
        foreach (var diagnostic in _oldResult.Diagnostics) oldWarnings.Add((diagnostic.Id, diagnostic.Message));
        var added = new List<Compiler.Diagnostics.Diagnostic>();
        foreach (var diagnostic in _newResult.Diagnostics)
        {
            int at = oldWarnings.IndexOf((diagnostic.Id, diagnostic.Message));
            if (at >= 0) oldWarnings.RemoveAt(at);
            else added.Add(diagnostic);
        }
        // A warning whose text changed only because something it names was renamed: pair it
        // with a gone warning of the same id; it is cosmetic when nothing else changed.
        foreach (var diagnostic in added)
        {
            int gone = oldWarnings.FindIndex(w => w.Id == diagnostic.Id);
            string subject = $"{diagnostic.Id} at line {diagnostic.Location.Span.Line}";
            if (gone >= 0 && SameMeaning(_changes))
            {
                oldWarnings.RemoveAt(gone);
                Add(ChangeArea.Warnings, ChangeKind.WarningReworded, ChangeImpact.Cosmetic, subject, $"reworded: {diagnostic.Message}");
            }
            else
            {
                Add(ChangeArea.Warnings, ChangeKind.WarningAdded, ChangeImpact.Changed, subject, $"new warning: {diagnostic.Message}");
            }
        }
    }
}
