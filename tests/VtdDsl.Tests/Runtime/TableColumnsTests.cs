using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Layout;
using VtdDsl.TableColumns;
using VtdDsl.Tests.TableColumns;
using VtdDsl.Tool.Input;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The compiled tables' columns are declared once, in compiler/Layout/TableColumns.txt, and every side
/// is derived from it: the compiler core's <see cref="PolicyLayout"/>, the runtime's
/// <see cref="IPolicyTables"/>/<see cref="IPasidTables"/> and <see cref="PolicyTableArrays"/>, and the
/// generator's output. These check the built assemblies against the schema, so a side that stops
/// following it (a column missing, misnamed, out of order, of another type or with another summary)
/// fails here, not in a translation. The CLI's copy (<see cref="RuntimeTables"/>) goes by name.
/// </summary>
public class TableColumnsTests
{
    private static readonly Schema Schema = SchemaHarness.Parse(SchemaHarness.RepositorySchema, out _);

    private static readonly string[] SchemaColumns = Schema.Columns.Select(c => c.Name).ToArray();

    /// <summary>The layout's columns: its required members but the policy name, in declaration order.</summary>
    /// <remarks>By the attribute's name: the compiler core (netstandard2.0) carries its own copy of it.</remarks>
    private static readonly PropertyInfo[] LayoutColumns = typeof(PolicyLayout).GetProperties()
        .Where(p => p.GetCustomAttributes().Any(a => a.GetType().Name == nameof(RequiredMemberAttribute)) && p.Name != nameof(PolicyLayout.PolicyName)).ToArray();

    /// <summary>The interface's members but the two declared by hand: the name, and the count derived from the domains.</summary>
    private static PropertyInfo[] InterfaceColumns(Type type) =>
        type.GetProperties().Where(p => p.Name is not (nameof(IPolicyTables.PolicyName) or nameof(IPolicyTables.DomainsWithoutWindows))).ToArray();

    private static readonly Dictionary<string, Type> Primitives = new()
    {
        ["byte"] = typeof(byte), ["sbyte"] = typeof(sbyte), ["ushort"] = typeof(ushort), ["short"] = typeof(short),
        ["uint"] = typeof(uint), ["int"] = typeof(int), ["ulong"] = typeof(ulong), ["long"] = typeof(long),
    };

    [Fact]
    public void Every_side_names_the_schema_s_columns_in_its_order()
    {
        Assert.Equal(SchemaColumns, LayoutColumns.Select(p => p.Name));
        Assert.Equal(SchemaColumns, RuntimeTables.Columns.Select(p => p.Name));
        Assert.Equal(Schema.Interfaces.Select(i => i.Name), new[] { nameof(IPolicyTables), nameof(IPasidTables) });
        Assert.Equal(Schema.Interfaces[0].Columns.Select(c => c.Name), InterfaceColumns(typeof(IPolicyTables)).Select(p => p.Name));
        Assert.Equal(Schema.Interfaces[1].Columns.Select(c => c.Name), InterfaceColumns(typeof(IPasidTables)).Select(p => p.Name));
        // The name and the derived count are the interface's first members, before the columns.
        Assert.Equal([nameof(IPolicyTables.PolicyName), nameof(IPolicyTables.DomainsWithoutWindows)], typeof(IPolicyTables).GetProperties().Take(2).Select(p => p.Name));
    }

    [Fact]
    public void Each_column_has_the_schema_s_type_on_every_side()
    {
        foreach (var column in Schema.Columns)
        {
            var layout = typeof(PolicyLayout).GetProperty(column.Name)!.PropertyType;
            var array = typeof(PolicyTableArrays).GetProperty(column.Name)!.PropertyType;
            var member = typeof(ArrayPolicyTables).GetProperty(column.Name)!.PropertyType;
            var runtimeElement = column.Kind == ColumnKind.Records ? typeof(IPolicyTables).Assembly.GetType("VtdDsl." + column.Type, throwOnError: true)! : Primitives[column.Type];
            if (column.Kind == ColumnKind.Scalar)
            {
                Assert.Equal(runtimeElement, layout);
                Assert.Equal(runtimeElement, array);
                Assert.Equal(runtimeElement, member);
                continue;
            }
            Assert.Equal(typeof(ReadOnlySpan<>).MakeGenericType(runtimeElement), member);
            Assert.Equal(runtimeElement.MakeArrayType(), array);
            if (column.Kind != ColumnKind.Records)
            {
                Assert.Equal(typeof(EquatableArray<>).MakeGenericType(runtimeElement), layout);
                continue;
            }
            // A record table: little-endian 64-bit words on the layout's side, whole records on the runtime's.
            Assert.Equal(typeof(EquatableArray<ulong>), layout);
            int words = (int)typeof(TableSchema).GetNestedType(column.Type)!.GetField("Words")!.GetValue(null)!;
            Assert.Equal(words * sizeof(ulong), System.Runtime.InteropServices.Marshal.SizeOf(runtimeElement));
        }
    }

    [Fact]
    public void Each_interface_member_carries_the_schema_s_summary()
    {
        string docs = Path.ChangeExtension(typeof(IPolicyTables).Assembly.Location, ".xml");
        Assert.True(File.Exists(docs), $"{docs} is missing: the runtime builds its documentation file.");
        var summaries = XDocument.Load(docs).Descendants("member")
            .ToDictionary(m => m.Attribute("name")!.Value, m => Normalize(m.Element("summary")?.ToString() ?? ""));
        foreach (var column in Schema.Columns)
        {
            string expected = Normalize(XElement.Parse("<summary>" + string.Join(" ", column.Summary) + "</summary>").ToString());
            string key = $"P:VtdDsl.{column.Owner.Name}.{column.Name}";
            Assert.True(summaries.TryGetValue(key, out string? actual), $"{key} has no documentation.");
            // crefs are resolved in the documentation file (T:, P: prefixes): compare the text around them.
            Assert.Equal(WithoutCrefs(expected), WithoutCrefs(actual!));
        }
    }

    [Fact]
    public void The_generator_writes_every_schema_column_in_order()
    {
        // svm-gpu has PASIDs, so its tables implement both interfaces.
        string tables = RepositoryPaths.ReadText("tests/VtdDsl.Tests/Snapshots/Generator/svm-gpu.Tables.verified.cs");
        int previous = -1;
        foreach (var column in Schema.Columns)
        {
            var match = System.Text.RegularExpressions.Regex.Match(tables, $@"public [\w.:<>]+ {column.Name} =>");
            Assert.True(match.Success, $"The generated tables have no {column.Name}.");
            Assert.True(match.Index > previous, $"{column.Name} is out of the schema's order in the generated tables.");
            previous = match.Index;
        }
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

    [Fact]
    public void Copies_keep_every_column()
    {
        var layout = VtdDsl.Compiler.VtdCompiler.Compile("specs/svm-gpu.vtd", RepositoryPaths.ReadText("specs/svm-gpu.vtd")).Layout!;
        var tables = RuntimeTables.From(layout);
        var copy = ArrayPolicyTables.CopyWithPasidsFrom(tables);
        foreach (var column in Schema.Columns)
        {
            Assert.Equal(Values(tables.Arrays, column.Name), Values(copy.Arrays, column.Name));
        }
        // Without PASID data, every PASID column is empty (a CSR one: its end marker).
        var legacy = PolicyTableArrays.CopyFrom(tables);
        foreach (var column in Schema.Interfaces[1].Columns)
        {
            Assert.Equal(column.Kind == ColumnKind.Csr ? "0" : "", Values(legacy, column.Name));
        }
    }

    private static string Values(PolicyTableArrays arrays, string column)
    {
        object value = typeof(PolicyTableArrays).GetProperty(column)!.GetValue(arrays)!;
        if (value is not Array items) return value.ToString()!;
        var words = new List<string>();
        foreach (object item in items) words.Add(item is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : item.ToString()!);
        return string.Join(",", words);
    }

    private static string Normalize(string xml) => System.Text.RegularExpressions.Regex.Replace(xml, @"\s+", " ").Replace("<summary> ", "<summary>").Replace(" </summary>", "</summary>");

    private static string WithoutCrefs(string xml) => System.Text.RegularExpressions.Regex.Replace(xml, "cref=\"[^\"]*\"", "cref");
}
