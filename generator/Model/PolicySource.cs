using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Generator.Model;

/// <summary>
/// Everything the emitter needs for one policy, equatable by value: names, constants and the
/// flat table layout. Present only for a file that compiled without errors.
/// </summary>
/// <param name="FilePath">The spec's path as the build gave it (for diagnostics only, never emitted).</param>
/// <param name="DisplayPath">The spec's path relative to the project (emitted in comments).</param>
/// <param name="Namespace">The C# namespace (keywords escaped), empty for the global namespace.</param>
/// <param name="TypeName">The C# type name (keywords escaped).</param>
/// <param name="DomainOrigins">Per domain (layout order): its declaration and spec line, for the table rows' comments.</param>
/// <param name="WindowOrigins">Per window (layout order: by domain, then DMA address), for readable rows only (else empty).</param>
/// <param name="HasPasids">Some unit is in scalable mode: the policy gets its PASID members (<c>IVtdPasidPolicy</c>, <c>IPasidTables</c>).</param>
/// <param name="TablesInImage">Multi-byte tables as spans over constant data (optimized builds) rather than static arrays; see <see cref="EmitOptions"/>.</param>
internal sealed record PolicySource(
    string FilePath,
    string DisplayPath,
    string HintName,
    string PolicyName,
    string Namespace,
    string TypeName,
    EquatableArray<DomainConstant> Domains,
    EquatableArray<DeviceConstant> Devices,
    EquatableArray<ProcessConstant> Processes,
    PolicyLayout Layout,
    EquatableArray<string> DomainOrigins,
    EquatableArray<string> WindowOrigins,
    bool HasPasids,
    bool TablesInImage);
