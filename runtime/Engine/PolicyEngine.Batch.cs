using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace VtdDsl;

public static partial class PolicyEngine
{
    /// <summary>Requests of a batch whose lookups are interleaved (stage by stage) before the next group starts.</summary>
    private const int BatchGroup = 16;

    /// <summary>
    /// What the IOMMU does with each request of <paramref name="requests"/>, written to the same
    /// position of <paramref name="translations"/>: exactly <see cref="Translate"/>'s answers, for
    /// emulators and hypervisors that translate scatter-gather lists. Allocation-free.
    /// </summary>
    /// <remarks>
    /// When the tables fit an L1 cache (a small policy), every request is simply answered by
    /// <see cref="Translate"/>: nothing misses, so there is nothing to overlap. Otherwise requests are
    /// taken in groups of sixteen. Each step of the lookup (the domain record with the tree's
    /// root, each level of the domain's window tree below it, the window record) is done for the whole group before the next,
    /// with a software prefetch of the line the next step reads where the processor has one
    /// (<see cref="Sse.Prefetch0"/>), so the cache misses of independent requests overlap instead of
    /// following one another. The answer is then selected as <see cref="Translate"/> selects it; a
    /// request <see cref="Translate"/> answers before reaching a window (interrupt range, no domain, a
    /// domain without windows) is answered by <see cref="Translate"/> itself.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="translations"/> is shorter than <paramref name="requests"/>.</exception>
    public static void TranslateMany<T>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
        where T : struct, IPolicyTables
    {
        if (translations.Length < requests.Length)
            throw new ArgumentException($"{translations.Length} translations cannot hold the answers to {requests.Length} requests.", nameof(translations));
        if (FitInL1Cache(in tables))
        {
            for (int i = 0; i < requests.Length; i++)
            {
                ref readonly DmaRequest request = ref requests[i];
                translations[i] = Translate(in tables, request.Source, request.Address, request.Access);
            }
            return;
        }
        TranslateStaged(in tables, requests, translations);
    }

    /// <summary>
    /// Whether the tables a DMA lookup reads (context entries, domain records, tree nodes, window
    /// records) fit an L1 data cache together. Then no step misses, there is nothing to overlap, and the
    /// staged batch's bookkeeping would only cost: two-vm answered a batch in 13.6 ns a request staged,
    /// 8.9 in single calls. Generated tables have constant lengths, so the JIT folds the test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitInL1Cache<T>(in T tables) where T : struct, IPolicyTables =>
        (long)tables.ContextEntries.Length * sizeof(ushort) + (long)tables.Domains.Length * TableSchema.DomainRecord.Size
        + (long)tables.WindowTree.Length * TableSchema.TreeNode.Size + (long)tables.Windows.Length * TableSchema.WindowRecord.Size
        <= L1DataCacheBytes;

    /// <summary>The L1 data cache of the machines measured (32 KiB, as on most x64 and Arm cores).</summary>
    private const long L1DataCacheBytes = 32 * 1024;

    /// <summary><see cref="TranslateMany"/> on tables beyond an L1 cache: the lookups of each group interleaved step by step.</summary>
    /// <remarks><paramref name="translations"/> holds at least as many answers as there are requests.</remarks>
    internal static void TranslateStaged<T>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
        where T : struct, IPolicyTables
    {
        Span<int> domains = stackalloc int[BatchGroup];
        Span<int> steps = stackalloc int[BatchGroup];
        Span<ulong> searched = stackalloc ulong[BatchGroup];
        int at = 0;
        for (; at + BatchGroup <= requests.Length; at += BatchGroup)
        {
            TranslateGroup(in tables, requests.Slice(at, BatchGroup), translations.Slice(at, BatchGroup), domains, steps, searched);
        }
        int rest = requests.Length - at;
        if (rest > 0) TranslateGroup(in tables, requests.Slice(at, rest), translations.Slice(at, rest), domains, steps, searched);
    }

    /// <summary>Answers one group of at most <see cref="BatchGroup"/> requests, a lookup step at a time for the whole group.</summary>
    /// <param name="tables">The policy's tables.</param>
    /// <param name="group">The requests.</param>
    /// <param name="answers">Where their answers go, position for position.</param>
    /// <param name="domains">Per request: its domain number, or −1 when <see cref="Translate"/> answers it alone.</param>
    /// <param name="steps">Per request: the tree node the next step reads; after the last level, the window.</param>
    /// <param name="searched">Per request: the address the tree is searched for (the request's, kept within the width).</param>
    private static void TranslateGroup<T>(in T tables, ReadOnlySpan<DmaRequest> group, Span<DmaTranslation> answers,
        Span<int> domains, Span<int> steps, Span<ulong> searched)
        where T : struct, IPolicyTables
    {
        ReadOnlySpan<DomainRecord> records = tables.Domains;
        ReadOnlySpan<TreeNode> nodes = tables.WindowTree;
        ReadOnlySpan<WindowRecord> windows = tables.Windows;
        int levels = tables.TreeLevels;

        // Step 1: every request's context entry, located through its root entry (a small table) and
        // prefetched; a request answered before (interrupt range, no root entry) is left to Translate.
        ReadOnlySpan<ushort> contexts = tables.ContextEntries;
        for (int k = 0; k < group.Length; k++)
        {
            ref readonly DmaRequest request = ref group[k];
            int context = DmaTranslation.IsInInterruptRange(request.Address) ? -1 : FindContextEntry(in tables, request.Source);
            steps[k] = context;
            if (context >= 0) Prefetch(in contexts[context]);
        }

        // Step 2: every request's domain, its record prefetched.
        for (int k = 0; k < group.Length; k++)
        {
            int domain = steps[k] >= 0 ? contexts[steps[k]] - 1 : -1;
            domains[k] = domain;
            if (domain >= 0) Prefetch(in records[domain]);
        }

        // Step 3: the domain record holds the tree's root, whose child is prefetched.
        for (int k = 0; k < group.Length; k++)
        {
            int domain = domains[k];
            if (domain < 0) continue;
            ref readonly DomainRecord record = ref records[domain];
            if (record.WindowCount == 0)
            {
                domains[k] = -1;
                continue;
            }
            searched[k] = Math.Min(group[k].Address, WidthLast(record.Width));
            steps[k] = record.Child(searched[k]);
            if (levels > 0) Prefetch(in nodes[steps[k]]);
            else Prefetch(in windows[steps[k]]);
        }

        // One step a tree level: every request's next node, prefetched; after the leaves, its window.
        for (int level = levels; level > 0; level--)
        {
            for (int k = 0; k < group.Length; k++)
            {
                if (domains[k] < 0) continue;
                int next = nodes[steps[k]].Child(searched[k]);
                steps[k] = next;
                if (level > 1) Prefetch(in nodes[next]);
                else Prefetch(in windows[next]);
            }
        }

        // Last step: the answers.
        for (int k = 0; k < group.Length; k++)
        {
            ref readonly DmaRequest request = ref group[k];
            if (domains[k] < 0)
            {
                answers[k] = Translate(in tables, request.Source, request.Address, request.Access);
                continue;
            }
            ref readonly DomainRecord record = ref records[domains[k]];
            answers[k] = Answer(in windows[steps[k]], request.Address, request.Access, record.Id, request.Address <= WidthLast(record.Width));
        }
    }

    /// <summary>Asks the processor to bring <paramref name="item"/>'s cache line in; does nothing where there is no prefetch instruction.</summary>
    /// <remarks>
    /// A prefetch never faults, so the address need not stay valid: over a managed array (tables built
    /// at run time) a garbage collection moving the array between here and the read costs only the
    /// prefetch; generated tables are constant data in the image and never move.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<TItem>(ref readonly TItem item)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in item)));
    }
}
