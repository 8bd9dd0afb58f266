using System.Collections;

namespace VtdDsl.Compiler.Collections;

/// <summary>
/// An immutable array with value equality, so that model records compare by content: the
/// incremental generator relies on it to cache pipeline steps.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static readonly EquatableArray<T> Empty = new(Array.Empty<T>());

    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items;

    public int Count => _items?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    public bool Equals(EquatableArray<T> other)
    {
        var mine = _items ?? Array.Empty<T>();
        var theirs = other._items ?? Array.Empty<T>();
        if (ReferenceEquals(mine, theirs)) return true;
        if (mine.Length != theirs.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < mine.Length; i++)
        {
            if (!comparer.Equals(mine[i], theirs[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            int hash = 17;
            foreach (var item in _items ?? Array.Empty<T>())
            {
                hash = hash * 31 + (item is null ? 0 : item.GetHashCode());
            }
            return hash;
        }
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public T[] ToArray() => _items is null ? Array.Empty<T>() : (T[])_items.Clone();

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T> =>
        new(new List<T>(items).ToArray());

    public static EquatableArray<T> Create<T>(params T[] items) where T : IEquatable<T> => new(items);
}
