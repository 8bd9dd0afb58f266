namespace VtdDsl.Compiler.Binding;

/// <summary>
/// Hands out automatic domain ids: the lowest id >= 1 that no domain claims explicitly and no
/// earlier automatic domain took. Returns 0 (never a valid id) once all 65535 are gone.
/// </summary>
internal sealed class DomainIdPool
{
    private readonly HashSet<ushort> _taken = new();
    private int _next = 1;

    public DomainIdPool(IEnumerable<ushort?> explicitIds)
    {
        foreach (var id in explicitIds)
        {
            if (id is { } value) _taken.Add(value);
        }
    }

    public ushort Next()
    {
        while (_next <= ushort.MaxValue && _taken.Contains((ushort)_next)) _next++;
        if (_next > ushort.MaxValue) return 0;
        return (ushort)_next++;
    }
}
