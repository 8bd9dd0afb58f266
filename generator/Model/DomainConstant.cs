namespace VtdDsl.Generator.Model;

/// <summary>A <c>Domains.X</c> constant: the C# identifier, the name in the spec, the domain id and its line.</summary>
internal sealed record DomainConstant(string Identifier, string SpecName, ushort Id, int Line);
