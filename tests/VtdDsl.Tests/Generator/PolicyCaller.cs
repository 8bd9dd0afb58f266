namespace VtdDsl.Tests.Generator;

/// <summary>Calls a policy type loaded at run time through its static abstract interface members.</summary>
public interface IPolicyCaller
{
    string PolicyName { get; }
    IPolicyTables Tables { get; }
    DmaTranslation Translate(SourceId source, ulong address, DmaAccess access);
    DmaTranslation CheckTransfer(SourceId source, ulong address, ulong length, DmaAccess access);
    InterruptRemap RemapInterrupt(SourceId source, int index);
    PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access);

    /// <summary>Many calls in a loop, inside the generic code (no interface call per request): a checksum of the answers.</summary>
    ulong Hammer(SourceId source, ulong address, int interruptIndex, int count);
}

/// <summary>The generic side: <typeparamref name="TPolicy"/> is the generated type, no reflection per call.</summary>
public sealed class PolicyCaller<TPolicy, TTables> : IPolicyCaller
    where TPolicy : IVtdPolicy<TTables>, IVtdPasidPolicy
    where TTables : struct, IPolicyTables
{
    public string PolicyName => TPolicy.PolicyName;
    public IPolicyTables Tables => TPolicy.Tables;
    public DmaTranslation Translate(SourceId source, ulong address, DmaAccess access) => TPolicy.Translate(source, address, access);
    public DmaTranslation CheckTransfer(SourceId source, ulong address, ulong length, DmaAccess access) => TPolicy.CheckTransfer(source, address, length, access);
    public InterruptRemap RemapInterrupt(SourceId source, int index) => TPolicy.RemapInterrupt(source, index);
    public PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access) => TPolicy.TranslateWithPasid(source, pasid, address, access);

    public ulong Hammer(SourceId source, ulong address, int interruptIndex, int count)
    {
        ulong sum = 0;
        for (int i = 0; i < count; i++)
        {
            var translation = TPolicy.Translate(source, address + (ulong)(i & 0xFFF), DmaAccess.ReadWrite);
            sum += translation.HostAddress + (byte)translation.Fault;
            var remap = TPolicy.RemapInterrupt(source, interruptIndex);
            sum += (ulong)remap.Vector + (byte)remap.Fault;
        }
        return sum;
    }
}
