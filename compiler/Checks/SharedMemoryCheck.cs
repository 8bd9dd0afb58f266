using System.Collections.Generic;
using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Compiler.Checks;

/// <summary>
/// VTD3008: host memory reachable from two domains, at least one with write, unless both
/// windows say <c>shared</c>. A pass-through domain reaches all host memory with read and
/// write, so it conflicts with every window of another domain.
/// </summary>
/// <remarks>
/// One sweep over all windows sorted by host address. The active windows (those still
/// overlapping the sweep point) are counted per kind (write × shared) and per domain, so
/// whether a new window conflicts is known in O(1); only then is an example searched for.
/// </remarks>
internal static class SharedMemoryCheck
{
    private readonly struct Reach
    {
        public Reach(int domain, ulong first, ulong last, bool write, bool shared, SourceSpan span)
        {
            Domain = domain;
            First = first;
            Last = last;
            Write = write;
            Shared = shared;
            Span = span;
        }

        public int Domain { get; }
        public ulong First { get; }
        public ulong Last { get; }
        public bool Write { get; }
        public bool Shared { get; }
        public SourceSpan Span { get; }
        public int Kind => (Write ? 2 : 0) | (Shared ? 1 : 0);
    }

    public static void Run(Policy policy, BindContext context)
    {
        var reaches = Collect(policy);
        reaches.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Span.Start.CompareTo(b.Span.Start));
        var active = new LinkedList<int>[4];
        var nodes = new LinkedListNode<int>[reaches.Count];
        var total = new int[4];
        var perDomain = new Dictionary<int, int>[4];
        for (int k = 0; k < 4; k++)
        {
            active[k] = new LinkedList<int>();
            perDomain[k] = new Dictionary<int, int>();
        }
        var expiry = new SortedSet<(ulong Last, int Sequence, int Kind)>();
        var reported = new HashSet<(int, int)>();
        for (int sequence = 0; sequence < reaches.Count; sequence++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var reach = reaches[sequence];
            while (expiry.Count > 0 && expiry.Min.Last < reach.First)
            {
                var gone = expiry.Min;
                expiry.Remove(gone);
                active[gone.Kind].Remove(nodes[gone.Sequence]);
                perDomain[gone.Kind][reaches[gone.Sequence].Domain]--;
                total[gone.Kind]--;
            }
            for (int kind = 0; kind < 4; kind++)
            {
                bool anyWrite = reach.Write || (kind & 2) != 0;
                bool bothShared = reach.Shared && (kind & 1) != 0;
                int mine = perDomain[kind].TryGetValue(reach.Domain, out int n) ? n : 0;
                if (!anyWrite || bothShared || total[kind] - mine == 0)
                {
                    continue;
                }
                var other = FirstOfOtherDomain(active[kind], reaches, reach.Domain);
                if (reported.Add((System.Math.Min(other.Domain, reach.Domain), System.Math.Max(other.Domain, reach.Domain))))
                {
                    Report(policy, context, other, reach);
                }
                break;
            }
            nodes[sequence] = active[reach.Kind].AddLast(sequence);
            perDomain[reach.Kind][reach.Domain] = (perDomain[reach.Kind].TryGetValue(reach.Domain, out int count) ? count : 0) + 1;
            total[reach.Kind]++;
            expiry.Add((reach.Last, sequence, reach.Kind));
        }
    }

    private static List<Reach> Collect(Policy policy)
    {
        var reaches = new List<Reach>();
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var domain = policy.Domains[d];
            if (domain.IsPassthrough)
            {
                reaches.Add(new Reach(d, 0, ulong.MaxValue, write: true, shared: false, domain.NameSpan));
                continue;
            }
            foreach (var window in domain.Windows)
            {
                if (!window.Overflows)
                {
                    reaches.Add(new Reach(d, window.HostAddress, window.HostLast, (window.Rights & Rights.Write) != 0, window.Shared, window.Span));
                }
            }
        }
        return reaches;
    }

    private static Reach FirstOfOtherDomain(LinkedList<int> active, List<Reach> reaches, int domain)
    {
        foreach (int sequence in active)
        {
            if (reaches[sequence].Domain != domain) return reaches[sequence];
        }
        throw new System.InvalidOperationException("The per-domain counts promised a window of another domain.");
    }

    private static void Report(Policy policy, BindContext context, Reach earlier, Reach later)
    {
        ulong first = System.Math.Max(earlier.First, later.First);
        ulong last = System.Math.Min(earlier.Last, later.Last);
        context.Report(DiagnosticDescriptors.SharedWritableMemory, later.Span, earlier.Span,
            first, last == ulong.MaxValue ? last : last + 1, policy.Domains[earlier.Domain].Name, policy.Domains[later.Domain].Name);
    }
}
