using System.Runtime.CompilerServices;

namespace VtdDsl;

// The types the staged batch (PolicyEngine.Batch.cs) carries its lookups in.
public static partial class PolicyEngine
{
    /// <summary>The vector registers the staged batch uses where it can take several requests at a time.</summary>
    internal enum BatchVectors
    {
        /// <summary>None: every stage takes one request at a time.</summary>
        None,

        /// <summary>256-bit (AVX2): the answers are selected four at a time.</summary>
        Bits256,

        /// <summary>512-bit (AVX-512): the requests are taken apart and the answers selected eight at a time.</summary>
        Bits512,
    }

    /// <summary>
    /// The vector registers a staged batch is compiled for, as a type, so that the JIT compiles only the
    /// paths of those registers (the others would spend its inlining budget: see <see cref="TranslateAlone"/>).
    /// </summary>
    private interface IBatchVectors
    {
        static abstract BatchVectors Vectors { get; }
    }

    private readonly struct With512BitVectors : IBatchVectors
    {
        public static BatchVectors Vectors => BatchVectors.Bits512;
    }

    private readonly struct With256BitVectors : IBatchVectors
    {
        public static BatchVectors Vectors => BatchVectors.Bits256;
    }

    private readonly struct WithoutVectors : IBatchVectors
    {
        public static BatchVectors Vectors => BatchVectors.None;
    }

    /// <summary>What a group's lookups carry from one stage to the next, a lane per request.</summary>
    private struct BatchLanes
    {
        /// <summary>The context entry; from the domain record on, the tree node the next step reads; after the last level, the window.</summary>
        public GroupInts Step;

        /// <summary>The domain number, when the domain records have a stage of their own.</summary>
        public GroupInts Domain;

        /// <summary>The domain's id and width (<see cref="DomainRecord.IdWidthAndFlags"/>).</summary>
        public GroupWords IdAndWidth;

        /// <summary>The request's DMA address.</summary>
        public GroupWords Address;

        /// <summary>The request's <see cref="DmaAccess"/>.</summary>
        public GroupWords Access;

        /// <summary>The address the tree is searched for (<see cref="SearchedFor"/>).</summary>
        public GroupWords Searched;
    }

    [InlineArray(BatchGroup)]
    private struct GroupInts
    {
        private int _first;
    }

    [InlineArray(BatchGroup)]
    private struct GroupWords
    {
        private ulong _first;
    }

    [InlineArray(BatchGroup)]
    private struct GroupRequests
    {
        private DmaRequest _first;
    }

    [InlineArray(BatchGroup)]
    private struct GroupAnswers
    {
        private DmaTranslation _first;
    }
}
