using VtdDsl.Compiler.Writing;

namespace VtdDsl.Tests.Language;

/// <summary>Writing a bound policy back as .vtd text keeps its meaning, and writing is a fixpoint.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Specs() => new(RepositoryPaths.ValidSpecs());

    [Theory]
    [MemberData(nameof(Specs))]
    public void Written_spec_compiles_to_the_same_tables(string path)
    {
        var original = Compile.Spec(path);
        string written = PolicyWriter.Write(original.Policy!);
        var reparsed = Compile.Source(written, path);

        Assert.DoesNotContain(reparsed.Diagnostics, d => d.IsError);
        Assert.Equal(original.Layout, reparsed.Layout);
        Assert.Equal(written, PolicyWriter.Write(reparsed.Policy!));
    }

    [Theory]
    [InlineData(0x1000UL, "4KiB")]
    [InlineData(0x1800UL, "6KiB")]
    [InlineData(3UL << 30, "3GiB")]
    [InlineData(0x1234UL, "0x1234")]
    [InlineData(1UL << 40, "1TiB")]
    public void Sizes_are_written_in_the_largest_exact_unit(ulong bytes, string text) =>
        Assert.Equal(text, PolicyWriter.Size(bytes));
}
