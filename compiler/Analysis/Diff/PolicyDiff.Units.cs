using System.Globalization;
using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, units: matched by name, then by segment and scope; capability changes.</summary>
public sealed partial class PolicyDiff
{
    private void MatchUnits()
    {
        _unitMap = new int[_old.Units.Count];
        var taken = new bool[_new.Units.Count];
        for (int o = 0; o < _unitMap.Length; o++)
        {
            _unitMap[o] = -1;
            for (int n = 0; n < taken.Length; n++)
            {
                if (!taken[n] && _old.Units[o].Name == _new.Units[n].Name)
                {
                    _unitMap[o] = n;
                    taken[n] = true;
                    break;
                }
            }
        }
        for (int o = 0; o < _unitMap.Length; o++)
        {
            if (_unitMap[o] >= 0) continue;
            for (int n = 0; n < taken.Length; n++)
            {
                if (!taken[n] && _old.Units[o].Segment == _new.Units[n].Segment && Format.Scope(_old.Units[o]) == Format.Scope(_new.Units[n]))
                {
                    _unitMap[o] = n;
                    taken[n] = true;
                    break;
                }
            }
        }
        for (int o = 0; o < _unitMap.Length; o++)
        {
            var before = _old.Units[o];
            if (_unitMap[o] < 0)
            {
                Add(ChangeArea.Units, ChangeKind.UnitRemoved, ChangeImpact.Changed, $"unit {before.Name}", $"removed (segment {before.Segment}, scope {Format.Scope(before)})");
                continue;
            }
            var after = _new.Units[_unitMap[o]];
            string subject = $"unit {after.Name}";
            if (before.Name != after.Name)
            {
                Add(ChangeArea.Units, ChangeKind.UnitRenamed, ChangeImpact.Cosmetic, subject, $"renamed from {before.Name}");
            }
            Capability(subject, "segment", before.Segment.ToString(CultureInfo.InvariantCulture), after.Segment.ToString(CultureInfo.InvariantCulture));
            Capability(subject, "scope", Format.Scope(before), Format.Scope(after));
            Capability(subject, "address widths", Format.Widths(before.Widths), Format.Widths(after.Widths));
            Capability(subject, "domain ids", before.DomainCount.ToString(CultureInfo.InvariantCulture), after.DomainCount.ToString(CultureInfo.InvariantCulture));
            Capability(subject, "superpages", Format.Superpages(before.Superpages), Format.Superpages(after.Superpages));
            Capability(subject, "pass-through support", before.SupportsPassthrough ? "yes" : "no", after.SupportsPassthrough ? "yes" : "no");
            Capability(subject, "interrupt entries", before.InterruptEntries.ToString(CultureInfo.InvariantCulture), after.InterruptEntries.ToString(CultureInfo.InvariantCulture));
            Capability(subject, "mode", ModeText(before), ModeText(after));
        }
        for (int n = 0; n < taken.Length; n++)
        {
            if (!taken[n])
            {
                var unit = _new.Units[n];
                Add(ChangeArea.Units, ChangeKind.UnitAdded, ChangeImpact.Changed, $"unit {unit.Name}", $"added (segment {unit.Segment}, scope {Format.Scope(unit)})");
            }
        }
    }

    private static string ModeText(IommuUnit unit) => unit.Mode == TranslationMode.Scalable ? $"scalable, {unit.PasidBits}-bit PASIDs" : "legacy";

    private void Capability(string subject, string what, string before, string after)
    {
        if (before != after)
        {
            Add(ChangeArea.Units, ChangeKind.UnitCapabilityChanged, ChangeImpact.Changed, subject, $"{what} changed from {before} to {after}");
        }
    }

    private string NewUnitName(int unit) => unit >= 0 && unit < _new.Units.Count ? _new.Units[unit].Name : "?";
}
