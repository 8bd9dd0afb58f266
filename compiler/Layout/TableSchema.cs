// The one statement of the compiled tables' shape: bit constants, the packed records and the
// bucket index rule. Compiled into two assemblies: the compiler core (netstandard2.0, which lays
// the tables out) and the runtime (net10.0, which reads them: engine, validators, image writer),
// linked from runtime/VtdDsl.Runtime.csproj. Change it here and both sides change together.
#if VTDDSL_RUNTIME
namespace VtdDsl;
#else
namespace VtdDsl.Compiler.Layout;
#endif

/// <summary>
/// The shape of the compiled tables, shared by the layout builder, the runtime's tables, validators
/// and engine, and the generator's emitter. Records are little-endian 64-bit words so that every
/// side (constant <c>ulong</c> data in generated code, arrays in the CLI) holds them the same way.
/// </summary>
// Public in the compiler core (the generator and the CLI read it), internal in the runtime (whose
// public face is the record structs and the bit classes built on it).
#if VTDDSL_RUNTIME
internal
#else
public
#endif
static class TableSchema
{
    /// <summary>Bits of a unit's capabilities byte.</summary>
    public static class Capability
    {
        public const byte Width39 = 1 << 0;
        public const byte Width48 = 1 << 1;
        public const byte Width57 = 1 << 2;
        public const byte Superpage2M = 1 << 3;
        public const byte Superpage1G = 1 << 4;
        public const byte PassThrough = 1 << 5;
        public const byte ScalableMode = 1 << 6;
        /// <summary>Interrupt-remapping entries in xAPIC format (8-bit destination, IRTA_REG.EIME = 0); clear: x2APIC format.</summary>
        public const byte XApicInterrupts = 1 << 7;
    }

    /// <summary>Bits of a context entry's flags byte.</summary>
    public static class Context
    {
        public const byte DeviceTlb = 1 << 0;
    }

    /// <summary>Bits of a domain record's flags.</summary>
    public static class Domain
    {
        public const byte PassThrough = 1 << 0;
    }

    /// <summary>Bits of a window record's rights (the same bits as <c>DmaAccess</c>: read 1, write 2).</summary>
    public static class Rights
    {
        public const byte Read = 1 << 0;
        public const byte Write = 1 << 1;
        public const byte Shared = 1 << 2;
    }

    /// <summary>Bits of an interrupt's flags byte.</summary>
    public static class Interrupt
    {
        public const byte LevelTriggered = 1 << 0;
        public const byte LowestPriority = 1 << 1;
    }

    /// <summary>Bits of a PASID binding's flags byte.</summary>
    public static class Pasid
    {
        public const byte Process = 1 << 0;
    }

    /// <summary>
    /// A window: four words, 32 bytes, so one request reads one record (one cache line when the
    /// table is 32-byte aligned) instead of four columns.
    /// </summary>
    public static class WindowRecord
    {
        public const int Words = 4;
        public const int Size = Words * 8;
        /// <summary>Word 0: first DMA address.</summary>
        public const int Iova = 0;
        /// <summary>Word 1: last DMA address (inclusive).</summary>
        public const int Last = 1;
        /// <summary>Word 2: host address of the first byte.</summary>
        public const int Host = 2;
        /// <summary>Word 3: <see cref="TableSchema.Rights"/> bits (low byte; the rest is zero).</summary>
        public const int Rights = 3;
    }

    /// <summary>
    /// A domain: four words, 32 bytes: what a request needs after the context entry, in one record.
    /// Word 0: the bucket index's base address. Word 1: first window (low 32 bits), window count
    /// (high 32). Word 2: first bucket (low 32), bucket count (high 32). Word 3: domain id (bits
    /// 0–15), address width (16–23), <see cref="Domain"/> flags (24–31), bucket shift (32–39).
    /// </summary>
    public static class DomainRecord
    {
        public const int Words = 4;
        public const int Size = Words * 8;
        // Byte offsets inside the record (little-endian words).
        public const int BucketBaseOffset = 0;
        public const int WindowStartOffset = 8;
        public const int WindowCountOffset = 12;
        public const int BucketStartOffset = 16;
        public const int BucketCountOffset = 20;
        public const int IdOffset = 24;
        public const int WidthOffset = 26;
        public const int FlagsOffset = 27;
        public const int BucketShiftOffset = 28;

        public static ulong Word1(int windowStart, int windowCount) => (uint)windowStart | (ulong)(uint)windowCount << 32;

        public static ulong Word2(int bucketStart, int bucketCount) => (uint)bucketStart | (ulong)(uint)bucketCount << 32;

        public static ulong Word3(ushort id, byte width, byte flags, byte bucketShift) =>
            id | (ulong)width << 16 | (ulong)flags << 24 | (ulong)bucketShift << 32;
    }

    /// <summary>
    /// The per-domain bucket index over DMA addresses (window-granular, like a one-level page table
    /// sized to the domain's windows). A domain's addresses from its bucket base are cut into
    /// buckets of 2^shift bytes, at most <see cref="BucketsPerWindow"/> × (windows rounded up to a
    /// power of two). <c>WindowBuckets</c> holds count + 1 entries per domain: entry b is the
    /// domain-relative number of the last window starting at or below the start of bucket b, so the
    /// window of an address in bucket b is among entries b … b + 1 of the sorted windows (most
    /// often exactly one).
    /// </summary>
    public static class Buckets
    {
        /// <summary>
        /// Buckets per window (before rounding up to a power of two, so 1 to 2 in effect): more buckets,
        /// fewer windows per bucket, a bigger index.
        /// </summary>
        public const int BucketsPerWindow = 1;

        /// <summary>The shift of a domain's buckets: the smallest that covers <paramref name="span"/> (last − base) with the domain's bucket budget.</summary>
        public static int Shift(ulong span, int windows)
        {
            int budgetBits = Log2Ceiling((ulong)windows * BucketsPerWindow);
            int spanBits = BitLength(span);
            return spanBits > budgetBits ? spanBits - budgetBits : 0;
        }

        /// <summary>How many buckets cover <paramref name="span"/> at <paramref name="shift"/>.</summary>
        public static int Count(ulong span, int shift) => (int)(span >> shift) + 1;

        /// <summary>
        /// The first address of bucket <paramref name="bucket"/>, or 2^64 − 1 when it would start beyond
        /// (only the entry after the last bucket can). Entry b of the index is the last window starting
        /// at or below this address.
        /// </summary>
        public static ulong First(ulong bucketBase, int shift, int bucket) =>
            (ulong)bucket > (ulong.MaxValue - bucketBase) >> shift ? ulong.MaxValue : bucketBase + ((ulong)bucket << shift);

        /// <summary>
        /// Appends the <paramref name="count"/> + 1 entries of one domain's index to <paramref name="entries"/>:
        /// <paramref name="iovaOf"/>(i) is the start of the domain's window i (sorted ascending).
        /// </summary>
        public static void AddEntries(int windows, System.Func<int, ulong> iovaOf, ulong bucketBase, int shift, int count, System.Collections.Generic.ICollection<int> entries)
        {
            int window = 0;
            for (int b = 0; b <= count; b++)
            {
                ulong bucketFirst = First(bucketBase, shift, b);
                while (window + 1 < windows && iovaOf(window + 1) <= bucketFirst) window++;
                entries.Add(window);
            }
        }

        private static int Log2Ceiling(ulong value)
        {
            int bits = 0;
            while (bits < 63 && 1UL << bits < value) bits++;
            return bits;
        }

        private static int BitLength(ulong value)
        {
            int bits = 0;
            while (bits < 64 && value >> bits != 0) bits++;
            return bits;
        }
    }
}
