namespace VtdDsl.Compiler.Model;

/// <summary>
/// The bound, immutable model of one <c>.vtd</c> file: every reference resolved, every default
/// applied, every automatic id and index assigned. Equatable by value.
/// </summary>
public sealed record Policy(
    string FilePath,
    string FullName,
    SourceSpan NameSpan,
    EquatableArray<IommuUnit> Units,
    EquatableArray<MemoryRegion> Memory,
    EquatableArray<MemoryRegion> Protected,
    EquatableArray<Domain> Domains,
    EquatableArray<Device> Devices,
    EquatableArray<Interrupt> Interrupts,
    EquatableArray<Process> Processes,
    EquatableArray<ReservedRegion> Reserved,
    EquatableArray<DeviceGroup> Groups)
{
    /// <summary>The generated type's namespace: the dotted name without its last part.</summary>
    public string Namespace => FullName.LastIndexOf('.') is var dot and > 0 ? FullName.Substring(0, dot) : string.Empty;

    /// <summary>The generated type's name: the last part of the dotted name.</summary>
    public string TypeName => FullName.Substring(FullName.LastIndexOf('.') + 1);

    public SourceLocation Locate(SourceSpan span) => new(FilePath, span);
}
