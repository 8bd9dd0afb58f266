namespace VtdDsl.Tests.Scalable;

/// <summary><see cref="ArrayPolicyTables.WithPasids"/> refuses inconsistent PASID arrays, naming the problem.</summary>
public sealed class PasidTablesValidationTests
{
    private static ArrayPolicyTables Tables => ScalableSpecs.SvmGpu.Tables;

    private static ArgumentException Refused(
        byte[]? bits = null, uint[]? owner = null, int[]? start = null, uint[]? value = null, ushort[]? target = null, byte[]? flags = null, ushort[]? processIds = null)
    {
        var t = Tables;
        return Assert.Throws<ArgumentException>(() => t.WithPasids(
            bits ?? t.UnitPasidBits.ToArray(), owner ?? t.PasidOwner.ToArray(), start ?? t.PasidOwnerStart.ToArray(), value ?? t.PasidValue.ToArray(),
            target ?? t.PasidTarget.ToArray(), flags ?? t.PasidFlags.ToArray(), processIds ?? t.ProcessDomainId.ToArray()));
    }

    [Fact]
    public void The_compiled_layout_is_valid() => Tables.Validate();

    [Fact]
    public void Shapes_and_references_are_checked()
    {
        var t = Tables;
        Assert.Contains("UnitPasidBits", Refused(bits: [20, 20]).Message);
        Assert.Contains("1 to 20 bits", Refused(bits: [21]).Message);
        Assert.Contains("not sorted", Refused(owner: [t.PasidOwner[1], t.PasidOwner[0]]).Message);
        Assert.Contains("PasidOwnerStart", Refused(start: [0, 4]).Message);
        var values = t.PasidValue.ToArray();
        values[0] = 0;
        Assert.Contains("RID_PASID", Refused(value: values).Message);
        values = t.PasidValue.ToArray();
        (values[0], values[1]) = (values[1], values[0]);
        Assert.Contains("not sorted", Refused(value: values).Message);
        var flags = t.PasidFlags.ToArray();
        flags[0] = 0x80;
        Assert.Contains("PasidFlags", Refused(flags: flags).Message);
        Assert.Contains("process", Refused(processIds: [2]).Message);
        var targets = t.PasidTarget.ToArray();
        targets[^1] = 9;
        Assert.Contains("domain 9", Refused(target: targets).Message);
        Assert.Contains("no unit", Refused(owner: [t.PasidOwner[0], 0x0001_0000]).Message);
    }
}
