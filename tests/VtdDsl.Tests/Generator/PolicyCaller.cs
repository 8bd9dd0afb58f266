using System;

namespace VtdDsl.Tests.Generator;

/// <summary>Calls a policy type loaded at run time through its static abstract interface members.</summary>
public interface IPolicyCaller
{
    string PolicyName { get; }
    IPolicyTables Tables { get; }
    DmaTranslation Translate(SourceId source, ulong address, DmaAccess access);
    void TranslateMany(ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations);
    DmaTranslation CheckTransfer(SourceId source, ulong address, ulong length, DmaAccess access);
    InterruptRemap RemapInterrupt(SourceId source, int index);

    /// <summary>The PASID members, or null for a policy without them (no unit in scalable mode).</summary>
    IPasidCaller? Pasids { get; }

    /// <summary>Many calls in a loop, inside the generic code (no interface call per request): a checksum of the answers.</summary>
    ulong Hammer(SourceId source, ulong address, int interruptIndex, int count);

    /// <summary>Many batches of <paramref name="requests"/> in a loop, inside the generic code: a checksum of the answers.</summary>
    ulong HammerMany(DmaRequest[] requests, DmaTranslation[] translations, int count);
}

/// <summary>The PASID members of a policy type loaded at run time.</summary>
public interface IPasidCaller
{
    PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access);
}

/// <summary>The generic side: <typeparamref name="TPolicy"/> is the generated type, no reflection per call.</summary>
public sealed class PolicyCaller<TPolicy, TTables> : IPolicyCaller
    where TPolicy : IVtdPolicy<TTables>
    where TTables : struct, IPolicyTables
{
    public PolicyCaller(IPasidCaller? pasids) => Pasids = pasids;

    public string PolicyName => TPolicy.PolicyName;
    public IPolicyTables Tables => TPolicy.Tables;
    public IPasidCaller? Pasids { get; }
    public DmaTranslation Translate(SourceId source, ulong address, DmaAccess access) => TPolicy.Translate(source, address, access);
    public void TranslateMany(ReadOnlySpan<DmaRequest> requests, Span<DmaTranslation> translations) => TPolicy.TranslateMany(requests, translations);
    public DmaTranslation CheckTransfer(SourceId source, ulong address, ulong length, DmaAccess access) => TPolicy.CheckTransfer(source, address, length, access);
    public InterruptRemap RemapInterrupt(SourceId source, int index) => TPolicy.RemapInterrupt(source, index);

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

    public ulong HammerMany(DmaRequest[] requests, DmaTranslation[] translations, int count)
    {
        ulong sum = 0;
        for (int i = 0; i < count; i++)
        {
            TPolicy.TranslateMany(requests, translations);
            sum += translations[i % translations.Length].HostAddress + (byte)translations[i % translations.Length].Fault;
        }
        return sum;
    }
}

/// <summary>The PASID side of a generated type that has it.</summary>
public sealed class PasidCaller<TPolicy> : IPasidCaller where TPolicy : IVtdPasidPolicy
{
    public PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access) => TPolicy.TranslateWithPasid(source, pasid, address, access);
}
