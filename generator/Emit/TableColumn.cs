namespace VtdDsl.Generator.Emit;

/// <summary>One span property of the generated tables struct, its array pre-formatted as C#.</summary>
/// <param name="ElementType">The C# keyword of the element type (<c>ushort</c>).</param>
/// <param name="Name">The <c>IPolicyTables</c> member name.</param>
/// <param name="Count">Number of elements.</param>
/// <param name="Body">The expression after <c>=&gt;</c>: <c>default</c> when empty, else an array creation or a static array.</param>
/// <param name="StaticInitializer">For a table kept in a static array, the array creation that initializes it; else null.</param>
internal sealed class TableColumn
{
    public TableColumn(string elementType, string name, int count, string body, string? staticInitializer = null)
    {
        ElementType = elementType;
        Name = name;
        Count = count;
        Body = body;
        StaticInitializer = staticInitializer;
    }

    public string? StaticInitializer { get; }

    public string ElementType { get; }
    public string Name { get; }
    public int Count { get; }
    public string Body { get; }
}
