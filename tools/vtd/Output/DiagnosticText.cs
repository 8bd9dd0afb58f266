using VtdDsl.Compiler;

namespace VtdDsl.Tool.Output;

/// <summary>Diagnostics in the compiler's canonical form, with the count of those left out.</summary>
internal static class DiagnosticText
{
    public static void Write(TextWriter output, CompilationResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }
        if (result.OmittedDiagnostics > 0)
        {
            output.WriteLine($"{result.FilePath}: {result.OmittedDiagnostics} more not shown");
        }
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
