using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, domains: matched by what binds to them, then id, then name; how a change of reach changes access.</summary>
public sealed partial class PolicyDiff
{
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

    /// <summary>Host memory a domain's devices may reach with <paramref name="right"/>, from the policy's analysis.</summary>
    private static AddressRangeSet Reach(Policy policy, int domain, Rights right) => PolicyAnalysis.Of(policy).Reach.Of(domain, right);

    /// <summary>How moving from one reach to another changes access.</summary>
    private static ChangeImpact AccessImpact(Policy oldPolicy, int oldDomain, Policy newPolicy, int newDomain)
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
        var oldIndex = PolicyAnalysis.Of(_old).Index;
        var newIndex = PolicyAnalysis.Of(_new).Index;
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
}
