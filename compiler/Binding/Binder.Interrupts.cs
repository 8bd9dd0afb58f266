using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>An interrupt as written; its index is assigned once every explicit index is known.</summary>
    private sealed class InterruptDraft
    {
        public string DeviceName = string.Empty;
        public SourceSpan DeviceSpan;
        public int DeviceIndex = -1;
        public int UnitIndex = -1;
        public ulong Vector;
        public SourceSpan VectorSpan;
        public ulong Cpu;
        public SourceSpan CpuSpan;
        public int? ExplicitIndex;
        public SourceSpan IndexSpan;
        public InterruptDeliveryMode Mode;
        public InterruptTrigger Trigger;
        public SourceSpan Span;
    }

    private List<Interrupt> BindInterrupts(VtdParser.DeclarationContext[] declarations, List<IommuUnit> units, List<Device> devices)
    {
        var deviceIndex = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < devices.Count; i++)
        {
            if (devices[i].Name is { } name && !deviceIndex.ContainsKey(name)) deviceIndex.Add(name, i);
        }
        var drafts = new List<InterruptDraft>();
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (declaration.interruptDecl() is { } interrupt && BindInterrupt(interrupt, devices, deviceIndex) is { } draft)
            {
                drafts.Add(draft);
            }
        }
        return AssignIndexes(drafts, units);
    }

    private InterruptDraft? BindInterrupt(VtdParser.InterruptDeclContext interrupt, List<Device> devices, Dictionary<string, int> deviceIndex)
    {
        string? deviceName = BindContext.Name(interrupt.device);
        ulong? vector = _context.Number(interrupt.vector);
        ulong? cpu = _context.Number(interrupt.cpu);
        var draft = new InterruptDraft { Span = BindContext.Span(interrupt) };
        var seen = new Dictionary<System.Type, SourceSpan>();
        foreach (var statement in interrupt.interruptBody()?.interruptStatement() ?? System.Array.Empty<VtdParser.InterruptStatementContext>())
        {
            if (statement.exception is not null)
            {
                continue;
            }
            if (statement is VtdParser.UnknownInterruptStatementContext unknown)
            {
                ReportUnknownStatement(unknown.unknownStatement(), "an interrupt", InterruptStatementKeywords);
                continue;
            }
            var span = BindContext.Span(statement);
            if (seen.TryGetValue(statement.GetType(), out var earlier))
            {
                _context.Report(DiagnosticDescriptors.SettingGivenTwice, span, earlier, statement.Start.Text, "one interrupt");
                continue;
            }
            seen.Add(statement.GetType(), span);
            switch (statement)
            {
                case VtdParser.IndexStatementContext index when _context.Number(index.number()) is { } value:
                    draft.ExplicitIndex = value > int.MaxValue ? int.MaxValue : (int)value;
                    draft.IndexSpan = BindContext.Span(index.number());
                    break;
                case VtdParser.DeliveryModeStatementContext mode:
                    draft.Mode = mode.LOWEST_PRIORITY() is not null ? InterruptDeliveryMode.LowestPriority : InterruptDeliveryMode.Fixed;
                    break;
                case VtdParser.TriggerStatementContext trigger:
                    draft.Trigger = trigger.LEVEL() is not null ? InterruptTrigger.Level : InterruptTrigger.Edge;
                    break;
            }
        }
        if (deviceName is null || vector is null || cpu is null)
        {
            return null;
        }
        draft.DeviceName = deviceName;
        draft.DeviceSpan = BindContext.Span(interrupt.device);
        draft.Vector = vector.Value;
        draft.VectorSpan = BindContext.Span(interrupt.vector);
        draft.Cpu = cpu.Value;
        draft.CpuSpan = BindContext.Span(interrupt.cpu);
        _context.Names?.Reference(NameKind.Device, deviceName, draft.DeviceSpan);
        if (deviceIndex.TryGetValue(deviceName, out int device))
        {
            draft.DeviceIndex = device;
            var bound = devices[device];
            draft.UnitIndex = bound.Via is not null ? bound.ViaUnitIndex : bound.UnitIndex;
        }
        else
        {
            _context.ReportUnknownName(DiagnosticDescriptors.UnknownDevice, draft.DeviceSpan, deviceName, deviceIndex.Keys);
        }
        return draft;
    }

    /// <summary>
    /// Automatic indexes, per unit in declaration order: the lowest index of the unit's table
    /// that no interrupt claims explicitly and no earlier one took; -1 when the table is full.
    /// </summary>
    private static List<Interrupt> AssignIndexes(List<InterruptDraft> drafts, List<IommuUnit> units)
    {
        var taken = new HashSet<(int Unit, int Index)>();
        foreach (var draft in drafts)
        {
            if (draft.ExplicitIndex is { } index) taken.Add((draft.UnitIndex, index));
        }
        var next = new int[units.Count];
        var interrupts = new List<Interrupt>(drafts.Count);
        foreach (var draft in drafts)
        {
            int index = draft.ExplicitIndex ?? -1;
            if (draft.ExplicitIndex is null && draft.UnitIndex >= 0)
            {
                int size = units[draft.UnitIndex].InterruptEntries;
                ref int candidate = ref next[draft.UnitIndex];
                while (candidate < size && taken.Contains((draft.UnitIndex, candidate))) candidate++;
                if (candidate < size)
                {
                    index = candidate++;
                }
            }
            interrupts.Add(new Interrupt(
                draft.DeviceName, draft.DeviceSpan, draft.DeviceIndex, draft.UnitIndex,
                draft.Vector, draft.VectorSpan, draft.Cpu, draft.CpuSpan,
                index, draft.ExplicitIndex is not null, draft.IndexSpan,
                draft.Mode, draft.Trigger, draft.Span));
        }
        return interrupts;
    }
}
