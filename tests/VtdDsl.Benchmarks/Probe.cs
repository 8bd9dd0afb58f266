using System.Runtime.InteropServices;

namespace VtdDsl.Benchmarks;

/// <summary>One DMA request of a benchmark stream.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Probe(SourceId Source, ulong Address, DmaAccess Access);

/// <summary>What the translators are asked in a benchmark.</summary>
public enum Scenario
{
    /// <summary>Bound devices, addresses inside one of their domain's windows, with rights the window grants.</summary>
    Hits,

    /// <summary>Bound devices, addresses in no window of their domain (between windows or past the last), below the domain's width.</summary>
    Misses,

    /// <summary>Source ids no device is bound to (on a bus with bound devices, on an unused bus, or on a segment no unit serves).</summary>
    Unbound,

    /// <summary>70 % hits, 20 % misses, 10 % unbound, interleaved at random.</summary>
    Mixed,
}

/// <summary>Folds answers into a checksum the JIT cannot drop.</summary>
public static class Answer
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Fold(in DmaTranslation answer) => answer.HostAddress + (ulong)answer.Fault + answer.DomainId;
}
