using System.Reflection;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Tests.Scalable;

/// <summary>
/// The contract the generator relies on: <see cref="IPasidTables"/> has exactly the PASID arrays of
/// <see cref="PolicyLayout"/>, with the same names and element types, and the shared bit values agree.
/// </summary>
public sealed class PasidContractTests
{
    [Fact]
    public void Every_IPasidTables_member_is_a_PolicyLayout_array_of_the_same_name_and_element_type()
    {
        var members = typeof(IPasidTables).GetProperties();
        Assert.Equal(
            new[] { "PasidFlags", "PasidOwner", "PasidOwnerStart", "PasidTarget", "PasidValue", "ProcessDomainId", "UnitPasidBits" },
            members.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());
        foreach (var member in members)
        {
            var layout = typeof(PolicyLayout).GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance);
            Assert.NotNull(layout);
            Assert.Equal(typeof(ReadOnlySpan<>), member.PropertyType.GetGenericTypeDefinition());
            Assert.Equal(layout!.PropertyType.GetGenericArguments()[0], member.PropertyType.GetGenericArguments()[0]);
        }
    }

    [Fact]
    public void Copying_keeps_the_PASID_arrays()
    {
        var tables = ScalableSpecs.SvmGpu.Tables;
        var copy = ArrayPolicyTables.CopyWithPasidsFrom(tables);
        Assert.True(copy.HasPasids);
        Assert.True(copy.PasidValue.SequenceEqual(tables.PasidValue));
        Assert.True(copy.ProcessDomainId.SequenceEqual(tables.ProcessDomainId));
        Assert.False(ArrayPolicyTables.CopyFrom(tables).HasPasids);
        Assert.Equal(1, default(ArrayPolicyTables).PasidOwnerStart.Length);
    }
}
