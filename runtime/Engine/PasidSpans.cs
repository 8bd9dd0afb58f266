using System;

namespace VtdDsl;

/// <summary>
/// The <see cref="IPasidTables"/> spans of a policy, or none. Lets code generic only over
/// <see cref="IPolicyTables"/> (the image writer) use PASID data when the table struct has it.
/// </summary>
internal readonly ref struct PasidSpans
{
    public PasidSpans(
        ReadOnlySpan<byte> unitPasidBits, ReadOnlySpan<uint> pasidOwner, ReadOnlySpan<int> pasidOwnerStart,
        ReadOnlySpan<uint> pasidValue, ReadOnlySpan<ushort> pasidTarget, ReadOnlySpan<byte> pasidFlags, ReadOnlySpan<ushort> processDomainId)
    {
        UnitPasidBits = unitPasidBits;
        PasidOwner = pasidOwner;
        PasidOwnerStart = pasidOwnerStart;
        PasidValue = pasidValue;
        PasidTarget = pasidTarget;
        PasidFlags = pasidFlags;
        ProcessDomainId = processDomainId;
    }

    public ReadOnlySpan<byte> UnitPasidBits { get; }
    public ReadOnlySpan<uint> PasidOwner { get; }
    public ReadOnlySpan<int> PasidOwnerStart { get; }
    public ReadOnlySpan<uint> PasidValue { get; }
    public ReadOnlySpan<ushort> PasidTarget { get; }
    public ReadOnlySpan<byte> PasidFlags { get; }
    public ReadOnlySpan<ushort> ProcessDomainId { get; }

    /// <summary>The tables carry PASID data (one <see cref="UnitPasidBits"/> per unit).</summary>
    public bool IsPresent => !UnitPasidBits.IsEmpty;

    /// <summary>The spans of a table struct that implements both interfaces (no boxing).</summary>
    public static PasidSpans Of<T>(in T tables) where T : struct, IPolicyTables, IPasidTables => new(
        tables.UnitPasidBits, tables.PasidOwner, tables.PasidOwnerStart, tables.PasidValue,
        tables.PasidTarget, tables.PasidFlags, tables.ProcessDomainId);

    /// <summary>
    /// The spans of any table struct: those of <see cref="IPasidTables"/> when <typeparamref name="T"/>
    /// implements it (boxed once, for the image writer), else none.
    /// </summary>
    public static PasidSpans OfAny<T>(in T tables) where T : struct, IPolicyTables
    {
        if (tables is IPasidTables pasids)
        {
            return new(pasids.UnitPasidBits, pasids.PasidOwner, pasids.PasidOwnerStart, pasids.PasidValue,
                pasids.PasidTarget, pasids.PasidFlags, pasids.ProcessDomainId);
        }
        return default;
    }

    /// <summary>Whether unit <paramref name="unit"/> is written and answered in scalable mode.</summary>
    public bool IsScalable(int unit, byte capabilities) =>
        (capabilities & UnitCapabilities.ScalableMode) != 0 && (uint)unit < (uint)UnitPasidBits.Length;

    /// <summary>The owner number of a source key, or −1 (the device has no <c>pasid</c> lines).</summary>
    public int FindOwner(uint sourceKey) => FindOwner(PasidOwner, sourceKey);

    internal static int FindOwner(ReadOnlySpan<uint> owners, uint sourceKey)
    {
        int lo = 0;
        int hi = owners.Length - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            uint at = owners[mid];
            if (at == sourceKey) return mid;
            if (at < sourceKey) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>The first index in [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="values"/> (sorted) holding a value ≥ <paramref name="value"/>.</summary>
    internal static int LowerBound(ReadOnlySpan<uint> values, int first, int end, uint value)
    {
        int lo = first;
        int hi = end;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (values[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
