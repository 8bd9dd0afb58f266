namespace VtdDsl.Compiler.Navigation;

/// <summary>The kinds of declared names; each kind has its own name space.</summary>
public enum NameKind : byte
{
    Unit,
    Memory,
    Protected,
    Process,
    Domain,
    Device,
}

/// <summary>How each kind is called in messages and hovers.</summary>
public static class NameKindExtensions
{
    /// <summary>The word a user reads: "domain", "iommu unit", ….</summary>
    public static string Describe(this NameKind kind) => kind switch
    {
        NameKind.Unit => "iommu unit",
        NameKind.Memory => "memory region",
        NameKind.Protected => "protected region",
        NameKind.Process => "process",
        NameKind.Domain => "domain",
        _ => "device",
    };
}
