namespace VtdDsl.Generator.Model;

/// <summary>The build settings the generated code depends on.</summary>
/// <param name="ProjectDirectory">The project directory (<c>build_property.projectdir</c>): spec paths in comments are relative to it.</param>
/// <param name="TablesInImage">
/// Whether multi-byte tables are emitted as spans over constant data in the assembly image: true
/// when the build optimizes (<c>build_property.optimize</c>, made visible by build/VtdDsl.props).
/// The C# compiler stores constant arrays of multi-byte primitives in the assembly image only in an
/// optimized build; otherwise <c>new ulong[] { ... }</c> as a span allocates on every access. So an
/// unoptimized (Debug) build gets those tables as static readonly arrays, created once at type
/// initialization and never per call. Unknown counts as optimized.
/// </param>
internal sealed record EmitOptions(string? ProjectDirectory, bool TablesInImage)
{
    public static EmitOptions From(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.projectdir", out var directory);
        bool tablesInImage = !options.TryGetValue("build_property.optimize", out var optimize)
            || !string.Equals(optimize, "false", System.StringComparison.OrdinalIgnoreCase);
        return new EmitOptions(directory, tablesInImage);
    }
}
