using System;

namespace VtdDsl.Testing;

/// <summary>
/// How big a generated spec is, and its seed. Same options, same text: the generator draws every
/// choice from <c>new System.Random(Seed)</c> in a fixed order.
/// </summary>
public sealed record ScaleSpecOptions
{
    /// <summary>The most PCI functions one segment has (256 buses × 32 devices × 8 functions).</summary>
    public const int MaxDevices = 65_536;

    /// <summary>Domain ids are 1 to 65535 (id 0 is reserved).</summary>
    public const int MaxDomains = 65_535;

    /// <summary>The largest interrupt-remapping table.</summary>
    public const int MaxInterrupts = 65_536;

    /// <summary>A limit that keeps generated text (about 60 bytes a window) well below 2 GiB.</summary>
    public const int MaxWindows = 10_000_000;

    /// <summary>Seed of the <see cref="Random"/> every choice is drawn from.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The dotted name written after <c>policy</c> (the generated type's namespace and name).</summary>
    public string PolicyName { get; init; } = "VtdDsl.Scale.Generated";

    /// <summary>PCI functions, all on segment 0, scattered over the 256 buses.</summary>
    public int Devices { get; init; }

    /// <summary>Domains; each gets at least one device when there are enough devices (else VTD2007 warnings).</summary>
    public int Domains { get; init; }

    /// <summary>DMA windows, spread over the domains (each domain gets one before any gets two).</summary>
    public int Windows { get; init; }

    /// <summary>Interrupt-remapping entries (automatic indexes), for randomly chosen devices.</summary>
    public int Interrupts { get; init; }

    /// <summary>Declare a protected hypervisor region (which no window targets).</summary>
    public bool ProtectedMemory { get; init; } = true;

    /// <summary>About 1,000 windows.</summary>
    public static ScaleSpecOptions Small { get; } = new()
    {
        PolicyName = "VtdDsl.Scale.Small", Windows = 1_000, Devices = 512, Domains = 64, Interrupts = 128,
    };

    /// <summary>About 10,000 windows.</summary>
    public static ScaleSpecOptions Medium { get; } = new()
    {
        PolicyName = "VtdDsl.Scale.Medium", Windows = 10_000, Devices = 4_096, Domains = 512, Interrupts = 1_000,
    };

    /// <summary>100,000 windows, every function of segment 0, 4,096 domains, 10,000 interrupts.</summary>
    public static ScaleSpecOptions Large { get; } = new()
    {
        PolicyName = "VtdDsl.Scale.Large", Windows = 100_000, Devices = 65_536, Domains = 4_096, Interrupts = 10_000,
    };

    /// <summary>A preset by name (<c>Small</c>, <c>Medium</c>, <c>Large</c>; case-insensitive).</summary>
    public static ScaleSpecOptions Preset(string name) => name.ToLowerInvariant() switch
    {
        "small" => Small,
        "medium" => Medium,
        "large" => Large,
        _ => throw new ArgumentException($"Unknown preset '{name}': use Small, Medium or Large.", nameof(name)),
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a count is out of range.</summary>
    public void Validate()
    {
        Check(Devices, 0, MaxDevices, nameof(Devices));
        Check(Domains, 0, MaxDomains, nameof(Domains));
        Check(Windows, 0, MaxWindows, nameof(Windows));
        Check(Interrupts, 0, MaxInterrupts, nameof(Interrupts));
        if (Domains == 0 && (Devices > 0 || Windows > 0))
            throw new ArgumentOutOfRangeException(nameof(Domains), Domains, "Devices and windows need at least one domain.");
        if (Interrupts > 0 && Devices == 0)
            throw new ArgumentOutOfRangeException(nameof(Interrupts), Interrupts, "Interrupts need at least one device.");
        if (string.IsNullOrWhiteSpace(PolicyName))
            throw new ArgumentException("A policy needs a name.", nameof(PolicyName));
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {min} to {max}.");
    }
}
