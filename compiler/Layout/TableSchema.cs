// The one statement of the compiled tables' shape: bit constants, the packed records and the
// window tree rule. Compiled into two assemblies: the compiler core (netstandard2.0, which lays
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
    /// A domain: eight words, 64 bytes, one cache line: what a request needs after the context entry,
    /// the root of the domain's window tree included. Word 0: first window (low 32 bits), window count
    /// (high 32). Word 1: the root's first child (low 32: a node number in the tree table, or a window
    /// number when the tree has no node levels), domain id (bits 32–47), address width (48–55),
    /// <see cref="Domain"/> flags (56–63). Words 2–7: the root's <see cref="RootKeys"/> separator keys
    /// (as <see cref="TreeNode"/>'s, for children 1 … 6).
    /// </summary>
    public static class DomainRecord
    {
        public const int Words = 8;
        public const int Size = Words * 8;
        // Byte offsets inside the record (little-endian words).
        public const int WindowStartOffset = 0;
        public const int WindowCountOffset = 4;
        public const int RootChildOffset = 8;
        public const int IdOffset = 12;
        public const int WidthOffset = 14;
        public const int FlagsOffset = 15;
        /// <summary>Word of the first root key.</summary>
        public const int FirstKeyWord = 2;
        /// <summary>Children the root has at most.</summary>
        public const int RootFanout = Words - FirstKeyWord + 1;
        /// <summary>Separator keys the root holds (its children but the first).</summary>
        public const int RootKeys = RootFanout - 1;

        public static ulong Word0(int windowStart, int windowCount) => (uint)windowStart | (ulong)(uint)windowCount << 32;

        public static ulong Word1(int rootChild, ushort id, byte width, byte flags) =>
            (uint)rootChild | (ulong)id << 32 | (ulong)width << 48 | (ulong)flags << 56;
    }

    /// <summary>
    /// A node of a domain's window tree below its root: eight words, 64 bytes, one cache line. Word 0:
    /// the first child (low 32 bits): a node number, or in a leaf a window number (an index into the
    /// windows table); and the first window under the node (high 32 bits), so that a step that picks
    /// a leaf knows where the leaf's windows are before it reads the leaf. Words 1–7: <see cref="Keys"/> separators: key i is the first DMA address of
    /// child i (children 1 … 7 follow the first in order); keys past the last child are
    /// <see cref="NoKey"/>.
    /// </summary>
    public static class TreeNode
    {
        public const int Words = 8;
        public const int Size = Words * 8;
        /// <summary>Children a node has at most.</summary>
        public const int Fanout = 8;
        /// <summary>Separator keys a node holds (its children but the first).</summary>
        public const int Keys = Fanout - 1;
        /// <summary>The key of a child that does not exist: above every address a search can ask about.</summary>
        public const ulong NoKey = ulong.MaxValue;
    }

    /// <summary>
    /// The window trees: each domain's windows, sorted by DMA address, indexed by a static search tree
    /// (a B+-tree laid out once). The root sits in the domain record (<see cref="DomainRecord.RootFanout"/>
    /// children); below it are the policy's <see cref="Levels"/> levels of <see cref="TreeNode"/>s
    /// (fanout <see cref="TreeNode.Fanout"/>): leaf j of a domain names its windows 8j … 8j + 7, a node
    /// above names eight nodes of the level below, and every key is the first DMA address of the windows
    /// under its child. Every domain's tree has the same number of levels (a small domain's levels are
    /// one-child nodes), so a search runs the same steps for every request, which the branch predictor
    /// learns at once. A domain's nodes are consecutive, top level first.
    /// </summary>
    public static class Tree
    {
        /// <summary>The node levels below the root that <paramref name="windows"/> windows need (0 up to seven windows).</summary>
        public static int Levels(int windows)
        {
            int levels = 0;
            long capacity = DomainRecord.RootFanout;
            while (capacity < windows)
            {
                levels++;
                capacity *= TreeNode.Fanout;
            }
            return levels;
        }

        /// <summary>
        /// Appends the nodes of one domain's tree with <paramref name="levels"/> node levels to
        /// <paramref name="words"/> (whose length, in nodes, is the number of the domain's first node) and
        /// writes the root (its first child, then its keys) to <paramref name="root"/> (1 + <see cref="DomainRecord.RootKeys"/> words):
        /// <paramref name="iovaOf"/>(i) is the start of the domain's window i (sorted ascending),
        /// <paramref name="firstWindow"/> its number in the windows table. A domain without windows has no
        /// nodes and a root of first child 0 and no keys.
        /// </summary>
        public static void Build(int windows, System.Func<int, ulong> iovaOf, int firstWindow, int levels, System.Collections.Generic.List<ulong> words, ulong[] root)
        {
            root[0] = 0;
            for (int key = 1; key <= DomainRecord.RootKeys; key++) root[key] = TreeNode.NoKey;
            if (windows == 0) return;

            // Nodes per level, leaves (level 0) first; every level above groups the one below by eight.
            var counts = new int[levels];
            if (levels > 0) counts[0] = (windows + TreeNode.Fanout - 1) / TreeNode.Fanout;
            for (int level = 1; level < levels; level++) counts[level] = (counts[level - 1] + TreeNode.Fanout - 1) / TreeNode.Fanout;
            int rootChildren = levels > 0 ? counts[levels - 1] : windows;
            if (rootChildren > DomainRecord.RootFanout) throw new System.ArgumentException($"{windows} windows need more than {levels} node levels.", nameof(levels));

            // Node numbers: the top level first, then each level down.
            var levelStart = new int[levels];
            int next = words.Count / TreeNode.Words;
            for (int level = levels - 1; level >= 0; level--)
            {
                levelStart[level] = next;
                next += counts[level];
            }

            root[0] = (uint)(levels > 0 ? levelStart[levels - 1] : firstWindow);
            long windowsPerRootChild = Power(levels);
            for (int key = 1; key <= DomainRecord.RootKeys; key++)
            {
                long window = key * windowsPerRootChild;
                if (window < windows) root[key] = iovaOf((int)window);
            }

            for (int level = levels - 1; level >= 0; level--)
            {
                long windowsPerChild = Power(level);
                for (int node = 0; node < counts[level]; node++)
                {
                    int firstChild = level == 0 ? firstWindow + node * TreeNode.Fanout : levelStart[level - 1] + node * TreeNode.Fanout;
                    long windowsUnder = windowsPerChild * TreeNode.Fanout;
                    words.Add((uint)firstChild | (ulong)(uint)(firstWindow + node * windowsUnder) << 32);
                    for (int key = 1; key <= TreeNode.Keys; key++)
                    {
                        long window = ((long)node * TreeNode.Fanout + key) * windowsPerChild;
                        words.Add(window < windows ? iovaOf((int)window) : TreeNode.NoKey);
                    }
                }
            }
        }

        /// <summary>Windows under one child of a node at <paramref name="level"/> (0: a leaf's child is one window): 8^level.</summary>
        private static long Power(int level)
        {
            long windows = 1;
            for (int i = 0; i < level; i++) windows *= TreeNode.Fanout;
            return windows;
        }
    }
}
