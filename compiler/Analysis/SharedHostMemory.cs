using System.Threading;

namespace VtdDsl.Compiler.Analysis;

/// <summary>One domain's reach into a shared host range: the union of its windows' rights there, and whether every one says <c>shared</c>.</summary>
public readonly record struct DomainReach(int Domain, Rights Rights, bool Shared);

/// <summary>A host range that two or more domains reach, at least one of them with write.</summary>
/// <param name="First">First host address of the range.</param>
/// <param name="Last">Last host address of the range (inclusive).</param>
/// <param name="Domains">Each domain's reach, by domain id then name.</param>
/// <param name="Unmarked">Two of the windows here, of different domains, one with write, are not both marked <c>shared</c>: VTD3008.</param>
public sealed record SharedRange(ulong First, ulong Last, IReadOnlyList<DomainReach> Domains, bool Unmarked)
{
    /// <summary>Every window of every domain here says <c>shared</c>.</summary>
    public bool AllShared
    {
        get
        {
            foreach (var reach in Domains)
            {
                if (!reach.Shared) return false;
            }
            return true;
        }
    }
}

/// <summary>
/// Two windows of different domains that reach the same host memory, one with write, not both
/// marked <c>shared</c> (VTD3008). <see cref="Later"/> is the one that starts later in host
/// memory; <see cref="First"/>..<see cref="Last"/> is where the two overlap.
/// </summary>
public readonly record struct SharingConflict(WindowReach Earlier, WindowReach Later, ulong First, ulong Last);

/// <summary>
/// Host memory reachable from more than one domain, computed from the windows in one sweep by
/// host address: the ranges a reviewer sees (<see cref="Ranges"/>) and the pairs of windows
/// the compiler warns about (<see cref="Conflicts"/>, one per pair of domains).
/// </summary>
/// <remarks>
/// The active windows (those overlapping the sweep point) are counted per kind (write × shared)
/// and per domain, so whether an arriving window conflicts is known in O(1); only then is an
/// example searched for. Between two consecutive window boundaries the active set is constant:
/// each such piece with two or more domains and a writer is a shared range (neighbours with the
/// same reach are merged).
/// </remarks>
public sealed class SharedHostMemory
{
    private SharedHostMemory(IReadOnlyList<SharedRange> ranges, IReadOnlyList<SharingConflict> conflicts)
    {
        Ranges = ranges;
        Conflicts = conflicts;
    }

    /// <summary>Host ranges reachable by two or more domains where at least one may write, shared or not, by address.</summary>
    public IReadOnlyList<SharedRange> Ranges { get; }

    /// <summary>The first conflicting pair of windows of each pair of domains, in sweep order.</summary>
    public IReadOnlyList<SharingConflict> Conflicts { get; }

    private static int KindOf(WindowReach reach) => (reach.Write ? 2 : 0) | (reach.Shared ? 1 : 0);

    private static bool KindsConflict(int a, int b) => ((a | b) & 2) != 0 && (a & b & 1) == 0;

    private sealed class DomainState
    {
        public readonly int[] Kinds = new int[4];
        public int Readers;
        public int Total;
    }

    internal static SharedHostMemory Compute(Policy policy, HostReach reach, CancellationToken cancellationToken)
    {
        var windows = reach.Windows;
        var sweep = new Sweep(windows);
        var ranges = new List<SharedRange>();
        var conflicts = new List<SharingConflict>();
        var reported = new HashSet<(int, int)>();
        var bounds = new SortedSet<ulong>();
        foreach (var window in windows)
        {
            bounds.Add(window.First);
            if (window.Last != ulong.MaxValue) bounds.Add(window.Last + 1);
        }
        var points = new List<ulong>(bounds);
        int next = 0;
        for (int i = 0; i < points.Count; i++)
        {
            ulong first = points[i];
            ulong last = i + 1 < points.Count ? points[i + 1] - 1 : ulong.MaxValue;
            sweep.ExpireBefore(first);
            while (next < windows.Count && windows[next].First == first)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (sweep.ConflictOf(next) is { } conflict
                    && reported.Add((Math.Min(conflict.Earlier.Domain, conflict.Later.Domain), Math.Max(conflict.Earlier.Domain, conflict.Later.Domain))))
                {
                    conflicts.Add(conflict);
                }
                sweep.Add(next);
                next++;
            }
            if (sweep.ActiveDomains < 2 || sweep.Writers == 0) continue;
            var domains = sweep.DomainReaches(policy);
            bool unmarked = sweep.AnyConflict();
            if (ranges.Count > 0 && ranges[ranges.Count - 1] is var previous && previous.Last != ulong.MaxValue
                && previous.Last + 1 == first && previous.Unmarked == unmarked && Same(previous.Domains, domains))
            {
                ranges[ranges.Count - 1] = previous with { Last = last };
            }
            else
            {
                ranges.Add(new SharedRange(first, last, domains, unmarked));
            }
        }
        return new SharedHostMemory(ranges, conflicts);
    }

    private static bool Same(IReadOnlyList<DomainReach> a, IReadOnlyList<DomainReach> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /// <summary>The windows overlapping the sweep point, counted per kind and per domain.</summary>
    private sealed class Sweep
    {
        private readonly IReadOnlyList<WindowReach> _windows;
        private readonly LinkedList<int>[] _active = new LinkedList<int>[4];
        private readonly LinkedListNode<int>?[] _nodes;
        private readonly int[] _total = new int[4];
        private readonly int[] _domainsWithKind = new int[4];
        private readonly Dictionary<int, DomainState> _domains = new();
        private readonly SortedSet<(ulong Last, int Sequence)> _expiry = new();

        public Sweep(IReadOnlyList<WindowReach> windows)
        {
            _windows = windows;
            _nodes = new LinkedListNode<int>?[windows.Count];
            for (int k = 0; k < 4; k++) _active[k] = new LinkedList<int>();
        }

        public int ActiveDomains => _domains.Count;

        public int Writers => _total[2] + _total[3];

        public void ExpireBefore(ulong first)
        {
            while (_expiry.Count > 0 && _expiry.Min.Last < first)
            {
                var gone = _expiry.Min;
                _expiry.Remove(gone);
                var window = _windows[gone.Sequence];
                int kind = KindOf(window);
                _active[kind].Remove(_nodes[gone.Sequence]!);
                _total[kind]--;
                var state = _domains[window.Domain];
                if (--state.Kinds[kind] == 0) _domainsWithKind[kind]--;
                if ((window.Rights & Rights.Read) != 0) state.Readers--;
                if (--state.Total == 0) _domains.Remove(window.Domain);
            }
        }

        public void Add(int sequence)
        {
            var window = _windows[sequence];
            int kind = KindOf(window);
            _nodes[sequence] = _active[kind].AddLast(sequence);
            _total[kind]++;
            if (!_domains.TryGetValue(window.Domain, out var state)) _domains[window.Domain] = state = new DomainState();
            if (state.Kinds[kind]++ == 0) _domainsWithKind[kind]++;
            if ((window.Rights & Rights.Read) != 0) state.Readers++;
            state.Total++;
            _expiry.Add((window.Last, sequence));
        }

        /// <summary>The first active window of another domain that the arriving window conflicts with, trying kinds in order.</summary>
        public SharingConflict? ConflictOf(int sequence)
        {
            var window = _windows[sequence];
            int kind = KindOf(window);
            for (int other = 0; other < 4; other++)
            {
                int mine = _domains.TryGetValue(window.Domain, out var state) ? state.Kinds[other] : 0;
                if (!KindsConflict(kind, other) || _total[other] - mine == 0) continue;
                foreach (int active in _active[other])
                {
                    var earlier = _windows[active];
                    if (earlier.Domain != window.Domain)
                    {
                        return new SharingConflict(earlier, window, Math.Max(earlier.First, window.First), Math.Min(earlier.Last, window.Last));
                    }
                }
                throw new InvalidOperationException("The per-domain counts promised a window of another domain.");
            }
            return null;
        }

        /// <summary>Whether some two active windows of different domains conflict.</summary>
        public bool AnyConflict()
        {
            foreach (var state in _domains.Values)
            {
                for (int mine = 0; mine < 4; mine++)
                {
                    if (state.Kinds[mine] == 0) continue;
                    for (int other = 0; other < 4; other++)
                    {
                        if (KindsConflict(mine, other) && _domainsWithKind[other] - (state.Kinds[other] > 0 ? 1 : 0) > 0) return true;
                    }
                }
            }
            return false;
        }

        public IReadOnlyList<DomainReach> DomainReaches(Policy policy)
        {
            var reaches = new List<DomainReach>(_domains.Count);
            foreach (var pair in _domains)
            {
                var state = pair.Value;
                var rights = (state.Readers > 0 ? Rights.Read : Rights.None) | (state.Kinds[2] + state.Kinds[3] > 0 ? Rights.Write : Rights.None);
                reaches.Add(new DomainReach(pair.Key, rights, Shared: state.Kinds[0] + state.Kinds[2] == 0));
            }
            reaches.Sort((a, b) =>
            {
                var x = policy.Domains[a.Domain];
                var y = policy.Domains[b.Domain];
                return x.Id != y.Id ? x.Id.CompareTo(y.Id) : string.CompareOrdinal(x.Name, y.Name);
            });
            return reaches;
        }
    }
}
