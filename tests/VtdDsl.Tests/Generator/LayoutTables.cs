using VtdDsl.Language.Layout;

namespace VtdDsl.Tests.Generator;

/// <summary>The CLI's way to answer queries: the compiler core's layout as runtime arrays.</summary>
public static class LayoutTables
{
    public static ArrayPolicyTables From(PolicyLayout layout) => new(
        layout.PolicyName,
        layout.ScopeFirst.ToArray(), layout.ScopeLast.ToArray(), layout.ScopeUnit.ToArray(),
        layout.UnitSegment.ToArray(), layout.UnitCapabilities.ToArray(), layout.UnitInterruptEntries.ToArray(), layout.UnitInterruptStart.ToArray(),
        layout.RootEntries.ToArray(), layout.ContextEntries.ToArray(), layout.ContextFlags.ToArray(),
        layout.DomainId.ToArray(), layout.DomainWidth.ToArray(), layout.DomainFlags.ToArray(), layout.DomainWindowStart.ToArray(),
        layout.WindowIova.ToArray(), layout.WindowLast.ToArray(), layout.WindowHost.ToArray(), layout.WindowRights.ToArray(),
        layout.InterruptIndex.ToArray(), layout.InterruptSource.ToArray(), layout.InterruptVector.ToArray(),
        layout.InterruptDestination.ToArray(), layout.InterruptFlags.ToArray());
}
