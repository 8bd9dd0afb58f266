using System;
using System.Collections.Generic;

namespace VtdDsl;

/// <summary>
/// Every remapping unit of a platform, as <see cref="IommuModel"/>s over one written image, and
/// the routing of a request to the unit whose scope (the ACPI DMAR device scope) holds its
/// source id. A request no unit serves faults 0x01 (DMA) or 0x21 (interrupt), as in the engine.
/// </summary>
public sealed class IommuPlatform
{
    private readonly uint[] _scopeFirst;
    private readonly uint[] _scopeLast;
    private readonly byte[] _scopeUnit;
    private readonly IommuModel[] _units;

    /// <param name="scopeFirst">First <see cref="SourceId.Value"/> of each scope range.</param>
    /// <param name="scopeLast">Last (inclusive) <see cref="SourceId.Value"/> of each scope range.</param>
    /// <param name="scopeUnit">The index in <paramref name="units"/> of the unit serving each range.</param>
    /// <param name="units">The units.</param>
    public IommuPlatform(uint[] scopeFirst, uint[] scopeLast, byte[] scopeUnit, IommuModel[] units)
    {
        ArgumentNullException.ThrowIfNull(scopeFirst);
        ArgumentNullException.ThrowIfNull(scopeLast);
        ArgumentNullException.ThrowIfNull(scopeUnit);
        ArgumentNullException.ThrowIfNull(units);
        if (scopeLast.Length != scopeFirst.Length || scopeUnit.Length != scopeFirst.Length)
            throw new ArgumentException("The scope arrays must have one entry per scope range each.", nameof(scopeLast));
        for (int i = 0; i < scopeUnit.Length; i++)
        {
            if (scopeUnit[i] >= units.Length) throw new ArgumentException($"Scope range {i} names unit {scopeUnit[i]}, but there are {units.Length}.", nameof(scopeUnit));
        }
        _scopeFirst = scopeFirst;
        _scopeLast = scopeLast;
        _scopeUnit = scopeUnit;
        _units = units;
    }

    /// <summary>The platform whose units <see cref="DmarImage.Write"/> set up, reading <paramref name="memory"/> (which lives at <see cref="DmarImageLayout.BaseAddress"/>).</summary>
    public static IommuPlatform FromImage<T>(in T tables, DmarImageLayout layout, ReadOnlyMemory<byte> memory) where T : struct, IPolicyTables
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.Units.Count != tables.UnitSegment.Length)
            throw new ArgumentException($"The layout has {layout.Units.Count} units but the tables have {tables.UnitSegment.Length}.", nameof(layout));
        var units = new IommuModel[layout.Units.Count];
        for (int i = 0; i < units.Length; i++)
        {
            DmarUnitLayout unit = layout.Units[i];
            units[i] = new IommuModel(memory, layout.BaseAddress, unit.RootTableAddress, unit.Capabilities, unit.InterruptTableAddress, unit.InterruptEntries,
                unit.GuestAddressWidth);
        }
        return new IommuPlatform(tables.ScopeFirst.ToArray(), tables.ScopeLast.ToArray(), tables.ScopeUnit.ToArray(), units);
    }

    /// <summary>The units, in the image's unit order.</summary>
    public IReadOnlyList<IommuModel> Units => _units;

    /// <summary>The unit serving <paramref name="source"/>, or null.</summary>
    public IommuModel? UnitFor(SourceId source)
    {
        uint key = source.Value;
        for (int i = 0; i < _scopeFirst.Length; i++)
        {
            if (key >= _scopeFirst[i] && key <= _scopeLast[i]) return _units[_scopeUnit[i]];
        }
        return null;
    }

    /// <summary>
    /// Translates a DMA request on the unit whose scope covers <paramref name="source"/>, walking the tables in memory; a
    /// request no unit serves faults 0x01, except in the interrupt address range, which no unit translates.
    /// </summary>
    public DmaTranslation Translate(SourceId source, ulong address, DmaAccess access) =>
        UnitFor(source) is { } unit
            ? unit.Translate(source, address, access)
            : address >> 20 == 0xFEE
                ? DmaTranslation.InterruptRange(address, access)
                : DmaTranslation.Faulted(address, FaultReason.RootEntryNotPresent);

    /// <summary>
    /// A request tagged with <paramref name="pasid"/>, answered by the unit serving <paramref name="source"/>
    /// (<see cref="IommuModel.TranslateWithPasid"/>); a source no unit serves faults 0x39, as in the engine.
    /// </summary>
    public PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access)
    {
        if (UnitFor(source) is { } unit) return unit.TranslateWithPasid(source, pasid, address, access);
        if (pasid > PasidTranslation.MaxPasid)
            throw new ArgumentOutOfRangeException(nameof(pasid), pasid, "A PASID has 20 bits (0 to 0xFFFFF).");
        return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableRootEntryNotPresent);
    }

    /// <summary>Remaps an interrupt on the unit whose scope covers <paramref name="source"/>, reading its interrupt-remapping table.</summary>
    public InterruptRemap RemapInterrupt(SourceId source, int index) =>
        UnitFor(source) is { } unit
            ? unit.RemapInterrupt(source, index)
            : InterruptRemap.Faulted(FaultReason.InterruptIndexBeyondTable);
}
