using System;
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
/// One domain (<see cref="IPolicyTables.Domains"/>): 32 bytes laid out as <c>TableSchema.DomainRecord</c>
/// says: what a request needs once the context entry has named the domain, in one record.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = TableSchema.DomainRecord.Size)]
public readonly struct DomainRecord : IEquatable<DomainRecord>
{
    [FieldOffset(TableSchema.DomainRecord.BucketBaseOffset)] private readonly ulong _bucketBase;
    [FieldOffset(TableSchema.DomainRecord.WindowStartOffset)] private readonly int _windowStart;
    [FieldOffset(TableSchema.DomainRecord.WindowCountOffset)] private readonly int _windowCount;
    [FieldOffset(TableSchema.DomainRecord.BucketStartOffset)] private readonly int _bucketStart;
    [FieldOffset(TableSchema.DomainRecord.BucketCountOffset)] private readonly int _bucketCount;
    [FieldOffset(TableSchema.DomainRecord.IdOffset)] private readonly ushort _id;
    [FieldOffset(TableSchema.DomainRecord.WidthOffset)] private readonly byte _width;
    [FieldOffset(TableSchema.DomainRecord.FlagsOffset)] private readonly byte _flags;
    [FieldOffset(TableSchema.DomainRecord.BucketShiftOffset)] private readonly byte _bucketShift;

    /// <summary>A domain record with every field given.</summary>
    public DomainRecord(ushort id, byte width, byte flags, int windowStart, int windowCount, ulong bucketBase, byte bucketShift, int bucketStart, int bucketCount)
    {
        this = default;
        _id = id;
        _width = width;
        _flags = flags;
        _windowStart = windowStart;
        _windowCount = windowCount;
        _bucketBase = bucketBase;
        _bucketShift = bucketShift;
        _bucketStart = bucketStart;
        _bucketCount = bucketCount;
    }

    /// <summary>The domain id (what faults and answers carry).</summary>
    public ushort Id => _id;

    /// <summary>Address width in bits (39, 48 or 57); for pass-through the largest its units support.</summary>
    public byte Width => _width;

    /// <summary><see cref="DomainFlags"/> bits.</summary>
    public byte Flags => _flags;

    /// <summary>Whether the domain is pass-through (no windows; every address maps to itself).</summary>
    public bool IsPassThrough => (_flags & DomainFlags.PassThrough) != 0;

    /// <summary>The first of the domain's windows in <see cref="IPolicyTables.Windows"/>.</summary>
    public int WindowStart => _windowStart;

    /// <summary>How many windows the domain has.</summary>
    public int WindowCount => _windowCount;

    /// <summary>The address bucket 0 starts at (the domain's first window).</summary>
    public ulong BucketBase => _bucketBase;

    /// <summary>Each bucket covers 2^<see cref="BucketShift"/> bytes of DMA addresses.</summary>
    public byte BucketShift => _bucketShift;

    /// <summary>The domain's first entry in <see cref="IPolicyTables.WindowBuckets"/>.</summary>
    public int BucketStart => _bucketStart;

    /// <summary>How many buckets the domain has (its index has one entry more).</summary>
    public int BucketCount => _bucketCount;

    /// <inheritdoc/>
    public bool Equals(DomainRecord other) =>
        _bucketBase == other._bucketBase && _windowStart == other._windowStart && _windowCount == other._windowCount
        && _bucketStart == other._bucketStart && _bucketCount == other._bucketCount && _id == other._id
        && _width == other._width && _flags == other._flags && _bucketShift == other._bucketShift;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DomainRecord other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_id, _windowStart, _windowCount, _bucketBase, _bucketStart);

    /// <inheritdoc/>
    public override string ToString() => $"domain id {_id}, width {_width}, flags {_flags}, windows {_windowStart}+{_windowCount}, buckets {_bucketStart}+{_bucketCount} from 0x{_bucketBase:x} << {_bucketShift}";
}
