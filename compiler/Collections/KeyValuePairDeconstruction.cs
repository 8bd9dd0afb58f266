namespace VtdDsl.Compiler;

/// <summary><c>foreach (var (key, value) in dictionary)</c> on netstandard2.0, which lacks <c>KeyValuePair.Deconstruct</c>.</summary>
internal static class KeyValuePairDeconstruction
{
    public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }
}
