namespace VtdDsl.Tests.Language;

/// <summary>One run reports every problem: syntax errors do not hide the semantic ones elsewhere.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public void A_syntax_error_does_not_hide_semantic_errors_elsewhere()
    {
        var result = Compile.Source("""
            policy Test.Recovery;
            domain vm1 {
                map 0x0 size 2GiB -> 0x1_0000_0000 read write
                map 0x1000 size 4KiB -> 0x2_0000_0000 read;
            }
            domain vm2 { map 0x0 size 1GiB -> 0x3_0000_0000 read write; map 0x1000 size 4KiB -> 0x4_0000_0000 read; }
            device nic 03:00.0 -> vm1;
            device vf 03:00.1 -> vm2;
            device bad 03:00.2 -> nowhere;
            interrupt nic vector 0x05 -> cpu 1;
            """);

        Assert.Equal(new[] { "VTD0006@3:50", "VTD3005@6:61", "VTD1002@9:23", "VTD5001@10:22" }, result.Ids());
        Assert.Null(result.Layout);
    }

    [Fact]
    public void Errors_inside_one_declaration_keep_the_declared_name()
    {
        var result = Compile.Source("""
            policy Test.Recovery;
            domain vm1 { map 0x0 size -> 0x1000 read; }
            device nic 03:00.0 -> vm1;
            """);

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Equal("VTD0001", d.Id));
    }

    [Fact]
    public void Unknown_characters_and_unterminated_comments_are_syntax_errors()
    {
        var result = Compile.Source("policy Test.X;\ndomain d { } @\n/* never closed\ndomain e { }");

        Assert.Equal(new[] { "VTD0001@2:14", "VTD0012@3:1" }, result.Ids().Where(id => id.StartsWith("VTD00")).ToArray());
        Assert.Equal("Unterminated comment: `/*` has no matching `*/`", result.Diagnostics.Single(d => d.Id == "VTD0012").Message);
    }

    [Fact]
    public void Ten_thousand_comment_openers_are_one_comment()
    {
        var result = Compile.Source("policy Test.X;\n" + string.Concat(Enumerable.Repeat("/* ", 10_000)) + "*/\ndomain d { }\ndevice 00:01.0 -> d;");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_flood_of_errors_is_capped_with_a_count_of_the_rest()
    {
        string body = string.Concat(Enumerable.Repeat("domain ; ", 5000));
        var result = Compile.Source("policy Test.X;\n" + body);

        Assert.Equal(1000, result.Diagnostics.Count);
        Assert.True(result.OmittedDiagnostics > 0);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Policy_missing_is_VTD1004_repeated_VTD1005_and_duplicated_across_files_VTD1007()
    {
        Assert.Equal(new[] { "VTD1004@1:1" }, Compile.Source("domain d { }\ndevice 00:01.0 -> d;").Ids());
        Assert.Equal(new[] { "VTD1005@2:8" }, Compile.Source("policy A.B;\npolicy A.C;\ndomain d { }\ndevice 00:01.0 -> d;").Ids());

        var results = VtdDsl.Compiler.VtdCompiler.CompileAll(new[]
        {
            ("one.vtd", "policy Same.Name;\ndomain d { }\ndevice 00:01.0 -> d;"),
            ("two.vtd", "policy Same.Name;\ndomain d { }\ndevice 00:01.0 -> d;"),
        });

        Assert.Empty(results[0].Diagnostics);
        var duplicate = Assert.Single(results[1].Diagnostics);
        Assert.Equal(("VTD1007", "two.vtd", "one.vtd"), (duplicate.Id, duplicate.Location.FilePath, duplicate.RelatedLocations[0].FilePath));
        Assert.Null(results[1].Layout);
    }

    [Fact]
    public void Clashing_declarations_point_at_each_other()
    {
        var result = Compile.Source(Compile.Policy("""
            domain vm { map 0x0 size 8KiB -> 0x10000 read; }
            domain vm { }
            device 00:01.0 -> vm;
            """));

        var duplicate = Assert.Single(result.Diagnostics);
        Assert.Equal(("VTD1001", 3, 8), (duplicate.Id, duplicate.Location.Span.Line, duplicate.Location.Span.Column));
        Assert.Equal((2, 8), (duplicate.RelatedLocations[0].Span.Line, duplicate.RelatedLocations[0].Span.Column));
        Assert.Equal("Domain 'vm' is already declared at line 2", duplicate.Message);
    }

    [Theory]
    [InlineData("Contoso.Domains")]
    [InlineData("Devices")]
    [InlineData("A.B.PolicyTables")]
    public void A_policy_name_that_would_clash_with_a_generated_member_is_VTD1006(string name)
    {
        var result = Compile.Source($"policy {name};\ndomain d {{ }}\ndevice 00:01.0 -> d;");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("VTD1006", diagnostic.Id);
        Assert.Contains("member of its own name", diagnostic.Message);
        Assert.Null(result.Layout);
    }
}
