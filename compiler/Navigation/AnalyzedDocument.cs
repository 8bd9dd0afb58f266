namespace VtdDsl.Compiler.Navigation;

/// <summary>One file as an editor sees it: its text, its compilation and its names.</summary>
public sealed record AnalyzedDocument(string Text, CompilationResult Compilation, NameIndex Names);
