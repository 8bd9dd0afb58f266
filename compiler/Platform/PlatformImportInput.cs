namespace VtdDsl.Compiler.Platform;

/// <summary>What <c>vtd import</c> reads: the DMAR table and, optionally, what the running machine adds to it.</summary>
public sealed class PlatformImportInput
{
    public PlatformImportInput(byte[] dmar) => Dmar = dmar;

    /// <summary>The bytes of <c>/sys/firmware/acpi/tables/DMAR</c>.</summary>
    public byte[] Dmar { get; }

    /// <summary>The output of <c>lspci -t -D</c>: the buses behind bridges that multi-hop and sub-hierarchy scopes need.</summary>
    public string? Lspci { get; set; }

    /// <summary>Kernel log lines <c>DMAR: dmarN: reg_base_addr … cap … ecap …</c>.</summary>
    public string? Dmesg { get; set; }

    /// <summary>CAP_REG values by unit name (<c>dmar0</c>), from <c>/sys/class/iommu/UNIT/intel-iommu/cap</c>.</summary>
    public Dictionary<string, ulong> Cap { get; } = new();

    /// <summary>ECAP_REG values by unit name.</summary>
    public Dictionary<string, ulong> Ecap { get; } = new();

    /// <summary>The content of <c>/proc/iomem</c>.</summary>
    public string? Iomem { get; set; }

    /// <summary>The output of <c>find /sys/kernel/iommu_groups -type l</c>.</summary>
    public string? Groups { get; set; }
}

/// <summary>The starter spec, the notes for standard error (unresolved scope entries, unknown units), or the error that refused the input.</summary>
public sealed record PlatformImportResult(string? Spec, IReadOnlyList<string> Notes, string? Error)
{
    public bool Succeeded => Error is null;
}
