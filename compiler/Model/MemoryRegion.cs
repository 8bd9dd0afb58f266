namespace VtdDsl.Compiler.Model;

/// <summary>A host memory range: declared by <c>memory</c> or protected by <c>protect</c>.</summary>
public sealed record MemoryRegion(string Name, ulong Base, ulong Size, SourceSpan NameSpan, SourceSpan Span)
{
    /// <summary>Last byte (inclusive), saturating at 2^64 − 1 for a region that would overflow.</summary>
    public ulong Last => Size == 0 ? Base : (Base > ulong.MaxValue - (Size - 1) ? ulong.MaxValue : Base + (Size - 1));
}
