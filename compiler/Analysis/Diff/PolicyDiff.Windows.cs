using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, windows: merged where they translate alike, paired by DMA overlap.</summary>
public sealed partial class PolicyDiff
{
    /// <summary>A window after merging neighbours that translate alike; identity is just host == DMA address.</summary>
    private readonly record struct Span(ulong First, ulong Last, ulong Host, Rights Rights, bool Shared)
    {
        public ulong HostLast => Host + (Last - First);
        public long Offset => unchecked((long)(Host - First));
    }

    private static List<Span> Normalize(Domain domain)
    {
        var spans = new List<Span>();
        foreach (var window in DomainIndex.WindowsByIova(domain))
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
}
