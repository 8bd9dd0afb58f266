namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// Collects diagnostics up to a cap, so that a hostile file with a million errors costs
/// bounded memory; the number left out is kept for a final "N more not shown" line.
/// </summary>
public sealed class DiagnosticBag
{
    public const int DefaultLimit = 1000;

    private readonly List<Diagnostic> _items = new();
    private readonly int _limit;

    public DiagnosticBag(int limit = DefaultLimit) => _limit = limit;

    public int Omitted { get; private set; }

    public bool HasErrors { get; private set; }

    public bool IsFull => _items.Count >= _limit;

    public void Add(Diagnostic diagnostic)
    {
        HasErrors |= diagnostic.IsError;
        if (_items.Count < _limit)
        {
            _items.Add(diagnostic);
        }
        else
        {
            Omitted++;
        }
    }

    /// <summary>Sorted by file, position and id, so output is stable.</summary>
    public EquatableArray<Diagnostic> ToSortedArray()
    {
        var sorted = _items.ToArray();
        System.Array.Sort(sorted, (a, b) =>
        {
            int byLocation = a.Location.CompareTo(b.Location);
            if (byLocation != 0) return byLocation;
            int byId = string.CompareOrdinal(a.Id, b.Id);
            return byId != 0 ? byId : string.CompareOrdinal(a.Message, b.Message);
        });
        return new EquatableArray<Diagnostic>(sorted);
    }
}
