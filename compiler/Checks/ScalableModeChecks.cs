using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>VTD6001–VTD6004, VTD6006 and VTD6009 (VTD6005, an unknown process, is a name error the binder reports).</summary>
internal static class ScalableModeChecks
{
    public static void Run(Policy policy, BindContext context)
    {
        var usedProcesses = new HashSet<int>();
        foreach (var device in policy.Devices)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var unit = device.UnitIndex >= 0 ? policy.Units[device.UnitIndex] : null;
            var seen = new Dictionary<ulong, PasidBinding>();
            foreach (var pasid in device.Pasids)
            {
                if (pasid.Kind == PasidTargetKind.Process && pasid.TargetIndex >= 0)
                {
                    usedProcesses.Add(pasid.TargetIndex);
                }
                if (seen.TryGetValue(pasid.Pasid, out var earlier))
                {
                    context.Report(DiagnosticDescriptors.DuplicatePasid, pasid.PasidSpan, earlier.PasidSpan, device.DisplayName, pasid.Pasid);
                    continue;
                }
                seen.Add(pasid.Pasid, pasid);
                CheckPasid(context, device, unit, pasid);
            }
        }
        for (int i = 0; i < policy.Processes.Count; i++)
        {
            if (!usedProcesses.Contains(i))
            {
                context.Report(DiagnosticDescriptors.UnusedProcess, policy.Processes[i].NameSpan, policy.Processes[i].Name);
            }
        }
    }

    private static void CheckPasid(BindContext context, Device device, IommuUnit? unit, PasidBinding pasid)
    {
        int bits = unit?.PasidBits ?? IommuUnit.DefaultPasidBits;
        if (pasid.Pasid == 0)
        {
            context.Report(DiagnosticDescriptors.ReservedPasid, pasid.PasidSpan, device.DisplayName);
        }
        else if (pasid.Pasid >> bits != 0)
        {
            context.Report(DiagnosticDescriptors.PasidOutOfRange, pasid.PasidSpan, pasid.Pasid, device.DisplayName, bits, unit?.Name ?? "dmar0");
        }
        if (unit is not null && unit.Mode != TranslationMode.Scalable)
        {
            context.Report(DiagnosticDescriptors.PasidWithoutScalableMode, pasid.Span, unit.NameSpan, device.DisplayName, pasid.Pasid, unit.Name);
        }
        if (device.Via is { } bridge)
        {
            // A PASID is a PCIe TLP prefix: conventional PCI behind a PCIe-to-PCI bridge cannot send one,
            // and its requests reach the IOMMU with the bridge's id, whose PASID entries are not the device's.
            context.Report(DiagnosticDescriptors.PasidBehindBridge, pasid.Span, device.ViaSpan, device.DisplayName, pasid.Pasid, bridge);
        }
        if (pasid.Kind == PasidTargetKind.Process && (!device.Ats || !device.Pri))
        {
            string missing = !device.Ats && !device.Pri ? "'ats' and 'pri'" : !device.Ats ? "'ats'" : "'pri'";
            context.Report(DiagnosticDescriptors.ProcessPasidWithoutAtsPri, pasid.Span, device.DisplayName, pasid.Pasid, pasid.TargetName, missing);
        }
    }
}
