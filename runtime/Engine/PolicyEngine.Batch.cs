using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace VtdDsl;

public static partial class PolicyEngine
{
    /// <summary>Requests of a batch whose lookups are interleaved (stage by stage) before the next group starts.</summary>
    private const int BatchGroup = 8;

    /// <summary>
    /// What the IOMMU does with each request of <paramref name="requests"/>, written to the same
    /// position of <paramref name="translations"/>: exactly <see cref="Translate"/>'s answers, for
    /// emulators and hypervisors that translate scatter-gather lists. Allocation-free.
    /// </summary>
    /// <remarks>
    /// Requests are taken in groups of eight; each step of the lookup (context entry and domain
    /// record, bucket entry, window record) is done for the whole group before the next, with a
    /// software prefetch of the next step's line where the processor has one
    /// (<see cref="Sse.Prefetch0"/>), so the cache misses of independent requests overlap instead of
    /// following one another. The answers are then <see cref="Translate"/>'s own, request by request,
    /// over lines now in cache: whatever <see cref="Translate"/> checks, the batch checks.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="translations"/> is shorter than <paramref name="requests"/>.</exception>
    public static void TranslateMany<T>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
        where T : struct, IPolicyTables
    {
        if (translations.Length < requests.Length)
            throw new ArgumentException($"{translations.Length} translations cannot hold the answers to {requests.Length} requests.", nameof(translations));

        Span<int> domains = stackalloc int[BatchGroup];
        int at = 0;
        for (; at + BatchGroup <= requests.Length; at += BatchGroup)
        {
            TranslateGroup(in tables, requests.Slice(at, BatchGroup), translations.Slice(at, BatchGroup), domains);
        }
        for (; at < requests.Length; at++)
        {
            ref readonly DmaRequest request = ref requests[at];
            translations[at] = Translate(in tables, request.Source, request.Address, request.Access);
        }
    }

    private static void TranslateGroup<T>(in T tables, ReadOnlySpan<DmaRequest> group, Span<DmaTranslation> answers, Span<int> domains)
        where T : struct, IPolicyTables
    {
        ReadOnlySpan<DomainRecord> records = tables.Domains;
        ReadOnlySpan<int> buckets = tables.WindowBuckets;
        ReadOnlySpan<WindowRecord> windows = tables.Windows;

        // Step 1: every request's domain (root and context entry), prefetching its record.
        for (int k = 0; k < group.Length; k++)
        {
            int domain = FindDomain(in tables, group[k].Source);
            domains[k] = domain;
            if (domain >= 0) Prefetch(in records[domain]);
        }

        // Step 2: every bucket entry, prefetched.
        for (int k = 0; k < group.Length; k++)
        {
            if (domains[k] < 0) continue;
            ref readonly DomainRecord record = ref records[domains[k]];
            int bucket = Bucket(in record, group[k].Address);
            if (bucket >= 0) Prefetch(in buckets[record.BucketStart + bucket]);
        }

        // Step 3: every candidate window record, prefetched (the bucket's entry is now in cache).
        for (int k = 0; k < group.Length; k++)
        {
            if (domains[k] < 0) continue;
            ref readonly DomainRecord record = ref records[domains[k]];
            int bucket = Bucket(in record, group[k].Address);
            if (bucket >= 0) Prefetch(in windows[record.WindowStart + buckets[record.BucketStart + bucket]]);
        }

        // Step 4: the answers, by Translate itself (every line it reads is now in cache).
        for (int k = 0; k < group.Length; k++)
        {
            ref readonly DmaRequest request = ref group[k];
            answers[k] = Translate(in tables, request.Source, request.Address, request.Access);
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
