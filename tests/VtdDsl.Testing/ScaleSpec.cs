using System.Collections.Generic;

namespace VtdDsl.Testing;

/// <summary>A generated spec: its <c>.vtd</c> text and what the text declares, for tests and probes.</summary>
public sealed class ScaleSpec
{
    internal ScaleSpec(ScaleSpecOptions options, string text, IReadOnlyList<ScaleDomain> domains,
        IReadOnlyList<ScaleDevice> devices, IReadOnlyList<ScaleInterrupt> interrupts)
    {
        Options = options;
        Text = text;
        Domains = domains;
        Devices = devices;
        Interrupts = interrupts;
    }

    public ScaleSpecOptions Options { get; }

    /// <summary>The <c>.vtd</c> text (LF line endings).</summary>
    public string Text { get; }

    /// <summary>Domains in declaration order (automatic ids: domain i has id i + 1).</summary>
    public IReadOnlyList<ScaleDomain> Domains { get; }

    /// <summary>Devices in declaration order (sorted by requester id).</summary>
    public IReadOnlyList<ScaleDevice> Devices { get; }

    /// <summary>Interrupts in declaration order (automatic indexes: interrupt i has index i).</summary>
    public IReadOnlyList<ScaleInterrupt> Interrupts { get; }

    /// <summary>The file name to use for the text, e.g. <c>Large.vtd</c>.</summary>
    public string FileName => Options.PolicyName.Substring(Options.PolicyName.LastIndexOf('.') + 1) + ".vtd";
}

/// <summary>A generated domain and its windows, sorted by DMA address.</summary>
public sealed record ScaleDomain(string Name, IReadOnlyList<ScaleWindow> Windows);

/// <summary>A generated <c>map</c> window: [Iova, Iova + Size) reaches [Host, Host + Size).</summary>
public readonly record struct ScaleWindow(ulong Iova, ulong Size, ulong Host, bool Writable)
{
    public ulong IovaLast => Iova + (Size - 1);
}

/// <summary>A generated device on segment 0.</summary>
public readonly record struct ScaleDevice(string Name, byte Bus, byte Device, byte Function, int Domain, bool Ats)
{
    /// <summary><c>bus &lt;&lt; 8 | device &lt;&lt; 3 | function</c>.</summary>
    public ushort RequesterId => (ushort)(Bus << 8 | Device << 3 | Function);
}

/// <summary>A generated interrupt of device number <see cref="Device"/> (its index in <see cref="ScaleSpec.Devices"/>).</summary>
public readonly record struct ScaleInterrupt(int Device, byte Vector, uint Cpu, bool Level, bool LowestPriority);
