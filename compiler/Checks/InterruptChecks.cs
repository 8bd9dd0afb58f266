using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>VTD5001–VTD5005: vectors, destinations, table indexes and remapping availability.</summary>
internal static class InterruptChecks
{
    public static void Run(Policy policy, BindContext context)
    {
        var owners = new Dictionary<(int Unit, int Index), int>();
        for (int i = 0; i < policy.Interrupts.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var interrupt = policy.Interrupts[i];
            if (interrupt.Vector < 0x10 || interrupt.Vector > 0xFE)
            {
                context.Report(DiagnosticDescriptors.VectorOutOfRange, interrupt.VectorSpan, interrupt.Vector, interrupt.DeviceName);
            }
            if (interrupt.Cpu > uint.MaxValue)
            {
                context.Report(DiagnosticDescriptors.DestinationOutOfRange, interrupt.CpuSpan, interrupt.Cpu, interrupt.DeviceName);
            }
            if (interrupt.DeviceIndex < 0)
            {
                continue; // VTD1003
            }
            if (interrupt.UnitIndex < 0)
            {
                context.Report(DiagnosticDescriptors.InterruptOfUnservedDevice, interrupt.DeviceSpan, interrupt.DeviceName);
                continue;
            }
            var unit = policy.Units[interrupt.UnitIndex];
            CheckDestination(context, interrupt, unit);
            if (unit.InterruptEntries == 0)
            {
                context.Report(DiagnosticDescriptors.InterruptWithoutRemapping, interrupt.DeviceSpan, unit.InterruptEntriesSpan, interrupt.DeviceName, unit.Name);
                continue;
            }
            CheckIndex(policy, context, owners, interrupt, unit, i);
        }
    }

    /// <summary>VTD5009 and VTD5010: what the unit's entry format (xAPIC 8-bit, x2APIC 32-bit destination) can address.</summary>
    private static void CheckDestination(BindContext context, Interrupt interrupt, IommuUnit unit)
    {
        if (interrupt.Cpu > uint.MaxValue)
        {
            return; // VTD5004
        }
        if (interrupt.Cpu > unit.MaxDestination)
        {
            context.Report(DiagnosticDescriptors.DestinationNeedsX2Apic, interrupt.CpuSpan, unit.NameSpan, interrupt.Cpu, interrupt.DeviceName, unit.Name);
        }
        else if (interrupt.Cpu == unit.MaxDestination)
        {
            context.Report(DiagnosticDescriptors.BroadcastDestination, interrupt.CpuSpan, unit.NameSpan, interrupt.Cpu, interrupt.DeviceName, unit.Name);
        }
    }

    private static void CheckIndex(Policy policy, BindContext context, Dictionary<(int, int), int> owners, Interrupt interrupt, IommuUnit unit, int i)
    {
        if (interrupt.Index < 0)
        {
            context.Report(DiagnosticDescriptors.InterruptTableFull, interrupt.Span, unit.NameSpan, interrupt.DeviceName, unit.InterruptEntries, unit.Name);
            return;
        }
        if (interrupt.Index >= unit.InterruptEntries)
        {
            context.Report(DiagnosticDescriptors.InterruptIndexOutOfRange, interrupt.IndexSpan, unit.InterruptEntriesSpan,
                interrupt.Index, interrupt.DeviceName, unit.InterruptEntries, unit.Name);
            return;
        }
        var key = (interrupt.UnitIndex, interrupt.Index);
        if (owners.TryGetValue(key, out int first))
        {
            var other = policy.Interrupts[first];
            context.Report(DiagnosticDescriptors.DuplicateInterruptIndex, interrupt.IndexIsExplicit ? interrupt.IndexSpan : interrupt.Span,
                other.IndexIsExplicit ? other.IndexSpan : other.Span, interrupt.DeviceName, interrupt.Index, unit.Name, other.DeviceName);
            return;
        }
        owners.Add(key, i);
    }
}
