using VtdDsl.Compiler.Text;

namespace VtdDsl.Generator.Model;

/// <summary>A file's claim on a policy name: the first file (in project order) to claim a name owns it.</summary>
internal sealed record PolicyClaim(string PolicyName, string FilePath, SourceSpan NameSpan);
