using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Generator.Model;

/// <summary>The diagnostics of one file, and how many the core left out past its cap.</summary>
internal sealed record FileDiagnostics(string FilePath, EquatableArray<Diagnostic> Items, int Omitted);
