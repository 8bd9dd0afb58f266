using System.Text;

namespace VtdDsl.Tests.Language;

/// <summary>VTD2014: more domains than 16-bit domain ids, which no small spec file can show.</summary>
public sealed class DomainIdTests
{
    [Fact]
    public void The_65536th_domain_gets_no_id()
    {
        var text = new StringBuilder("policy Test.ManyDomains;\n");
        for (int i = 0; i < 65536; i++) text.Append("domain d").Append(i).Append(";\n");

        var result = VtdDsl.Compiler.VtdCompiler.Compile("many.vtd", text.ToString(), diagnosticLimit: 200_000);

        var exhausted = Assert.Single(result.Diagnostics, d => d.Id == "VTD2014");
        Assert.Equal("Domain 'd65535' gets no id: the policy needs 65536 domain ids, but ids run from 1 to 65535", exhausted.Message);
        Assert.Equal(65537, exhausted.Location.Span.Line);
    }
}
