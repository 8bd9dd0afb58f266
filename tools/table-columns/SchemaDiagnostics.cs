using Microsoft.CodeAnalysis;

namespace VtdDsl.TableColumns;

/// <summary>What the schema generator reports. A bad schema is an error in the build, never a crash.</summary>
internal static class SchemaDiagnostics
{
    private const string Category = "VtdDsl.TableColumns";

    public static readonly DiagnosticDescriptor InternalError = new(
        "VTDSCHEMA000", "The table column generator failed",
        "The table column generator failed: {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MalformedLine = new(
        "VTDSCHEMA001", "Malformed table column schema line",
        "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownWord = new(
        "VTDSCHEMA002", "Unknown type, kind or hint in the table column schema",
        "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Duplicate = new(
        "VTDSCHEMA003", "A column or interface declared twice in the table column schema",
        "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoSchema = new(
        "VTDSCHEMA004", "No table column schema",
        "TableColumnsOutput is '{0}' but {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownOutput = new(
        "VTDSCHEMA005", "Unknown table column output",
        "TableColumnsOutput names '{0}'; known outputs are Layout, Runtime and TableWriter", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}

/// <summary>A problem on one line of the schema (1-based line and column, length in characters).</summary>
internal sealed class SchemaProblem
{
    public SchemaProblem(DiagnosticDescriptor descriptor, int line, int column, int length, string message)
    {
        Descriptor = descriptor;
        Line = line;
        Column = column;
        Length = length;
        Message = message;
    }

    public DiagnosticDescriptor Descriptor { get; }
    public int Line { get; }
    public int Column { get; }
    public int Length { get; }
    public string Message { get; }

    public override string ToString() => $"({Line},{Column}): {Descriptor.Id}: {Message}";
}
