namespace VtdDsl.Generator.Model;

/// <summary>One <c>.vtd</c> AdditionalFile: its path and text (null when it could not be read).</summary>
internal readonly record struct VtdFile(string Path, string? Text);
