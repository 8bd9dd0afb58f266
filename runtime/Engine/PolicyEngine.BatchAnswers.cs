using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VtdDsl;

// The batch's last stage: a register of answers at a time, selected as Answer selects one.
public static partial class PolicyEngine
{
    /// <summary>
    /// The answers of lanes <paramref name="first"/> to <paramref name="first"/> + 7, selected eight at a
    /// time in AVX-512 registers, and written to <paramref name="answers"/> as <see cref="DmaTranslation"/>s
    /// (address, host address, then domain id and fault).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AnswerEight(ReadOnlySpan<WindowRecord> windows, ref BatchLanes lanes, int first, ref DmaTranslation answers)
    {
        // Each lane's window record (four words: IOVA, last, host, rights), two to a register, then
        // transposed: a register of IOVAs, one of lasts, one of hosts, one of rights.
        Vector512<ulong> r01 = TwoWindows(windows, lanes.Step[first], lanes.Step[first + 1]);
        Vector512<ulong> r23 = TwoWindows(windows, lanes.Step[first + 2], lanes.Step[first + 3]);
        Vector512<ulong> r45 = TwoWindows(windows, lanes.Step[first + 4], lanes.Step[first + 5]);
        Vector512<ulong> r67 = TwoWindows(windows, lanes.Step[first + 6], lanes.Step[first + 7]);
        Vector512<ulong> firstWords = Vector512.Create(0UL, 4, 8, 12, 1, 5, 9, 13);
        Vector512<ulong> lastWords = Vector512.Create(2UL, 6, 10, 14, 3, 7, 11, 15);
        Vector512<ulong> iovaLast0 = Avx512F.PermuteVar8x64x2(r01, firstWords, r23);
        Vector512<ulong> hostRights0 = Avx512F.PermuteVar8x64x2(r01, lastWords, r23);
        Vector512<ulong> iovaLast4 = Avx512F.PermuteVar8x64x2(r45, firstWords, r67);
        Vector512<ulong> hostRights4 = Avx512F.PermuteVar8x64x2(r45, lastWords, r67);
        const byte LowHalves = 0b01_00_01_00, HighHalves = 0b11_10_11_10;
        Vector512<ulong> address = Vector512.LoadUnsafe(ref lanes.Address[first]);
        SelectAnswers<Lanes512, Vector512<ulong>>(
            iova: Avx512F.Shuffle4x128(iovaLast0, iovaLast4, LowHalves),
            last: Avx512F.Shuffle4x128(iovaLast0, iovaLast4, HighHalves),
            host: Avx512F.Shuffle4x128(hostRights0, hostRights4, LowHalves),
            rights: Avx512F.Shuffle4x128(hostRights0, hostRights4, HighHalves),
            address, Vector512.LoadUnsafe(ref lanes.IdAndWidth[first]), Vector512.LoadUnsafe(ref lanes.Access[first]),
            out Vector512<ulong> hostAddress, out Vector512<ulong> idAndFault);

        // Interleaved into eight three-word answers: (a)ddress, (h)ost, (m): a0 h0 m0 a1 h1 m1 a2 h2 | m2 a3 …
        const ulong X = 0; // a word the second permutation replaces
        ref ulong words = ref Unsafe.As<DmaTranslation, ulong>(ref answers);
        Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(address, Vector512.Create(0UL, 8, X, 1, 9, X, 2, 10), hostAddress),
            Vector512.Create(0UL, 1, 8, 3, 4, 9, 6, 7), idAndFault).StoreUnsafe(ref words);
        Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(address, Vector512.Create(X, 3, 11, X, 4, 12, X, 5), hostAddress),
            Vector512.Create(10UL, 1, 2, 11, 4, 5, 12, 7), idAndFault).StoreUnsafe(ref words, 8);
        Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(address, Vector512.Create(13UL, X, 6, 14, X, 7, 15, X), hostAddress),
            Vector512.Create(0UL, 13, 2, 3, 14, 5, 6, 15), idAndFault).StoreUnsafe(ref words, 16);
    }

    /// <summary>
    /// <see cref="AnswerEight"/> for processors with AVX2 but not AVX-512: lanes <paramref name="first"/>
    /// to <paramref name="first"/> + 3, four at a time in 256-bit registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AnswerFour(ReadOnlySpan<WindowRecord> windows, ref BatchLanes lanes, int first, ref DmaTranslation answers)
    {
        // Each lane's window record (IOVA, last, host, rights) in a register, then transposed.
        Vector256<ulong> r0 = WindowWords(windows, lanes.Step[first]), r1 = WindowWords(windows, lanes.Step[first + 1]);
        Vector256<ulong> r2 = WindowWords(windows, lanes.Step[first + 2]), r3 = WindowWords(windows, lanes.Step[first + 3]);
        Vector256<ulong> iovaHost01 = Avx2.UnpackLow(r0, r1), lastRights01 = Avx2.UnpackHigh(r0, r1);
        Vector256<ulong> iovaHost23 = Avx2.UnpackLow(r2, r3), lastRights23 = Avx2.UnpackHigh(r2, r3);
        const byte LowHalves = 0x20, HighHalves = 0x31;
        Vector256<ulong> address = Vector256.LoadUnsafe(ref lanes.Address[first]);
        SelectAnswers<Lanes256, Vector256<ulong>>(
            iova: Avx2.Permute2x128(iovaHost01, iovaHost23, LowHalves),
            last: Avx2.Permute2x128(lastRights01, lastRights23, LowHalves),
            host: Avx2.Permute2x128(iovaHost01, iovaHost23, HighHalves),
            rights: Avx2.Permute2x128(lastRights01, lastRights23, HighHalves),
            address, Vector256.LoadUnsafe(ref lanes.IdAndWidth[first]), Vector256.LoadUnsafe(ref lanes.Access[first]),
            out Vector256<ulong> hostAddress, out Vector256<ulong> idAndFault);

        // Interleaved into four three-word answers: (a)ddress, (h)ost, (m): a0 h0 m0 a1 | h1 m1 a2 h2 | m2 a3 h3 m3.
        // Each register is one field moved to its places (vpermq), the three blended a 64-bit lane at a time.
        ref ulong words = ref Unsafe.As<DmaTranslation, ulong>(ref answers);
        ThreeWords(Avx2.Permute4x64(address, 0b01_00_00_00), Avx2.Permute4x64(hostAddress, 0), Avx2.Permute4x64(idAndFault, 0)).StoreUnsafe(ref words);
        ThreeWords(Avx2.Permute4x64(hostAddress, 0b10_00_00_01), Avx2.Permute4x64(idAndFault, 0b00_00_01_00), Avx2.Permute4x64(address, 0b00_10_00_00)).StoreUnsafe(ref words, 4);
        ThreeWords(Avx2.Permute4x64(idAndFault, 0b11_00_00_10), Avx2.Permute4x64(address, 0b00_00_11_00), Avx2.Permute4x64(hostAddress, 0b00_11_00_00)).StoreUnsafe(ref words, 8);
    }

    /// <summary>
    /// What <see cref="Answer"/> selects, for a register of requests at once: each lane's host address
    /// (0 unless allowed) and its answer's third word (domain id, fault), from the lane's window record
    /// (<paramref name="iova"/>, <paramref name="last"/>, <paramref name="host"/>, <paramref name="rights"/>),
    /// address, domain word (<see cref="DomainRecord.IdWidthAndFlags"/>) and access. Written once for both
    /// register widths, through the lane operations of <typeparamref name="TLanes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SelectAnswers<TLanes, TVector>(TVector iova, TVector last, TVector host, TVector rights,
        TVector address, TVector domain, TVector access, out TVector hostAddress, out TVector idAndFault)
        where TLanes : struct, ILaneOperations<TVector>
        where TVector : struct
    {
        TVector offset = TLanes.Subtract(address, iova);
        TVector inside = TLanes.LessThanOrEqual(offset, TLanes.Subtract(last, iova));
        TVector requested = TLanes.And(access, TLanes.Splat((ulong)DmaAccess.ReadWrite));
        // As in Answer: inside the window the rights the access lacks; outside, write when it writes, else read.
        TVector missing = TLanes.Select(inside,
            TLanes.AndNot(requested, rights),
            TLanes.Or(TLanes.And(requested, TLanes.Splat((ulong)WindowRights.Write)), TLanes.Splat((ulong)WindowRights.Read)));
        TVector fault = TLanes.And(TLanes.ShiftRightVariable(TLanes.Splat(FaultByMissingRights), TLanes.ShiftLeft(missing, 2)), TLanes.Splat(0xF));
        // Beyond a width of 64 or more nothing is: a shift by 64 or more gives 0 here, as BeyondWidth says.
        TVector width = TLanes.And(TLanes.ShiftRight(domain, DomainRecord.WidthShift), TLanes.Splat(byte.MaxValue));
        fault = TLanes.Select(TLanes.IsZero(TLanes.ShiftRightVariable(address, width)), fault, TLanes.Splat((ulong)FaultReason.AddressBeyondWidth));
        hostAddress = TLanes.And(TLanes.Add(host, offset), TLanes.IsZero(fault));
        // A DmaTranslation's third word: domain id (16 bits), fault (8), not an interrupt request (8), padding.
        idAndFault = TLanes.Or(TLanes.And(domain, TLanes.Splat(ushort.MaxValue)), TLanes.ShiftLeft(fault, 16));
    }

    /// <summary>Lanes 0 and 3 of <paramref name="outer"/>, lane 1 of <paramref name="second"/>, lane 2 of <paramref name="third"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> ThreeWords(Vector256<ulong> outer, Vector256<ulong> second, Vector256<ulong> third)
    {
        const byte Lane1 = 0b0000_1100, Lane2 = 0b0011_0000; // in 32-bit halves
        return Avx2.Blend(Avx2.Blend(outer.AsUInt32(), second.AsUInt32(), Lane1), third.AsUInt32(), Lane2).AsUInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> WindowWords(ReadOnlySpan<WindowRecord> windows, int window) =>
        Vector256.LoadUnsafe(ref Unsafe.As<WindowRecord, ulong>(ref Unsafe.AsRef(in windows[window])));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> TwoWindows(ReadOnlySpan<WindowRecord> windows, int first, int second) =>
        Vector512.Create(WindowWords(windows, first), WindowWords(windows, second));

    /// <summary>
    /// The operations on registers of 64-bit lanes that <see cref="SelectAnswers"/> needs, for one register
    /// width (the runtime's own, as .NET 10 does not make its <c>ISimdVector</c> public).
    /// </summary>
    private interface ILaneOperations<TVector> where TVector : struct
    {
        static abstract TVector Splat(ulong value);
        static abstract TVector Add(TVector left, TVector right);
        static abstract TVector Subtract(TVector left, TVector right);
        static abstract TVector And(TVector left, TVector right);
        static abstract TVector AndNot(TVector left, TVector right);
        static abstract TVector Or(TVector left, TVector right);
        static abstract TVector ShiftLeft(TVector value, int count);
        static abstract TVector ShiftRight(TVector value, int count);

        /// <summary>Each lane shifted right by its count; a count of 64 or more gives 0 (<c>vpsrlvq</c>).</summary>
        static abstract TVector ShiftRightVariable(TVector value, TVector counts);

        /// <summary>All ones where <paramref name="left"/> is at or below <paramref name="right"/> (unsigned), else 0.</summary>
        static abstract TVector LessThanOrEqual(TVector left, TVector right);

        /// <summary>All ones where the lane is 0, else 0.</summary>
        static abstract TVector IsZero(TVector value);

        /// <summary>The lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is all ones, else those of <paramref name="whenFalse"/>.</summary>
        static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);
    }

    /// <summary>AVX2: four lanes.</summary>
    private readonly struct Lanes256 : ILaneOperations<Vector256<ulong>>
    {
        public static Vector256<ulong> Splat(ulong value) => Vector256.Create(value);
        public static Vector256<ulong> Add(Vector256<ulong> left, Vector256<ulong> right) => left + right;
        public static Vector256<ulong> Subtract(Vector256<ulong> left, Vector256<ulong> right) => left - right;
        public static Vector256<ulong> And(Vector256<ulong> left, Vector256<ulong> right) => left & right;
        public static Vector256<ulong> AndNot(Vector256<ulong> left, Vector256<ulong> right) => Vector256.AndNot(left, right);
        public static Vector256<ulong> Or(Vector256<ulong> left, Vector256<ulong> right) => left | right;
        public static Vector256<ulong> ShiftLeft(Vector256<ulong> value, int count) => value << count;
        public static Vector256<ulong> ShiftRight(Vector256<ulong> value, int count) => value >> count;
        public static Vector256<ulong> ShiftRightVariable(Vector256<ulong> value, Vector256<ulong> counts) => Avx2.ShiftRightLogicalVariable(value, counts);
        public static Vector256<ulong> LessThanOrEqual(Vector256<ulong> left, Vector256<ulong> right) => Vector256.LessThanOrEqual(left, right);
        public static Vector256<ulong> IsZero(Vector256<ulong> value) => Vector256.Equals(value, Vector256<ulong>.Zero);
        public static Vector256<ulong> Select(Vector256<ulong> mask, Vector256<ulong> whenTrue, Vector256<ulong> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    }

    /// <summary>AVX-512: eight lanes.</summary>
    private readonly struct Lanes512 : ILaneOperations<Vector512<ulong>>
    {
        public static Vector512<ulong> Splat(ulong value) => Vector512.Create(value);
        public static Vector512<ulong> Add(Vector512<ulong> left, Vector512<ulong> right) => left + right;
        public static Vector512<ulong> Subtract(Vector512<ulong> left, Vector512<ulong> right) => left - right;
        public static Vector512<ulong> And(Vector512<ulong> left, Vector512<ulong> right) => left & right;
        public static Vector512<ulong> AndNot(Vector512<ulong> left, Vector512<ulong> right) => Vector512.AndNot(left, right);
        public static Vector512<ulong> Or(Vector512<ulong> left, Vector512<ulong> right) => left | right;
        public static Vector512<ulong> ShiftLeft(Vector512<ulong> value, int count) => value << count;
        public static Vector512<ulong> ShiftRight(Vector512<ulong> value, int count) => value >> count;
        public static Vector512<ulong> ShiftRightVariable(Vector512<ulong> value, Vector512<ulong> counts) => Avx512F.ShiftRightLogicalVariable(value, counts);
        public static Vector512<ulong> LessThanOrEqual(Vector512<ulong> left, Vector512<ulong> right) => Vector512.LessThanOrEqual(left, right);
        public static Vector512<ulong> IsZero(Vector512<ulong> value) => Vector512.Equals(value, Vector512<ulong>.Zero);
        public static Vector512<ulong> Select(Vector512<ulong> mask, Vector512<ulong> whenTrue, Vector512<ulong> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    }
}
