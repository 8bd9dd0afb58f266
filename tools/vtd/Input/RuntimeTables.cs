using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Tool.Input;

/// <summary>
/// The compiler core's layout as the runtime's tables. Both sides' columns are generated from the one
/// schema, compiler/Layout/TableColumns.txt (<see cref="PolicyLayout"/> and <see cref="PolicyTableArrays"/>
/// by the same names, in the same order), so the copy goes by name: a new column needs no line here.
/// Record tables are the layout's little-endian words reinterpreted as the runtime's record structs.
/// </summary>
public static class RuntimeTables
{
    /// <summary>Every array of the layout, PASID bindings and process domain ids included (<see cref="IPasidTables"/>).</summary>
    public static ArrayPolicyTables From(PolicyLayout layout) => new(Arrays(layout, withPasids: true));

    /// <summary>The layout's <see cref="IPolicyTables"/> arrays only: tables without PASID data, whose units are all written as legacy-mode.</summary>
    public static ArrayPolicyTables Legacy(PolicyLayout layout) => new(Arrays(layout, withPasids: false));

    /// <summary>The layout's columns as <see cref="PolicyTableArrays"/>, by name.</summary>
    public static PolicyTableArrays Arrays(PolicyLayout layout, bool withPasids)
    {
        var arrays = new PolicyTableArrays { PolicyName = layout.PolicyName };
        foreach (var target in Columns)
        {
            if (!withPasids && PasidColumns.Contains(target.Name)) continue;
            var source = typeof(PolicyLayout).GetProperty(target.Name)!;
            target.SetValue(arrays, Convert(source.GetValue(layout)!, target.PropertyType));
        }
        return arrays;
    }

    /// <summary>The columns of <see cref="PolicyTableArrays"/>: every settable property but the name.</summary>
    public static PropertyInfo[] Columns { get; } = typeof(PolicyTableArrays).GetProperties()
        .Where(p => p.SetMethod is not null && p.Name != nameof(PolicyTableArrays.PolicyName)).ToArray();

    private static readonly string[] PasidColumns = typeof(IPasidTables).GetProperties().Select(p => p.Name).ToArray();

    /// <summary>A layout value (an <see cref="EquatableArray{T}"/> or a number) as the runtime's property type.</summary>
    private static object Convert(object value, System.Type target)
    {
        if (!target.IsArray) return value;
        var items = (System.Array)value.GetType().GetMethod(nameof(EquatableArray<int>.ToArray))!.Invoke(value, null)!;
        var element = target.GetElementType()!;
        if (items.GetType().GetElementType() == element) return items;
        // ulong words as records (DomainRecord, WindowRecord, TreeNode).
        return typeof(RuntimeTables).GetMethod(nameof(Records), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(element).Invoke(null, new object[] { items })!;
    }

    private static TRecord[] Records<TRecord>(ulong[] words) where TRecord : unmanaged => MemoryMarshal.Cast<ulong, TRecord>(words).ToArray();
}
