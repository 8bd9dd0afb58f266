// The one statement of the packed-table format: how the generator writes a big table as text and
// how the runtime reads it back. Compiled into two assemblies: the runtime (net10.0, which decodes,
// runtime/Tables/PackedTable.cs) and the generator (netstandard2.0, which encodes,
// generator/Emit/PackedTableEncoder.cs), linked from generator/VtdDsl.Generator.csproj.
#if VTDDSL_RUNTIME
namespace VtdDsl;
#else
namespace VtdDsl.Generator.Emit;
#endif

/// <summary>
/// The text a big table is packed into, so that the C# compiler sees one string literal instead of
/// one literal per element.
/// </summary>
/// <remarks>
/// <para>
/// The text is a sequence of unsigned numbers, each in one to thirteen <see cref="Alphabet"/> digits,
/// least significant first: a digit carries 5 bits (its value &amp; 31) and, when its value has
/// <see cref="MoreDigits"/> set, another digit of the same number follows. Spaces and line breaks are
/// ignored (the generator breaks the text into lines).
/// </para>
/// <para>
/// Numbers: <see cref="Version"/>, the element size in bytes (1, 2, 4 or 8), the element count, the
/// stride (how many elements back the predicted value is: 1 for a column, the words per record for a
/// record table), then operations until count elements are produced. An operation's number is
/// <c>n &lt;&lt; 1 | kind</c> (n ≥ 1): kind <see cref="Literals"/> is followed by n deltas, kind
/// <see cref="Repeat"/> by one delta used n times. Element i is element i − stride (0 for the first
/// stride elements) plus its delta, modulo 2^(8 × size); a delta is zigzag-coded (0, −1, 1, −2, … as
/// 0, 1, 2, 3, …). Elements are their bit patterns, zero-extended. So long zero runs, repeated
/// values and evenly spaced values (a run of equal deltas) each cost one operation.
/// </para>
/// </remarks>
internal static class PackedTableFormat
{
    /// <summary>The first number of the text.</summary>
    public const int Version = 1;

    /// <summary>The 64 digits, by value (the base64 alphabet: nothing a C# string needs escaped).</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Bits of a number a digit carries.</summary>
    public const int BitsPerDigit = 5;

    /// <summary>Set in a digit's value when another digit of the same number follows.</summary>
    public const int MoreDigits = 1 << BitsPerDigit;

    /// <summary>Operation kind: n deltas follow.</summary>
    public const int Literals = 0;

    /// <summary>Operation kind: one delta follows, for n elements.</summary>
    public const int Repeat = 1;

    /// <summary>The largest stride a table may use (a record of 64 words).</summary>
    public const int MaxStride = 64;
}
