namespace VtdDsl.Compiler.Model;

/// <summary>An application address space reached by shared virtual memory; it takes a domain id of its own.</summary>
public sealed record Process(string Name, SourceSpan NameSpan, ushort DomainId);
