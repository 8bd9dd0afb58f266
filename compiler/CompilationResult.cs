using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Compiler;

/// <summary>
/// What compiling one file gives: the bound policy (present whenever the file could be read,
/// even with errors, so reviewers and tools can still look at it), every diagnostic, and the
/// table layout (only when there are no errors).
/// </summary>
public sealed record CompilationResult(
    string FilePath,
    Policy? Policy,
    EquatableArray<Diagnostic> Diagnostics,
    int OmittedDiagnostics,
    PolicyLayout? Layout)
{
    /// <summary>What the bound policy means (reach, shared host memory, per-domain index); the checks filled it already, so reading it costs nothing more.</summary>
    public PolicyAnalysis? Analysis => Policy is null ? null : PolicyAnalysis.Of(Policy);

    /// <summary>An error was reported (or diagnostics were left out of a result with no layout).</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var diagnostic in Diagnostics)
            {
                if (diagnostic.IsError) return true;
            }
            return OmittedDiagnostics > 0 && Layout is null;
        }
    }
}
