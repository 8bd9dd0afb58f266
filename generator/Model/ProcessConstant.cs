namespace VtdDsl.Generator.Model;

/// <summary>
/// A <c>Processes.X</c> constant: the C# identifier, the name in the spec, the process number (what
/// <c>DmarImage.BindProcess</c> and <c>PasidTranslation.Process</c> use), its domain id and its line.
/// </summary>
internal sealed record ProcessConstant(string Identifier, string SpecName, int Number, ushort DomainId, int Line);
