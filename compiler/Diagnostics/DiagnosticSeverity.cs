namespace VtdDsl.Compiler.Diagnostics;

/// <summary>How a diagnostic is reported. <see cref="Info"/> exists only through configuration
/// (<c>severity = suggestion</c>); the compiler itself reports warnings and errors.</summary>
public enum DiagnosticSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
