namespace VtdDsl.Generator.Model;

/// <summary>The pipeline value of one file: its diagnostics and, without errors, what to emit.</summary>
internal sealed record PolicyModel(FileDiagnostics Diagnostics, PolicySource? Source);
