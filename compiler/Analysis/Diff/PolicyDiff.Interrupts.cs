using VtdDsl.Compiler.Reports;

namespace VtdDsl.Compiler.Analysis.Diff;

/// <summary>The semantic diff, interrupt entries: paired by requester and table entry.</summary>
public sealed partial class PolicyDiff
{
    private readonly record struct Entry(int Unit, int Index, uint Source, string Device, string Requester, ulong Vector, ulong Cpu, InterruptDeliveryMode Mode, InterruptTrigger Trigger)
    {
        public string Delivery => $"vector {Format.Vector(Vector)} cpu {Cpu} {Format.Mode(Mode)} {Format.Trigger(Trigger)}";
    }

    private static List<Entry> Entries(Policy policy, Func<int, int> unitMap)
    {
        var entries = new List<Entry>();
        foreach (var interrupt in policy.Interrupts)
        {
            if (interrupt.DeviceIndex < 0) continue;
            var device = policy.Devices[interrupt.DeviceIndex];
            entries.Add(new Entry(unitMap(interrupt.UnitIndex), interrupt.Index, device.Source.Key, device.DisplayName, device.RequestSource.ToString(),
                interrupt.Vector, interrupt.Cpu, interrupt.Mode, interrupt.Trigger));
        }
        entries.Sort((a, b) => a.Unit != b.Unit ? a.Unit.CompareTo(b.Unit) : a.Index.CompareTo(b.Index));
        return entries;
    }

    private void CompareInterrupts()
    {
        var oldEntries = Entries(_old, u => u >= 0 && u < _unitMap.Length ? _unitMap[u] : -1);
        var newEntries = Entries(_new, u => u);
        var oldUsed = new bool[oldEntries.Count];
        var newUsed = new bool[newEntries.Count];
        var pairs = new List<(int Old, int New)>();
        // Same entry in every respect; then same requester and table entry; same requester and vector; same requester.
        Func<Entry, object>[] rules =
        {
            e => e with { Device = string.Empty },
            e => (e.Source, e.Unit, e.Index),
            e => (e.Source, e.Vector),
            e => e.Source,
        };
        for (int rule = 0; rule < rules.Length; rule++)
        {
            var waiting = new Dictionary<object, Queue<int>>();
            for (int j = 0; j < newEntries.Count; j++)
            {
                if (newUsed[j]) continue;
                var key = rules[rule](newEntries[j]);
                if (!waiting.TryGetValue(key, out var queue)) waiting[key] = queue = new Queue<int>();
                queue.Enqueue(j);
            }
            for (int i = 0; i < oldEntries.Count; i++)
            {
                if (oldUsed[i] || !waiting.TryGetValue(rules[rule](oldEntries[i]), out var queue) || queue.Count == 0) continue;
                int j = queue.Dequeue();
                oldUsed[i] = newUsed[j] = true;
                if (rule > 0) pairs.Add((i, j));
            }
        }
        var items = new List<(int Unit, int Index, int Order, PolicyChange Change)>();
        foreach (var (i, j) in pairs)
        {
            var before = oldEntries[i];
            var now = newEntries[j];
            var what = new List<string>();
            if (before.Unit != now.Unit || before.Index != now.Index) what.Add($"table entry {UnitText(before.Unit)}[{before.Index}] -> {UnitText(now.Unit)}[{now.Index}]");
            if (before.Vector != now.Vector) what.Add($"vector {Format.Vector(before.Vector)} -> {Format.Vector(now.Vector)}");
            if (before.Cpu != now.Cpu) what.Add($"cpu {before.Cpu} -> {now.Cpu}");
            if (before.Mode != now.Mode) what.Add($"mode {Format.Mode(before.Mode)} -> {Format.Mode(now.Mode)}");
            if (before.Trigger != now.Trigger) what.Add($"trigger {Format.Trigger(before.Trigger)} -> {Format.Trigger(now.Trigger)}");
            if (before.Requester != now.Requester) what.Add($"verified source id {before.Requester} -> {now.Requester}");
            items.Add((now.Unit, now.Index, 1, new PolicyChange(ChangeArea.Interrupts, ChangeKind.InterruptChanged, ChangeImpact.Changed,
                $"interrupt {UnitText(now.Unit)}[{now.Index}] of {now.Device}", string.Join(", ", what))));
        }
        for (int j = 0; j < newEntries.Count; j++)
        {
            if (newUsed[j]) continue;
            var now = newEntries[j];
            items.Add((now.Unit, now.Index, 2, new PolicyChange(ChangeArea.Interrupts, ChangeKind.InterruptAdded, ChangeImpact.MoreAccess,
                $"interrupt {UnitText(now.Unit)}[{now.Index}] of {now.Device}", $"added: {now.Delivery}, accepted from {now.Requester}")));
        }
        for (int i = 0; i < oldEntries.Count; i++)
        {
            if (oldUsed[i]) continue;
            var before = oldEntries[i];
            var unitName = before.Unit >= 0 ? NewUnitName(before.Unit) : "(removed unit)";
            items.Add((before.Unit, before.Index, 0, new PolicyChange(ChangeArea.Interrupts, ChangeKind.InterruptRemoved, ChangeImpact.LessAccess,
                $"interrupt {unitName}[{before.Index}] of {before.Device}", $"removed (was {before.Delivery}, from {before.Requester})")));
        }
        items.Sort((a, b) => a.Unit != b.Unit ? a.Unit.CompareTo(b.Unit) : a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.Order.CompareTo(b.Order));
        foreach (var item in items) _changes.Add(item.Change);
    }

    private string UnitText(int unit) => unit >= 0 ? NewUnitName(unit) : "(removed unit)";
}
