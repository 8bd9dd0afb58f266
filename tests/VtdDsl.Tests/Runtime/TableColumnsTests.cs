using System.Reflection;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Layout;
using VtdDsl.Tool.Input;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The compiled tables' columns are declared alike on every side: the compiler core's
/// <see cref="PolicyLayout"/>, the runtime's <see cref="IPolicyTables"/>/<see cref="IPasidTables"/> and
/// <see cref="PolicyTableArrays"/>, and the generator's output. The CLI's copy (<see cref="RuntimeTables"/>)
/// goes by name, so a column missing or misnamed on one side fails here, not in a translation.
/// </summary>
public class TableColumnsTests
{
    /// <summary>The layout's columns: its positional parameters but the policy name.</summary>
    private static readonly ParameterInfo[] LayoutColumns = typeof(PolicyLayout).GetConstructors().Single().GetParameters()
        .Where(p => p.Name != nameof(PolicyLayout.PolicyName)).ToArray();

    private static readonly PropertyInfo[] InterfaceColumns = typeof(IPolicyTables).GetProperties().Concat(typeof(IPasidTables).GetProperties())
        .Where(p => p.Name != nameof(IPolicyTables.PolicyName)).ToArray();

    [Fact]
    public void The_layout_the_runtime_s_arrays_and_its_interfaces_name_the_same_columns_in_the_same_order()
    {
        string[] layout = LayoutColumns.Select(p => p.Name!).ToArray();
        Assert.Equal(layout, RuntimeTables.Columns.Select(p => p.Name));
        Assert.Equal(layout, InterfaceColumns.Select(p => p.Name));
    }

    [Fact]
    public void Each_column_holds_the_same_values_on_both_sides()
    {
        foreach (var column in LayoutColumns)
        {
            var runtime = RuntimeTables.Columns.Single(p => p.Name == column.Name).PropertyType;
            if (!column.ParameterType.IsGenericType)
            {
                Assert.Equal(column.ParameterType, runtime);
                continue;
            }
            Assert.Equal(typeof(EquatableArray<>), column.ParameterType.GetGenericTypeDefinition());
            var words = column.ParameterType.GetGenericArguments()[0];
            var element = runtime.GetElementType()!;
            if (words == element) continue;
            // A record table: little-endian 64-bit words on the layout's side, whole records on the runtime's.
            Assert.Equal(typeof(ulong), words);
            Assert.True(element.IsValueType && System.Runtime.InteropServices.Marshal.SizeOf(element) % sizeof(ulong) == 0,
                $"{column.Name}: {element.Name} is not a record of whole 64-bit words.");
        }
    }

    [Fact]
    public void The_generator_writes_every_column()
    {
        // svm-gpu has PASIDs, so its tables implement both interfaces.
        string tables = RepositoryPaths.ReadText("tests/VtdDsl.Tests/Snapshots/Generator/svm-gpu.Tables.verified.cs");
        foreach (var column in InterfaceColumns)
            Assert.Matches($@"public [\w.:<>]+ {column.Name} =>", tables);
    }

    [Fact]
    public void The_CLI_s_copy_of_a_layout_is_the_layout()
    {
        var layout = VtdDsl.Compiler.VtdCompiler.Compile("specs/svm-gpu.vtd", RepositoryPaths.ReadText("specs/svm-gpu.vtd")).Layout!;
        var tables = RuntimeTables.From(layout);
        Assert.Equal(layout.WindowTree.ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<TreeNode, ulong>(tables.WindowTree).ToArray());
        Assert.Equal(layout.Domains.ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<DomainRecord, ulong>(tables.Domains).ToArray());
        Assert.Equal(layout.PasidValue.ToArray(), tables.PasidValue.ToArray());
        Assert.Equal(layout.TreeLevels, tables.TreeLevels);
        var legacy = RuntimeTables.Legacy(layout);
        Assert.False(legacy.HasPasids);
        Assert.Equal(layout.ContextEntries.ToArray(), legacy.ContextEntries.ToArray());
    }
}
