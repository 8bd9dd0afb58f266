namespace VtdDsl.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Warning = 1,
    Error = 2,
}
