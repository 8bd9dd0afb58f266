using VtdDsl.Compiler;

namespace VtdDsl.Tests.Language;

/// <summary>Compiling inline sources and bundled specs in tests.</summary>
internal static class Compile
{
    public static CompilationResult Source(string text, string path = "test.vtd") => VtdCompiler.Compile(path, text);

    public static CompilationResult Spec(string relativePath) => VtdCompiler.Compile(relativePath, RepositoryPaths.ReadText(relativePath));

    /// <summary>The diagnostics as <c>ID@line:col</c>, in order.</summary>
    public static string[] Ids(this CompilationResult result) =>
        result.Diagnostics.Select(d => $"{d.Id}@{d.Location.Span.Line}:{d.Location.Span.Column}").ToArray();

    public static string[] IdsOnly(this CompilationResult result) => result.Diagnostics.Select(d => d.Id).ToArray();

    public static string Canonical(this CompilationResult result) =>
        string.Join("\n", result.Diagnostics.Select(d => d.ToString()));

    /// <summary>A valid policy around the given declarations.</summary>
    public static string Policy(string body) => "policy Test.Policy;\n" + body;
}
