using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VtdDsl;

/// <summary>
/// One window of a domain (<see cref="IPolicyTables.Windows"/>): 32 bytes laid out as
/// <c>TableSchema.WindowRecord</c> says (four little-endian words), so a request reads one record.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = TableSchema.WindowRecord.Size)]
public readonly struct WindowRecord : IEquatable<WindowRecord>
{
    [FieldOffset(TableSchema.WindowRecord.Iova * 8)] private readonly ulong _iova;
    [FieldOffset(TableSchema.WindowRecord.Last * 8)] private readonly ulong _last;
    [FieldOffset(TableSchema.WindowRecord.Host * 8)] private readonly ulong _host;
    [FieldOffset(TableSchema.WindowRecord.Rights * 8)] private readonly ulong _rights;

    /// <summary>A window from <paramref name="iova"/> to <paramref name="last"/> (inclusive) at host address <paramref name="host"/>.</summary>
    public WindowRecord(ulong iova, ulong last, ulong host, byte rights)
    {
        _iova = iova;
        _last = last;
        _host = host;
        _rights = rights;
    }

    /// <summary>First DMA address.</summary>
    public ulong Iova => _iova;

    /// <summary>Last DMA address (inclusive, so a window may end at 2^64 − 1).</summary>
    public ulong Last => _last;

    /// <summary>Host physical address of the first byte.</summary>
    public ulong Host => _host;

    /// <summary><see cref="WindowRights"/> bits.</summary>
    public byte Rights => (byte)_rights;

    /// <inheritdoc/>
    public bool Equals(WindowRecord other) => _iova == other._iova && _last == other._last && _host == other._host && _rights == other._rights;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WindowRecord other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_iova, _last, _host, _rights);

    /// <inheritdoc/>
    public override string ToString() => $"0x{_iova:x}..0x{_last:x} -> 0x{_host:x} rights {Rights}";
}

/// <summary>
/// One domain (<see cref="IPolicyTables.Domains"/>): 64 bytes, one cache line, laid out as
/// <c>TableSchema.DomainRecord</c> says: what a request needs once the context entry has named the
/// domain, the root of its window tree included.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = TableSchema.DomainRecord.Size)]
public readonly struct DomainRecord : IEquatable<DomainRecord>
{
    [FieldOffset(TableSchema.DomainRecord.WindowStartOffset)] private readonly int _windowStart;
    [FieldOffset(TableSchema.DomainRecord.WindowCountOffset)] private readonly int _windowCount;
    [FieldOffset(TableSchema.DomainRecord.RootChildOffset)] private readonly int _rootChild;
    [FieldOffset(TableSchema.DomainRecord.IdOffset)] private readonly ushort _id;
    [FieldOffset(TableSchema.DomainRecord.WidthOffset)] private readonly byte _width;
    [FieldOffset(TableSchema.DomainRecord.FlagsOffset)] private readonly byte _flags;
    // The id, width and flags above as one word: a batch carries them from stage to stage in one lane.
    [FieldOffset(TableSchema.DomainRecord.IdOffset)] private readonly uint _idWidthFlags;
    [FieldOffset(TableSchema.DomainRecord.FirstKeyWord * 8)] private readonly ulong _key1;
    [FieldOffset(TableSchema.DomainRecord.FirstKeyWord * 8 + 8)] private readonly ulong _key2;
    [FieldOffset(TableSchema.DomainRecord.FirstKeyWord * 8 + 16)] private readonly ulong _key3;
    [FieldOffset(TableSchema.DomainRecord.FirstKeyWord * 8 + 24)] private readonly ulong _key4;
    [FieldOffset(TableSchema.DomainRecord.FirstKeyWord * 8 + 32)] private readonly ulong _key5;
    [FieldOffset(TableSchema.DomainRecord.FirstKeyWord * 8 + 40)] private readonly ulong _key6;

    /// <summary>
    /// A domain record with every field given: <paramref name="rootChild"/> and <paramref name="rootKeys"/>
    /// (at most six; the rest are <see cref="TreeNode.NoKey"/>) are the root of its window tree.
    /// </summary>
    public DomainRecord(ushort id, byte width, byte flags, int windowStart, int windowCount, int rootChild, ReadOnlySpan<ulong> rootKeys)
    {
        if (rootKeys.Length > TableSchema.DomainRecord.RootKeys)
            throw new ArgumentException($"A domain's tree root has at most {TableSchema.DomainRecord.RootKeys} keys; {rootKeys.Length} were given.", nameof(rootKeys));
        this = default;
        _id = id;
        _width = width;
        _flags = flags;
        _windowStart = windowStart;
        _windowCount = windowCount;
        _rootChild = rootChild;
        Span<ulong> keys = stackalloc ulong[TableSchema.DomainRecord.RootKeys];
        keys.Fill(TreeNode.NoKey);
        rootKeys.CopyTo(keys);
        (_key1, _key2, _key3, _key4, _key5, _key6) = (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5]);
    }

    /// <summary>The domain id (what faults and answers carry).</summary>
    public ushort Id => _id;

    /// <summary>Address width in bits (39, 48 or 57); for pass-through the largest its units support.</summary>
    public byte Width => _width;

    /// <summary><see cref="DomainFlags"/> bits.</summary>
    public byte Flags => _flags;

    /// <summary><see cref="Id"/> (bits 0–15), <see cref="Width"/> (from bit <see cref="WidthShift"/>, 8 bits) and <see cref="Flags"/> in one read.</summary>
    internal uint IdWidthAndFlags => _idWidthFlags;

    /// <summary>Where <see cref="Width"/> lies in <see cref="IdWidthAndFlags"/>.</summary>
    internal const int WidthShift = (TableSchema.DomainRecord.WidthOffset - TableSchema.DomainRecord.IdOffset) * 8;

    /// <summary>Whether the domain is pass-through (no windows; every address maps to itself).</summary>
    public bool IsPassThrough => (_flags & DomainFlags.PassThrough) != 0;

    /// <summary>The first of the domain's windows in <see cref="IPolicyTables.Windows"/>.</summary>
    public int WindowStart => _windowStart;

    /// <summary>How many windows the domain has.</summary>
    public int WindowCount => _windowCount;

    /// <summary>
    /// The first child of the domain's tree root: a node in <see cref="IPolicyTables.WindowTree"/>, or a
    /// window when <see cref="IPolicyTables.TreeLevels"/> is 0 (0 when the domain has no windows).
    /// </summary>
    public int RootChild => _rootChild;

    /// <summary>How many of <paramref name="domains"/> have no windows (<see cref="IPolicyTables.DomainsWithoutWindows"/>).</summary>
    internal static int CountWithoutWindows(ReadOnlySpan<DomainRecord> domains)
    {
        int count = 0;
        foreach (ref readonly DomainRecord domain in domains) count += domain.WindowCount == 0 ? 1 : 0;
        return count;
    }

    /// <summary>Root key <paramref name="index"/> (1 to 6): the first DMA address under the root's child <paramref name="index"/>.</summary>
    public ulong RootKey(int index) => index switch
    {
        1 => _key1, 2 => _key2, 3 => _key3, 4 => _key4, 5 => _key5, 6 => _key6,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Root keys are numbered 1 to 6."),
    };

    /// <summary>
    /// The root's child whose addresses include <paramref name="address"/>: the first child plus the number
    /// of keys at or below the address, without branches (<see cref="TreeNode.Child"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Child(ulong address) =>
        _rootChild + TreeNode.KeysAtOrBelow(in Unsafe.As<DomainRecord, ulong>(ref Unsafe.AsRef(in this)), RootKeyWords, address);

    /// <summary>Bit i set: word i of the record is a root key.</summary>
    private const uint RootKeyWords = (1u << TableSchema.DomainRecord.RootKeys) - 1 << TableSchema.DomainRecord.FirstKeyWord;

    /// <inheritdoc/>
    public bool Equals(DomainRecord other) =>
        _windowStart == other._windowStart && _windowCount == other._windowCount && _rootChild == other._rootChild
        && _id == other._id && _width == other._width && _flags == other._flags
        && _key1 == other._key1 && _key2 == other._key2 && _key3 == other._key3
        && _key4 == other._key4 && _key5 == other._key5 && _key6 == other._key6;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DomainRecord other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_id, _windowStart, _windowCount, _rootChild, _width, _flags, _key1);

    /// <inheritdoc/>
    public override string ToString() =>
        $"domain id {_id}, width {_width}, flags {_flags}, windows {_windowStart}+{_windowCount}, root child {_rootChild}, keys 0x{_key1:x} 0x{_key2:x} 0x{_key3:x} 0x{_key4:x} 0x{_key5:x} 0x{_key6:x}";
}

/// <summary>
/// One node of a domain's window tree (<see cref="IPolicyTables.WindowTree"/>): 64 bytes, one cache
/// line, laid out as <c>TableSchema.TreeNode</c> says: the first child and seven separator keys.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = TableSchema.TreeNode.Size)]
public readonly struct TreeNode : IEquatable<TreeNode>
{
    // The first child (low 32 bits) and the first window under the node (high 32).
    private readonly ulong _word0;
    private readonly ulong _key1, _key2, _key3, _key4, _key5, _key6, _key7;

    /// <summary>
    /// A node whose first child is <paramref name="firstChild"/>, with <paramref name="firstWindow"/> the first window
    /// under it, and whose other children start at <paramref name="keys"/> (at most seven; the rest are <see cref="NoKey"/>).
    /// </summary>
    public TreeNode(int firstChild, int firstWindow, ReadOnlySpan<ulong> keys)
    {
        if (keys.Length > TableSchema.TreeNode.Keys) throw new ArgumentException($"A tree node has at most {TableSchema.TreeNode.Keys} keys; {keys.Length} were given.", nameof(keys));
        Span<ulong> all = stackalloc ulong[TableSchema.TreeNode.Keys];
        all.Fill(NoKey);
        keys.CopyTo(all);
        _word0 = (uint)firstChild | (ulong)(uint)firstWindow << 32;
        (_key1, _key2, _key3, _key4, _key5, _key6, _key7) = (all[0], all[1], all[2], all[3], all[4], all[5], all[6]);
    }

    /// <summary>The key of a child that does not exist (2^64 − 1).</summary>
    public const ulong NoKey = TableSchema.TreeNode.NoKey;

    /// <summary>The first child: a node number, or in a leaf a window number (an index into <see cref="IPolicyTables.Windows"/>).</summary>
    public int FirstChild => (int)(uint)_word0;

    /// <summary>The first window under the node (an index into <see cref="IPolicyTables.Windows"/>): child c's windows start <c>c × 8^level</c> after it.</summary>
    public int FirstWindow => (int)(_word0 >> 32);

    /// <summary>Separator key <paramref name="index"/> (1 to 7): the first DMA address under child <paramref name="index"/>.</summary>
    public ulong Key(int index) => index switch
    {
        1 => _key1, 2 => _key2, 3 => _key3, 4 => _key4, 5 => _key5, 6 => _key6, 7 => _key7,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Keys are numbered 1 to 7."),
    };

    /// <summary>
    /// The child whose addresses include <paramref name="address"/>: the first child plus the number of
    /// keys at or below the address, without a branch (<see cref="KeysAtOrBelow"/>).
    /// </summary>
    /// <remarks>Callers keep <paramref name="address"/> below <see cref="NoKey"/>, so a missing child is never counted.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Child(ulong address) =>
        (int)(uint)_word0 + KeysAtOrBelow(in Unsafe.As<TreeNode, ulong>(ref Unsafe.AsRef(in this)), KeyWords, address);

    /// <summary>Bit i set: word i of the node is a key (all but the first word).</summary>
    private const uint KeyWords = 0xFE;

    /// <summary>
    /// How many of the eight words from <paramref name="words"/> that <paramref name="keys"/> selects (bit i:
    /// word i) are at or below <paramref name="address"/>: a node's or a domain root's child number.
    /// </summary>
    /// <remarks>
    /// Without a branch: the whole cache line compared at once where the processor has 512-bit vectors
    /// (one compare, a mask, a population count), in two halves with 256-bit vectors, else key by key.
    /// A search step is then a few instructions, so more independent requests fit in the processor's
    /// window and their cache misses overlap.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int KeysAtOrBelow(ref readonly ulong words, uint keys, ulong address)
    {
        if (Vector512.IsHardwareAccelerated) return KeysAtOrBelow512(in words, keys, address);
        if (Vector256.IsHardwareAccelerated) return KeysAtOrBelow256(in words, keys, address);
        return KeysAtOrBelowScalar(in words, keys, address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int KeysAtOrBelow512(ref readonly ulong words, uint keys, ulong address)
    {
        ulong below = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(in words), Vector512.Create(address)).ExtractMostSignificantBits();
        return BitOperations.PopCount(below & keys);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int KeysAtOrBelow256(ref readonly ulong words, uint keys, ulong address)
    {
        var at = Vector256.Create(address);
        uint low = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(in words), at).ExtractMostSignificantBits();
        uint high = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(in words, 4), at).ExtractMostSignificantBits();
        return BitOperations.PopCount((low | high << 4) & keys);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int KeysAtOrBelowScalar(ref readonly ulong words, uint keys, ulong address)
    {
        // Added as a tree, not a chain: the search's latency is its dependent steps.
        int low = Selected(in words, 0, keys, address) + Selected(in words, 1, keys, address) + (Selected(in words, 2, keys, address) + Selected(in words, 3, keys, address));
        int high = Selected(in words, 4, keys, address) + Selected(in words, 5, keys, address) + (Selected(in words, 6, keys, address) + Selected(in words, 7, keys, address));
        return low + high;
    }

    /// <summary>1 when word <paramref name="index"/> is selected and at or below <paramref name="address"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Selected(ref readonly ulong words, int index, uint keys, ulong address) =>
        (int)(keys >> index & 1) & Below(Unsafe.Add(ref Unsafe.AsRef(in words), index), address);

    /// <summary>1 when <paramref name="key"/> is at or below <paramref name="address"/>, else 0, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Below(ulong key, ulong address) => Unsafe.BitCast<bool, byte>(key <= address);

    /// <inheritdoc/>
    public bool Equals(TreeNode other) =>
        _word0 == other._word0 && _key1 == other._key1 && _key2 == other._key2 && _key3 == other._key3
        && _key4 == other._key4 && _key5 == other._key5 && _key6 == other._key6 && _key7 == other._key7;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TreeNode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_word0, _key1, _key2, _key7);

    /// <inheritdoc/>
    public override string ToString() => $"first child {FirstChild}, first window {FirstWindow}, keys 0x{_key1:x} 0x{_key2:x} 0x{_key3:x} 0x{_key4:x} 0x{_key5:x} 0x{_key6:x} 0x{_key7:x}";
}
