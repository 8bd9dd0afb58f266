using System.Runtime.InteropServices;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Tool.Input;

/// <summary>The compiler core's layout as the runtime's tables: the arrays are the same, member for member.</summary>
public static class RuntimeTables
{
    /// <summary>Every array of the layout, PASID bindings and process domain ids included (<see cref="IPasidTables"/>).</summary>
    public static ArrayPolicyTables From(PolicyLayout layout) => new(Arrays(layout) with
    {
        UnitPasidBits = layout.UnitPasidBits.ToArray(),
        PasidOwner = layout.PasidOwner.ToArray(),
        PasidOwnerStart = layout.PasidOwnerStart.ToArray(),
        PasidValue = layout.PasidValue.ToArray(),
        PasidTarget = layout.PasidTarget.ToArray(),
        PasidFlags = layout.PasidFlags.ToArray(),
        ProcessDomainId = layout.ProcessDomainId.ToArray(),
    });

    /// <summary>The layout's <see cref="IPolicyTables"/> arrays only: tables without PASID data, whose units are all written as legacy-mode.</summary>
    public static ArrayPolicyTables Legacy(PolicyLayout layout) => new(Arrays(layout));

    private static PolicyTableArrays Arrays(PolicyLayout layout) => new()
    {
        PolicyName = layout.PolicyName,
        ScopeFirst = layout.ScopeFirst.ToArray(),
        ScopeLast = layout.ScopeLast.ToArray(),
        ScopeUnit = layout.ScopeUnit.ToArray(),
        UnitSegment = layout.UnitSegment.ToArray(),
        UnitCapabilities = layout.UnitCapabilities.ToArray(),
        UnitInterruptEntries = layout.UnitInterruptEntries.ToArray(),
        UnitInterruptStart = layout.UnitInterruptStart.ToArray(),
        RootEntries = layout.RootEntries.ToArray(),
        ContextEntries = layout.ContextEntries.ToArray(),
        ContextFlags = layout.ContextFlags.ToArray(),
        // The layout holds records as the little-endian words TableSchema describes; the runtime's
        // record structs are those words.
        Domains = MemoryMarshal.Cast<ulong, DomainRecord>(layout.Domains.ToArray()).ToArray(),
        Windows = MemoryMarshal.Cast<ulong, WindowRecord>(layout.Windows.ToArray()).ToArray(),
        WindowTree = MemoryMarshal.Cast<ulong, TreeNode>(layout.WindowTree.ToArray()).ToArray(),
        TreeLevels = layout.TreeLevels,
        InterruptIndex = layout.InterruptIndex.ToArray(),
        InterruptSource = layout.InterruptSource.ToArray(),
        InterruptVector = layout.InterruptVector.ToArray(),
        InterruptDestination = layout.InterruptDestination.ToArray(),
        InterruptFlags = layout.InterruptFlags.ToArray(),
    };
}
