using VtdDsl.Language.Collections;
using VtdDsl.Language.Diagnostics;

namespace VtdDsl.Generator.Model;

/// <summary>The diagnostics of one file, and how many the core left out past its cap.</summary>
internal sealed record FileDiagnostics(string FilePath, EquatableArray<Diagnostic> Items, int Omitted);
