using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Tests.Language;

/// <summary>Keywords are contextual: every keyword of the lexer can name a domain, a device, a process and a unit.</summary>
public sealed class ContextualKeywordTests
{
    public static TheoryData<string> Keywords()
    {
        var data = new TheoryData<string>();
        var vocabulary = VtdLexer.DefaultVocabulary;
        for (int type = 1; type <= VtdLexer.UNEXPECTED_CHAR; type++)
        {
            string? literal = vocabulary.GetLiteralName(type);
            if (literal is { Length: > 2 } && char.IsLetter(literal[1])) data.Add(literal.Trim('\''));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Keywords))]
    public void A_keyword_is_a_name_wherever_a_name_stands(string keyword)
    {
        var result = Compile.Source($$"""
            policy Test.{{keyword.Replace("-", "")}}Keyword;
            iommu {{keyword}} { scope all; mode scalable; }
            process {{keyword}};
            domain {{keyword}} { map 0x0 size 1GiB -> 0x1_0000_0000 read write; }
            device {{keyword}} 03:00.0 -> {{keyword}} { ats; pri; pasid 1 -> process {{keyword}}; }
            interrupt {{keyword}} vector 0x41 -> cpu 2;
            """);

        if (keyword.Contains('-'))
        {
            // Names never hold a dash: a dashed keyword where a name stands is said to be a keyword.
            Assert.Contains(result.Diagnostics, d => d.Id == "VTD0001" && d.Message.StartsWith($"Unexpected keyword `{keyword}`", System.StringComparison.Ordinal));
            return;
        }
        Assert.Empty(result.Diagnostics);
        Assert.Equal(keyword, Assert.Single(result.Policy!.Devices).Name);
        Assert.Equal(keyword, Assert.Single(result.Policy.Domains).Name);
        Assert.Equal(keyword, Assert.Single(result.Policy.Interrupts).DeviceName);
    }
}
