using VtdDsl.Compiler.Layout;

namespace VtdDsl.Tool.Input;

/// <summary>The compiler core's layout as the runtime's tables: the arrays are the same, member for member.</summary>
public static class RuntimeTables
{
    /// <summary>Every array of the layout, PASID bindings and process domain ids included (<see cref="IPasidTables"/>).</summary>
    public static ArrayPolicyTables From(PolicyLayout layout) => Legacy(layout).WithPasids(
        layout.UnitPasidBits.ToArray(), layout.PasidOwner.ToArray(), layout.PasidOwnerStart.ToArray(), layout.PasidValue.ToArray(),
        layout.PasidTarget.ToArray(), layout.PasidFlags.ToArray(), layout.ProcessDomainId.ToArray());

    /// <summary>The layout's <see cref="IPolicyTables"/> arrays only: tables without PASID data, whose units are all written as legacy-mode.</summary>
    public static ArrayPolicyTables Legacy(PolicyLayout layout) => new(
        layout.PolicyName,
        layout.ScopeFirst.ToArray(), layout.ScopeLast.ToArray(), layout.ScopeUnit.ToArray(),
        layout.UnitSegment.ToArray(), layout.UnitCapabilities.ToArray(), layout.UnitInterruptEntries.ToArray(), layout.UnitInterruptStart.ToArray(),
        layout.RootEntries.ToArray(), layout.ContextEntries.ToArray(), layout.ContextFlags.ToArray(),
        layout.DomainId.ToArray(), layout.DomainWidth.ToArray(), layout.DomainFlags.ToArray(), layout.DomainWindowStart.ToArray(),
        layout.WindowIova.ToArray(), layout.WindowLast.ToArray(), layout.WindowHost.ToArray(), layout.WindowRights.ToArray(),
        layout.InterruptIndex.ToArray(), layout.InterruptSource.ToArray(), layout.InterruptVector.ToArray(),
        layout.InterruptDestination.ToArray(), layout.InterruptFlags.ToArray());
}
