using System;

namespace VtdDsl;

/// <summary>Checks that a policy's PASID tables (<see cref="IPasidTables"/>) have consistent shapes and point only at things that exist.</summary>
public static class PasidTablesValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistency (of the PASID arrays; <see cref="PolicyTablesValidator"/> checks the rest).</summary>
    public static void Validate<T>(in T tables) where T : struct, IPolicyTables, IPasidTables =>
        Validate(in tables, PasidSpans.Of(in tables));

    internal static void Validate<T>(in T tables, PasidSpans pasids) where T : struct, IPolicyTables
    {
        int units = tables.UnitSegment.Length;
        int domains = tables.Domains.Length;
        int processes = pasids.ProcessDomainId.Length;
        ReadOnlySpan<byte> bits = pasids.UnitPasidBits;
        ReadOnlySpan<uint> owners = pasids.PasidOwner;
        ReadOnlySpan<int> start = pasids.PasidOwnerStart;
        ReadOnlySpan<uint> values = pasids.PasidValue;
        ReadOnlySpan<ushort> targets = pasids.PasidTarget;
        ReadOnlySpan<byte> flags = pasids.PasidFlags;

        if (!bits.IsEmpty && bits.Length != units)
            Fail($"UnitPasidBits has {bits.Length} entries; expected {units}, one per unit (or none: tables without PASID data).");
        for (int u = 0; u < bits.Length; u++)
        {
            bool scalable = (tables.UnitCapabilities[u] & UnitCapabilities.ScalableMode) != 0;
            if (scalable && bits[u] is < 1 or > 20) Fail($"Unit {u} is in scalable mode with {bits[u]} PASID bits; PASIDs are 1 to 20 bits wide.");
            if (!scalable && bits[u] != 0) Fail($"Unit {u} is in legacy mode but has {bits[u]} PASID bits (expected 0).");
        }
        if (bits.IsEmpty && !owners.IsEmpty) Fail($"PasidOwner has {owners.Length} entries, but the tables have no UnitPasidBits (no unit is in scalable mode).");

        if (start.Length != owners.Length + 1) Fail($"PasidOwnerStart has {start.Length} entries; expected {owners.Length + 1} (one per owner, plus the end).");
        if (start[0] != 0) Fail($"PasidOwnerStart[0] is {start[0]}; expected 0.");
        if (start[owners.Length] != values.Length) Fail($"PasidOwnerStart ends at {start[owners.Length]}, but PasidValue has {values.Length} entries.");
        if (targets.Length != values.Length) Fail($"PasidTarget has {targets.Length} entries; expected {values.Length}, matching PasidValue (one per binding).");
        if (flags.Length != values.Length) Fail($"PasidFlags has {flags.Length} entries; expected {values.Length}, matching PasidValue (one per binding).");

        for (int o = 0; o < owners.Length; o++)
        {
            if (o > 0 && owners[o] <= owners[o - 1]) Fail($"PasidOwner[{o}] (0x{owners[o]:x}) is not sorted after PasidOwner[{o - 1}] (0x{owners[o - 1]:x}).");
            if (start[o + 1] < start[o]) Fail($"PasidOwnerStart decreases at {o + 1} ({start[o]} then {start[o + 1]}).");
            int unit = PolicyEngine.FindUnit(in tables, owners[o]);
            if (unit < 0) Fail($"PasidOwner[{o}] (0x{owners[o]:x}) is served by no unit.");
            if ((tables.UnitCapabilities[unit] & UnitCapabilities.ScalableMode) == 0)
                Fail($"PasidOwner[{o}] (0x{owners[o]:x}) is served by unit {unit}, which is not in scalable mode.");
            uint limit = 1U << bits[unit];
            for (int b = start[o]; b < start[o + 1]; b++)
            {
                if (values[b] == 0 || values[b] >= limit)
                    Fail($"PasidValue[{b}] (owner {o}) is {values[b]}; PASIDs of unit {unit} are 1 to {limit - 1} (0 is RID_PASID).");
                if (b > start[o] && values[b] <= values[b - 1])
                    Fail($"PasidValue[{b}] ({values[b]}) is not sorted after PasidValue[{b - 1}] ({values[b - 1]}) of owner {o}.");
                if ((flags[b] & ~PasidFlags.Process) != 0) Fail($"PasidFlags[{b}] is 0x{flags[b]:x2}; only bit 0 (process) is defined.");
                bool process = (flags[b] & PasidFlags.Process) != 0;
                if (process && targets[b] >= processes) Fail($"PasidTarget[{b}] names process {targets[b]}, but there are {processes}.");
                if (!process && targets[b] >= domains) Fail($"PasidTarget[{b}] names domain {targets[b]}, but there are {domains}.");
            }
        }
    }

    private static void Fail(string message) => throw new ArgumentException(message, "tables");
}
