using CsCheck;
using Microsoft.CodeAnalysis;

namespace VtdDsl.Tests.TableColumns;

/// <summary>
/// The schema generator derives every declaration of a column from compiler/Layout/TableColumns.txt:
/// the real projects' sources compile with its output, a column added to the schema appears on every
/// side (and the layout builder must set it), and a bad schema is a located diagnostic, never a crash.
/// </summary>
public class TableColumnsGeneratorTests
{
    /// <summary>Two columns no side declares today: a plain one among the interrupts, a CSR one among the PASID tables.</summary>
    private static string SchemaWithTwoMoreColumns() =>
        SchemaHarness.SchemaWith("PasidFlags", "PasidSharers          int           csr              /// CSR over the sharers of each binding.")
            .Replace("InterruptFlags        byte          plain            /// <see cref=\"InterruptFlags\"/> bits of each interrupt.",
                "InterruptFlags        byte          plain            /// <see cref=\"InterruptFlags\"/> bits of each interrupt.\n"
                + "InterruptPriority     byte          plain    hex     /// Priority of each interrupt.", StringComparison.Ordinal);

    [Fact]
    public void The_repository_schema_has_every_column_and_no_problem()
    {
        var schema = SchemaHarness.Parse(SchemaHarness.RepositorySchema, out var problems);
        Assert.Empty(problems);
        Assert.Equal(new[] { "IPolicyTables", "IPasidTables" }, schema.Interfaces.Select(i => i.Name));
        Assert.Equal(26, schema.Columns.Count());
        Assert.Equal("HasPasids", schema.Interfaces[1].Condition);
        var tree = schema.Columns.Single(c => c.Name == "WindowTree");
        Assert.Equal(ColumnKindOf("records"), tree.Kind);
        Assert.Equal(3, tree.Summary.Count);
        Assert.StartsWith("TableSchema.TreeNode words:", tree.WordsComment, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_sources_compile_with_the_repository_schema()
    {
        var compiler = SchemaHarness.Run(SchemaHarness.RepositorySchema, "Layout", SchemaHarness.Compiler());
        Assert.Empty(compiler.Diagnostics);
        Assert.Empty(SchemaHarness.Errors(compiler.Compilation));
        var runtime = SchemaHarness.Run(SchemaHarness.RepositorySchema, "Runtime", SchemaHarness.Runtime());
        Assert.Empty(SchemaHarness.Errors(runtime.Compilation));
        var generator = SchemaHarness.Run(SchemaHarness.RepositorySchema, "TableWriter", SchemaHarness.Generator(compiler.Compilation));
        Assert.Empty(SchemaHarness.Errors(generator.Compilation));
    }

    [Fact]
    public void A_column_added_to_the_schema_is_a_member_on_every_side()
    {
        string schema = SchemaWithTwoMoreColumns();

        // The runtime: interface members in schema order, arrays, fields and properties; it compiles.
        var runtime = SchemaHarness.Run(schema, "Runtime", SchemaHarness.Runtime());
        Assert.Empty(runtime.Diagnostics);
        Assert.Empty(SchemaHarness.Errors(runtime.Compilation));
        var policyTables = Type(runtime.Compilation, "VtdDsl.IPolicyTables");
        Assert.Equal("InterruptPriority", PropertyNames(policyTables).SkipWhile(n => n != "InterruptFlags").Skip(1).Single());
        Assert.Equal("System.ReadOnlySpan<byte>", Property(policyTables, "InterruptPriority").Type.ToDisplayString());
        Assert.Equal("Priority of each interrupt.", Summary(Property(policyTables, "InterruptPriority")));
        var pasidTables = Type(runtime.Compilation, "VtdDsl.IPasidTables");
        Assert.Equal(new[] { "PasidFlags", "PasidSharers", "ProcessDomainId" }, PropertyNames(pasidTables).SkipWhile(n => n != "PasidFlags"));
        var arrays = Type(runtime.Compilation, "VtdDsl.PolicyTableArrays");
        Assert.Equal("byte[]", Property(arrays, "InterruptPriority").Type.ToDisplayString());
        Assert.Equal("int[]", Property(arrays, "PasidSharers").Type.ToDisplayString());
        Assert.Contains("PasidSharers { get; init; } = [0];", runtime.Sources["PolicyTableArrays.Columns.g.cs"], StringComparison.Ordinal);
        Assert.Contains("PasidSharers = tables.PasidSharers.ToArray(),", runtime.Sources["PolicyTableArrays.Columns.g.cs"], StringComparison.Ordinal);
        Assert.Contains("if (InterruptPriority is null) throw", runtime.Sources["PolicyTableArrays.Columns.g.cs"], StringComparison.Ordinal);
        var arrayTables = Type(runtime.Compilation, "VtdDsl.ArrayPolicyTables");
        Assert.Equal(Accessibility.Public, Property(arrayTables, "InterruptPriority").DeclaredAccessibility);
        Assert.NotEmpty(arrayTables.GetMembers("_interruptPriority"));
        Assert.Contains("public global::System.ReadOnlySpan<int> PasidSharers => _pasidSharers ?? EndMarkerOnly;", runtime.Sources["ArrayPolicyTables.Columns.g.cs"], StringComparison.Ordinal);

        // The compiler core: a required member, which the layout builder does not set yet: exactly that is the error.
        var compiler = SchemaHarness.Run(schema, "Layout", SchemaHarness.Compiler());
        Assert.Empty(compiler.Diagnostics);
        var layout = Type(compiler.Compilation, "VtdDsl.Compiler.Layout.PolicyLayout");
        var priority = Property(layout, "InterruptPriority");
        Assert.True(priority.IsRequired);
        Assert.Equal("VtdDsl.Compiler.Collections.EquatableArray<byte>", priority.Type.ToDisplayString());
        var errors = SchemaHarness.Errors(compiler.Compilation).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e =>
        {
            Assert.Equal("CS9035", e.Id);
            Assert.EndsWith("compiler/Layout/LayoutBuilder.cs", e.Location.GetLineSpan().Path.Replace('\\', '/'), StringComparison.Ordinal);
        });
        Assert.Equal(new[] { "InterruptPriority", "PasidSharers" },
            errors.Select(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Select(m => m.Contains("InterruptPriority", StringComparison.Ordinal) ? "InterruptPriority" : m.Contains("PasidSharers", StringComparison.Ordinal) ? "PasidSharers" : m).OrderBy(m => m, StringComparer.Ordinal));

        // The generator: TableWriter writes the new columns in their place; it compiles against that layout.
        var generator = SchemaHarness.Run(schema, "TableWriter", SchemaHarness.Generator(compiler.Compilation));
        Assert.Empty(generator.Diagnostics);
        Assert.Empty(SchemaHarness.Errors(generator.Compilation));
        string writer = generator.Sources["TableWriter.Columns.g.cs"];
        int flags = writer.IndexOf("\"InterruptFlags\"", StringComparison.Ordinal);
        int added = writer.IndexOf("w.Column(\"byte\", \"InterruptPriority\", layout.InterruptPriority, static v => (ulong)v, hex: true, rowLength: 16);", StringComparison.Ordinal);
        int pasids = writer.IndexOf("if (source.HasPasids)", StringComparison.Ordinal);
        Assert.True(flags >= 0 && flags < added && added < pasids, writer);
        Assert.True(writer.IndexOf("\"PasidSharers\"", StringComparison.Ordinal) > pasids, writer);
    }

    public static TheoryData<string, string, string> BadSchemas => new()
    {
        // what is wrong, the schema, the expected "line,column: ID"
        { "an unknown type", "interface I\nA uint plain /// a.\nB float plain /// b.\n", "3,3: VTDSCHEMA002" },
        { "an unknown kind", "interface I\nA uint dense /// a.\n", "2,8: VTDSCHEMA002" },
        { "an unknown hint", "interface I\nA uint plain bold /// a.\n", "2,14: VTDSCHEMA002" },
        { "a csr column not of int", "interface I\nA uint csr /// a.\n", "2,3: VTDSCHEMA002" },
        { "a record struct as a plain column", "interface I\nA DomainRecord plain /// a.\n", "2,3: VTDSCHEMA002" },
        { "too few words", "interface I\n\nA uint /// a.\n", "3,1: VTDSCHEMA001" },
        { "a name that is no identifier", "interface I\n1A uint plain /// a.\n", "2,1: VTDSCHEMA001" },
        { "a bad row length", "interface I\nA uint plain rows=0 /// a.\n", "2,1: VTDSCHEMA001" },
        { "no summary", "interface I\nA uint plain\n", "2,1: VTDSCHEMA001" },
        { "records without their words", "interface I\nR DomainRecord records /// r.\n", "2,1: VTDSCHEMA001" },
        { "a words line on a plain column", "interface I\nA uint plain /// a.\n    // words\n", "3,5: VTDSCHEMA001" },
        { "a column before any interface", "# header\nA uint plain /// a.\n", "2,1: VTDSCHEMA001" },
        { "a continuation without a column", "interface I\n    /// lost\n", "2,5: VTDSCHEMA001" },
        { "a malformed interface line", "interface I when\n", "1,1: VTDSCHEMA001" },
        { "a column declared twice", "interface I\nA uint plain /// a.\ninterface J\nA int plain /// again.\n", "4,1: VTDSCHEMA003" },
        { "an interface declared twice", "interface I\nA uint plain /// a.\ninterface I\n", "3,1: VTDSCHEMA003" },
    };

    [Theory]
    [MemberData(nameof(BadSchemas))]
    public void A_bad_schema_is_one_diagnostic_at_its_line(string what, string schema, string expected)
    {
        foreach (string output in new[] { "Layout", "Runtime", "TableWriter" })
        {
            var run = SchemaHarness.Run(schema, output, SchemaHarness.Empty());
            Assert.True(run.Problems.SequenceEqual(new[] { expected }), $"{what} ({output}): {string.Join("; ", run.Problems)}");
            var diagnostic = run.Diagnostics.Single();
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Equal(SchemaHarness.SchemaFullPath, diagnostic.Location.GetLineSpan().Path);
        }
    }

    [Fact]
    public void A_bad_line_in_the_real_schema_is_reported_at_its_line_and_the_rest_is_still_generated()
    {
        string schema = SchemaHarness.SchemaWith("InterruptVector", "InterruptColour  colour  plain  /// The colour.");
        int line = schema.Split('\n').ToList().FindIndex(l => l.StartsWith("InterruptColour", StringComparison.Ordinal)) + 1;
        var run = SchemaHarness.Run(schema, "Runtime", SchemaHarness.Empty());
        Assert.Equal(new[] { $"{line},18: VTDSCHEMA002" }, run.Problems);
        Assert.Contains("InterruptDestination { get; }", run.Sources["IPolicyTables.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("InterruptColour", run.Sources["IPolicyTables.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void No_schema_or_an_unknown_output_is_a_diagnostic()
    {
        Assert.Equal("VTDSCHEMA004", SchemaHarness.Run(null, "Runtime", SchemaHarness.Empty()).Diagnostics.Single().Id);
        var unknown = SchemaHarness.Run(SchemaHarness.RepositorySchema, "Runtime;Engine", SchemaHarness.Empty());
        Assert.Equal("VTDSCHEMA005", unknown.Diagnostics.Single().Id);
        Assert.Contains("IPolicyTables.g.cs", unknown.Sources.Keys);
        // Without an output the generator stays silent: a project that does not ask gets nothing.
        var none = SchemaHarness.Run(SchemaHarness.RepositorySchema, "", SchemaHarness.Empty());
        Assert.Empty(none.Diagnostics);
        Assert.Empty(none.Sources);
    }

    [Fact]
    public void Any_text_as_a_schema_gives_diagnostics_never_an_exception()
    {
        var words = new[] { "interface", "I", "when", "--", "///", "//", "A", "uint", "int", "csr", "records", "scalar", "plain", "hex", "rows=3", "rows=x", "origins=", "DomainRecord", "\t", " ", "#", "\"", "\\" };
        Gen.Int[0, words.Length - 1].Select(i => words[i]).Array[0, 8].Select(parts => string.Join(" ", parts)).Array[0, 12]
            .Select(lines => string.Join('\n', lines.Select((l, i) => i % 3 == 2 ? "    " + l : l)))
            .Sample(schema =>
            {
                var run = SchemaHarness.Run(schema, "Layout;Runtime;TableWriter", SchemaHarness.Empty());
                Assert.DoesNotContain(run.Diagnostics, d => d.Id == "VTDSCHEMA000");
                Assert.All(run.Diagnostics, d => Assert.Equal(SchemaHarness.SchemaFullPath, d.Location.GetLineSpan().Path));
            }, iter: 300);
    }

    private static VtdDsl.TableColumns.ColumnKind ColumnKindOf(string kind) =>
        Enum.Parse<VtdDsl.TableColumns.ColumnKind>(kind, ignoreCase: true);

    private static INamedTypeSymbol Type(Compilation compilation, string name) =>
        compilation.GetTypeByMetadataName(name) ?? throw new Xunit.Sdk.XunitException($"No type {name}.");

    private static IEnumerable<string> PropertyNames(INamedTypeSymbol type) => type.GetMembers().OfType<IPropertySymbol>().Select(p => p.Name);

    private static IPropertySymbol Property(INamedTypeSymbol type, string name) => type.GetMembers(name).OfType<IPropertySymbol>().Single();

    private static string Summary(ISymbol symbol) =>
        System.Xml.Linq.XElement.Parse(symbol.GetDocumentationCommentXml()!).Element("summary")!.Value.Trim();
}
