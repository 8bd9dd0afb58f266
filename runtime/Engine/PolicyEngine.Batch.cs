using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VtdDsl;

public static partial class PolicyEngine
{
    /// <summary>
    /// Requests of a batch whose lookups are interleaved (stage by stage) before the next group starts:
    /// enough lanes that a line prefetched for the first is in by the time its next step comes round
    /// (16 was enough when a stage cost twice the instructions it does now: Large's batch went from
    /// 13.6 to 12.7 ns a request with 32).
    /// </summary>
    private const int BatchGroup = 32;

    /// <summary>
    /// What the IOMMU does with each request of <paramref name="requests"/>, written to the same
    /// position of <paramref name="translations"/>: exactly <see cref="Translate"/>'s answers, for
    /// emulators and hypervisors that translate scatter-gather lists. Allocation-free.
    /// </summary>
    /// <remarks>
    /// Requests are taken in groups of thirty-two (fewer than sixteen left over are answered by
    /// <see cref="Translate"/>). Each step of the lookup that may miss the L1 cache (the context
    /// entry, the domain record with the tree's root, each level of the domain's window tree below it,
    /// the window record) is done for the whole group before the next, with a software prefetch of the
    /// line the next step reads where the processor has one (<see cref="Sse.Prefetch0"/>), so the cache
    /// misses of independent requests overlap instead of following one another. The answer is then
    /// selected as <see cref="Translate"/> selects it; a request <see cref="Translate"/> answers before
    /// reaching a window (interrupt range, no domain, a domain without windows) is answered by
    /// <see cref="Translate"/> itself. The answers are selected eight at a time where the processor has
    /// AVX-512, four at a time where it has AVX2, else one by one. Without AVX-512, tables that fit an L1
    /// cache together (a small policy) are answered request by request with <see cref="Translate"/>:
    /// nothing misses there, and the stages' bookkeeping costs more than it saves; with AVX-512, whose
    /// stages take eight requests at a time, the staged batch is the faster one even there.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="translations"/> is shorter than <paramref name="requests"/>.</exception>
    public static void TranslateMany<T>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
        where T : struct, IPolicyTables
    {
        RequireRoomForAnswers(requests, translations);
        BatchVectors vectors = Avx512F.IsSupported ? BatchVectors.Bits512 : Avx2.IsSupported ? BatchVectors.Bits256 : BatchVectors.None;
        if (vectors != BatchVectors.Bits512 && FitInL1Cache(in tables))
        {
            TranslateOneByOne(in tables, requests, translations);
            return;
        }
        TranslateStaged(in tables, requests, translations, vectors);
    }

    private static void RequireRoomForAnswers(ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
    {
        if (translations.Length < requests.Length)
            throw new ArgumentException($"{translations.Length} translations cannot hold the answers to {requests.Length} requests.", nameof(translations));
    }

    /// <summary>
    /// Whether the tables a DMA lookup reads (context entries, domain records, tree nodes, window
    /// records) fit an L1 data cache together. Then no step misses, there is nothing to overlap, and the
    /// scalar stages' bookkeeping only costs: two-vm's batch took 11.9 ns a request staged without
    /// AVX-512 and 10.4 one by one (8.3 staged with it). Generated tables have constant lengths, so the
    /// JIT folds the test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitInL1Cache<T>(in T tables) where T : struct, IPolicyTables =>
        (long)tables.ContextEntries.Length * sizeof(ushort) + (long)tables.Domains.Length * TableSchema.DomainRecord.Size
        + (long)tables.WindowTree.Length * TableSchema.TreeNode.Size + (long)tables.Windows.Length * TableSchema.WindowRecord.Size
        <= L1DataCacheBytes;

    /// <summary>Whether a table of <paramref name="bytes"/> is bigger than an L1 data cache, so that a step reading it may miss and is worth a stage of its own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BeyondL1Cache(long bytes) => bytes > L1DataCacheBytes;

    /// <summary>The L1 data cache of the machines measured (32 KiB, as on most x64 and Arm cores).</summary>
    private const long L1DataCacheBytes = 32 * 1024;

    /// <remarks>
    /// Not inlined: inlined into a generated <c>TranslateMany</c>, dynamic PGO compiled the loop with its
    /// index and output in memory (two-vm: 12.5 ns a request against 10.4 on its own).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TranslateOneByOne<T>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
        where T : struct, IPolicyTables
    {
        for (int i = 0; i < requests.Length; i++)
        {
            ref readonly DmaRequest request = ref requests[i];
            translations[i] = Translate(in tables, request.Source, request.Address, request.Access);
        }
    }

    /// <summary><see cref="TranslateMany"/> on tables beyond an L1 cache: the lookups of each group interleaved step by step.</summary>
    /// <param name="tables">The policy's tables.</param>
    /// <param name="requests">The requests.</param>
    /// <param name="translations">Where their answers go.</param>
    /// <param name="vectors">
    /// With <see cref="BatchVectors.Bits512"/>, locate the context entries and select the answers eight at a
    /// time with AVX-512 (<see cref="ContextEntriesEight"/>, <see cref="AnswerEight"/>); with
    /// <see cref="BatchVectors.Bits256"/>, select the answers four at a time with AVX2 (<see cref="AnswerFour"/>).
    /// The processor must have the instructions.
    /// </param>
    internal static void TranslateStaged<T>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations, BatchVectors vectors)
        where T : struct, IPolicyTables
    {
        switch (vectors)
        {
            case BatchVectors.Bits512: TranslateStaged<T, With512BitVectors>(in tables, requests, translations); break;
            case BatchVectors.Bits256: TranslateStaged<T, With256BitVectors>(in tables, requests, translations); break;
            default: TranslateStaged<T, WithoutVectors>(in tables, requests, translations); break;
        }
    }

    /// <summary><see cref="TranslateStaged{T}(in T, ReadOnlySpan{DmaRequest}, Span{DmaTranslation}, BatchVectors)"/> for the vectors <typeparamref name="TVectors"/> names.</summary>
    private static void TranslateStaged<T, TVectors>(in T tables, ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations)
        where T : struct, IPolicyTables
        where TVectors : struct, IBatchVectors
    {
        RequireRoomForAnswers(requests, translations);
        // Every request of a group passes every stage, those that Translate answers alone with stand-in
        // indices; the stand-ins read the first context entry, domain record, node and window.
        if (tables.RootEntries.IsEmpty || tables.ContextEntries.IsEmpty || tables.Domains.IsEmpty || tables.Windows.IsEmpty)
        {
            TranslateOneByOne(in tables, requests, translations);
            return;
        }

        BatchLanes lanes = default;
        int at = 0;
        for (; at + BatchGroup <= requests.Length; at += BatchGroup)
            TranslateGroup<T, TVectors>(in tables, in requests[at], ref translations[at], ref lanes);

        int rest = requests.Length - at;
        if (rest == 0) return;
        if (rest < BatchGroup / 2)
        {
            // A padded group costs what 32 requests cost. From the measured costs per request, staged and
            // single, single calls are cheaper below about 28 requests on two-vm, 19 on Random256, 11 on Large.
            TranslateOneByOne(in tables, requests[at..], translations[at..]);
            return;
        }
        // The last, shorter group: padded with copies of its last request, whose answers are dropped.
        GroupRequests padded = default;
        GroupAnswers answers = default;
        for (int k = 0; k < BatchGroup; k++) padded[k] = requests[at + Math.Min(k, rest - 1)];
        TranslateGroup<T, TVectors>(in tables, in padded[0], ref answers[0], ref lanes);
        for (int k = 0; k < rest; k++) translations[at + k] = answers[k];
    }

    /// <summary>
    /// Answers the <see cref="BatchGroup"/> requests from <paramref name="requests"/> into as many answers
    /// from <paramref name="answers"/>, one lookup step at a time for the whole group.
    /// </summary>
    /// <remarks>
    /// No step branches on a request: a request that <see cref="Translate"/> answers before reaching a
    /// window (interrupt range, no unit, root or context entry, a domain without windows) only sets
    /// its bit in <c>alone</c> and goes on with stand-in indices, and is answered by
    /// <see cref="Translate"/> at the end. So a random mix of such requests costs no mispredictions
    /// stage after stage. Steps whose tables fit an L1 cache run in the stage before them: for
    /// generated tables the sizes, and so the stages, are JIT-time constants.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TranslateGroup<T, TVectors>(in T tables, ref readonly DmaRequest requests, ref DmaTranslation answers, ref BatchLanes lanes)
        where T : struct, IPolicyTables
        where TVectors : struct, IBatchVectors
    {
        BatchVectors vectors = TVectors.Vectors;
        ReadOnlySpan<ushort> contexts = tables.ContextEntries;
        ReadOnlySpan<DomainRecord> records = tables.Domains;
        ReadOnlySpan<TreeNode> nodes = tables.WindowTree;
        ReadOnlySpan<WindowRecord> windows = tables.Windows;
        int levels = tables.TreeLevels;
        bool contextsStaged = BeyondL1Cache((long)contexts.Length * sizeof(ushort));
        bool domainsStaged = BeyondL1Cache((long)records.Length * TableSchema.DomainRecord.Size);
        // For generated tables a constant: where every domain has windows, no request's domain is tested for them.
        bool someWithoutWindows = tables.DomainsWithoutWindows != 0;
        uint alone = 0;

        // The context entry, located through the root entry (a small table).
        if (vectors == BatchVectors.Bits512 && tables.ScopeFirst.Length == 1 && Unsafe.SizeOf<DmaRequest>() == 3 * sizeof(ulong))
        {
            for (int k = 0; k < BatchGroup; k += 8)
                alone |= ContextEntriesEight(in tables, in Unsafe.Add(ref Unsafe.AsRef(in requests), k), ref lanes, k, contextsStaged);
        }
        else
        {
            for (int k = 0; k < BatchGroup; k++)
            {
                ref readonly DmaRequest request = ref Unsafe.Add(ref Unsafe.AsRef(in requests), k);
                lanes.Address[k] = request.Address;
                lanes.Access[k] = (ulong)request.Access;
                int entry = ContextEntryOrStandIn(in tables, request.Source, request.Address, k, ref alone);
                lanes.Step[k] = entry;
                if (contextsStaged) PrefetchAt(contexts, entry);
            }
        }

        // The domain, its record prefetched (or, when the domains fit L1, read at once). The address is read
        // from the request, not from its lane: the lanes were just stored eight to a vector, and a load of one
        // lane waited for that store to complete (on the Zen 4 measured; Random256's batch took 11.1 ns a
        // request reading the request, 11.3 to 11.9 reading the lane).
        for (int k = 0; k < BatchGroup; k++)
        {
            int domain = LocateDomain(contexts, records, lanes.Step[k], out uint none, domainsStaged);
            if (domainsStaged)
            {
                lanes.Domain[k] = domain;
                alone |= none << k;
            }
            else StepFromRoot(records, nodes, windows, levels, domain, none, someWithoutWindows, Unsafe.Add(ref Unsafe.AsRef(in requests), k).Address, k, ref lanes, ref alone);
        }

        // The domain record holds the tree's root, whose child is prefetched.
        if (domainsStaged)
        {
            for (int k = 0; k < BatchGroup; k++)
                StepFromRoot(records, nodes, windows, levels, lanes.Domain[k], 0, someWithoutWindows, Unsafe.Add(ref Unsafe.AsRef(in requests), k).Address, k, ref lanes, ref alone);
        }

        // One step a tree level: every request's next node, prefetched; after the leaves, its window.
        for (int level = levels; level > 1; level--)
        {
            for (int k = 0; k < BatchGroup; k++)
            {
                int next = nodes[lanes.Step[k]].Child(lanes.Searched[k]);
                lanes.Step[k] = next;
                PrefetchAt(nodes, next);
            }
        }
        if (levels > 0)
        {
            for (int k = 0; k < BatchGroup; k++)
            {
                int window = nodes[lanes.Step[k]].Child(lanes.Searched[k]);
                lanes.Step[k] = window;
                PrefetchAt(windows, window);
            }
        }

        // The answers, then those Translate gives alone.
        if (vectors == BatchVectors.Bits512)
        {
            for (int k = 0; k < BatchGroup; k += 8) AnswerEight(windows, ref lanes, k, ref Unsafe.Add(ref answers, k));
        }
        else if (vectors == BatchVectors.Bits256)
        {
            for (int k = 0; k < BatchGroup; k += 4) AnswerFour(windows, ref lanes, k, ref Unsafe.Add(ref answers, k));
        }
        else
        {
            for (int k = 0; k < BatchGroup; k++)
            {
                ulong address = lanes.Address[k];
                Unsafe.Add(ref answers, k) = Answer(in windows[lanes.Step[k]], address, (DmaAccess)lanes.Access[k],
                    (ushort)lanes.IdAndWidth[k], BeyondWidth(address, (byte)(lanes.IdAndWidth[k] >> DomainRecord.WidthShift)));
            }
        }
        if (alone != 0) TranslateAlone(in tables, in requests, ref answers, alone);
    }

    /// <summary>
    /// <see cref="Translate"/>'s answers to the requests of a group whose bits are set in <paramref name="alone"/>.
    /// </summary>
    /// <remarks>
    /// Not inlined: inlined, <see cref="Translate"/> and its whole lookup spent most of the JIT's inlining
    /// budget for the group's stages, and whether a stage's callees still fit depended on what else the
    /// process had run. Compiled after another policy's batch, a stage's prefetch could be left a call,
    /// with every vector register spilled around it (a frame of 550 bytes instead of 250): Random256's
    /// batch then took 16.6–19.9 ns a request instead of 10.0 (paired runs in one process). Now the stage
    /// code's frame is 56–104 bytes in every order measured, and its one call is this one.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TranslateAlone<T>(in T tables, ref readonly DmaRequest requests, ref DmaTranslation answers, uint alone)
        where T : struct, IPolicyTables
    {
        while (alone != 0)
        {
            int k = BitOperations.TrailingZeroCount(alone);
            alone &= alone - 1;
            ref readonly DmaRequest request = ref Unsafe.Add(ref Unsafe.AsRef(in requests), k);
            Unsafe.Add(ref answers, k) = Translate(in tables, request.Source, request.Address, request.Access);
        }
    }

    /// <summary>
    /// Lanes <paramref name="first"/> to <paramref name="first"/> + 7 of a group whose policy has one
    /// scope range (one unit serves every source it serves): each request's address and access, and
    /// its context entry (prefetched when <paramref name="prefetch"/>) as
    /// <see cref="ContextEntryOrStandIn"/> finds it, eight at a time in AVX-512 registers.
    /// </summary>
    /// <returns>The lanes' bits of <c>alone</c>: those <see cref="Translate"/> answers before any context entry.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ContextEntriesEight<T>(in T tables, ref readonly DmaRequest requests, ref BatchLanes lanes, int first, bool prefetch)
        where T : struct, IPolicyTables
    {
        // Eight requests are 24 words (source id, address, access: DmaRequest's fields in order, a word
        // each), taken apart into a register of each field.
        const ulong X = 0; // a word the second permutation replaces
        ref ulong words = ref Unsafe.As<DmaRequest, ulong>(ref Unsafe.AsRef(in requests));
        Vector512<ulong> w0 = Vector512.LoadUnsafe(ref words), w1 = Vector512.LoadUnsafe(ref words, 8), w2 = Vector512.LoadUnsafe(ref words, 16);
        Vector512<ulong> key = Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(w0, Vector512.Create(0UL, 3, 6, 9, 12, 15, X, X), w1),
            Vector512.Create(0UL, 1, 2, 3, 4, 5, 10, 13), w2) & Vector512.Create((ulong)uint.MaxValue);
        Vector512<ulong> address = Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(w0, Vector512.Create(1UL, 4, 7, 10, 13, X, X, X), w1),
            Vector512.Create(0UL, 1, 2, 3, 4, 8, 11, 14), w2);
        Vector512<ulong> access = Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(w0, Vector512.Create(2UL, 5, 8, 11, 14, X, X, X), w1),
            Vector512.Create(0UL, 1, 2, 3, 4, 9, 12, 15), w2) & Vector512.Create((ulong)byte.MaxValue);
        address.StoreUnsafe(ref lanes.Address[first]);
        access.StoreUnsafe(ref lanes.Access[first]);

        uint start = tables.ScopeFirst[0];
        Vector512<ulong> answered =
            Vector512.GreaterThan(key - Vector512.Create((ulong)start), Vector512.Create((ulong)(tables.ScopeLast[0] - start)))
            | Vector512.Equals(address >> 20, Vector512.Create(DmaTranslation.InterruptRangeFirst >> 20));
        // The root entries, a lane at a time, each request's context entry prefetched as soon as its root
        // entry is known; read from the requests and gathered in registers. Through the lanes (the indices
        // stored as one vector and read one by one, the entries stored one by one and read as one vector),
        // the loads waited for the stores to complete: Random256's batch took 12.6 ns a request, now 11.1;
        // with every request alike, so nothing misses a cache, 10.7, now 9.6.
        ReadOnlySpan<ushort> roots = tables.RootEntries;
        ReadOnlySpan<ushort> contexts = tables.ContextEntries;
        int unitRoots = tables.ScopeUnit[0] << 8;
        ref readonly DmaRequest request = ref requests;
        Vector512<ulong> root = Vector512.Create(
            RootEntry(roots, unitRoots, in request, contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 1), contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 2), contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 3), contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 4), contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 5), contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 6), contexts, prefetch),
            RootEntry(roots, unitRoots, in Unsafe.Add(ref Unsafe.AsRef(in request), 7), contexts, prefetch));
        answered |= Vector512.Equals(root, Vector512<ulong>.Zero);
        Vector512<ulong> entry = Vector512.AndNot((root - Vector512<ulong>.One) << 8 | (key & Vector512.Create((ulong)byte.MaxValue)), answered);
        Avx512F.ConvertToVector256UInt32(entry).StoreUnsafe(ref Unsafe.As<int, uint>(ref lanes.Step[first]));
        return (uint)answered.ExtractMostSignificantBits() << first;
    }

    /// <summary>
    /// The root entry of <paramref name="request"/>'s bus in the unit whose root entries start at
    /// <paramref name="unitRoots"/>; when <paramref name="prefetch"/>, the context entry it leads to is prefetched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RootEntry(ReadOnlySpan<ushort> roots, int unitRoots, ref readonly DmaRequest request, ReadOnlySpan<ushort> contexts, bool prefetch)
    {
        SourceId source = request.Source;
        ushort root = roots[unitRoots | source.Bus];
        // A request without a root entry (or out of scope) prefetches a line it will not read: harmless.
        if (prefetch) PrefetchAt(contexts, (root - 1) << 8 | (source.RequesterId & 0xFF));
        return root;
    }

    /// <summary>
    /// The index of the request's context entry; or, setting bit <paramref name="lane"/> of
    /// <paramref name="alone"/>, 0 when <see cref="Translate"/> answers it before any context entry
    /// (interrupt address range, no unit, no root entry).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ContextEntryOrStandIn<T>(in T tables, SourceId source, ulong address, int lane, ref uint alone)
        where T : struct, IPolicyTables
    {
        int unit = UnitOrStandIn(in tables, source.Value, out bool noUnit);
        int root = tables.RootEntries[unit << 8 | source.Bus];
        bool answered = DmaTranslation.IsInInterruptRange(address) | noUnit | (root == 0);
        alone |= (uint)Unsafe.BitCast<bool, byte>(answered) << lane;
        // A mask, not a ternary (which the JIT makes a branch that unbound sources mispredict).
        return ((root - 1) << 8 | (source.RequesterId & 0xFF)) & (Unsafe.BitCast<bool, byte>(answered) - 1);
    }

    /// <summary>
    /// The unit serving <paramref name="sourceKey"/>, or unit 0 as a stand-in when none does
    /// (<paramref name="none"/>). With one scope range (generated tables: constants) no search and no branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnitOrStandIn<T>(in T tables, uint sourceKey, out bool none) where T : struct, IPolicyTables
    {
        ReadOnlySpan<uint> first = tables.ScopeFirst;
        if (first.Length == 1)
        {
            none = sourceKey - first[0] > tables.ScopeLast[0] - first[0];
            return tables.ScopeUnit[0];
        }
        none = !TryFindUnit(in tables, sourceKey, out int unit);
        return unit;
    }

    /// <summary>
    /// The domain a context entry names, or domain 0 as a stand-in (<paramref name="none"/> 1) when it
    /// names none; when the domains table is staged, its record is prefetched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LocateDomain(ReadOnlySpan<ushort> contexts, ReadOnlySpan<DomainRecord> records, int entry, out uint none, bool prefetch)
    {
        int context = contexts[entry];
        none = Unsafe.BitCast<bool, byte>(context == 0);
        int domain = context - 1 + (int)none;
        if (prefetch) PrefetchAt(records, domain);
        return domain;
    }

    /// <summary>
    /// The step from the domain record's tree root: the address searched for, the root's child, prefetched.
    /// Sets the lane's bit in <paramref name="alone"/> when the request has no domain (<paramref name="noDomain"/>
    /// 1: <paramref name="domain"/> is a stand-in) or, where <paramref name="someWithoutWindows"/>, the domain
    /// no windows. Leaves the domain's id and width in the lane.
    /// </summary>
    /// <remarks>
    /// The window test costs more than its four instructions: with it, Random256's batch took 0.25 to 0.5 ns
    /// a request more (of about 10), Large's 0.15 to 0.35 more (paired runs in one process).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepFromRoot(ReadOnlySpan<DomainRecord> records, ReadOnlySpan<TreeNode> nodes, ReadOnlySpan<WindowRecord> windows,
        int levels, int domain, uint noDomain, bool someWithoutWindows, ulong address, int lane, ref BatchLanes lanes, ref uint alone)
    {
        ref readonly DomainRecord record = ref records[domain];
        // A conditional, not '&': with '&' the JIT kept the record's window count read where the test is folded away.
        alone |= (noDomain | (someWithoutWindows ? Unsafe.BitCast<bool, byte>(record.WindowCount == 0) : 0u)) << lane;
        ulong searched = SearchedFor(address);
        lanes.Searched[lane] = searched;
        lanes.IdAndWidth[lane] = record.IdWidthAndFlags;
        int child = record.Child(searched);
        lanes.Step[lane] = child;
        if (levels > 0) PrefetchAt(nodes, child);
        else PrefetchAt(windows, child);
    }
}
