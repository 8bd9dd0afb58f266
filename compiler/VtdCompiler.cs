using System.Threading;
using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Checks;
using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler;

/// <summary>
/// The compiler core, the one front door for the generator, the CLI and the tests:
/// parse → bind → check → layout. It never throws at its host except to honour
/// cancellation: an internal failure is reported as VTD9999.
/// </summary>
public static class VtdCompiler
{
    public static CompilationResult Compile(string filePath, string text, CancellationToken cancellationToken = default) =>
        Compile(filePath, text, DiagnosticBag.DefaultLimit, cancellationToken);

    public static CompilationResult Compile(string filePath, string text, int diagnosticLimit, CancellationToken cancellationToken = default) =>
        Compile(filePath, text, diagnosticLimit, names: null, cancellationToken);

    /// <summary>
    /// Compiles one file for an editor: the compilation plus where every name is declared and
    /// referenced, as the binder resolved it.
    /// </summary>
    public static AnalyzedDocument Analyze(string filePath, string text, CancellationToken cancellationToken = default)
    {
        var names = new NameRecorder();
        var result = Compile(filePath, text, DiagnosticBag.DefaultLimit, names, cancellationToken);
        return new AnalyzedDocument(text, result, names.Build());
    }

    private static CompilationResult Compile(string filePath, string text, int diagnosticLimit, NameRecorder? names, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag(diagnosticLimit);
        Policy? policy = null;
        PolicyLayout? layout = null;
        try
        {
            var tree = SyntaxParser.Parse(filePath, text, diagnostics, cancellationToken);
            var context = new BindContext(filePath, diagnostics, cancellationToken, names);
            policy = Binder.Bind(tree, context);
            PolicyChecker.Check(policy, context);
            if (!diagnostics.HasErrors)
            {
                layout = LayoutBuilder.Build(policy, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(InternalError(filePath, exception));
            layout = null;
        }
        return new CompilationResult(filePath, policy, diagnostics.ToSortedArray(), diagnostics.Omitted, layout);
    }

    /// <summary>
    /// Compiles several files as one build does, adding VTD1007 where two files declare the
    /// same policy (the second file is reported, pointing back at the first).
    /// </summary>
    public static IReadOnlyList<CompilationResult> CompileAll(IEnumerable<(string FilePath, string Text)> files, CancellationToken cancellationToken = default)
    {
        var results = new List<CompilationResult>();
        foreach (var (path, text) in files)
        {
            results.Add(Compile(path, text, cancellationToken));
        }
        return ReportDuplicatePolicies(results);
    }

    /// <summary>The cross-file check of VTD1007 over results compiled separately (as the generator does).</summary>
    public static IReadOnlyList<CompilationResult> ReportDuplicatePolicies(IReadOnlyList<CompilationResult> results)
    {
        var first = new Dictionary<string, CompilationResult>(StringComparer.Ordinal);
        var output = new List<CompilationResult>(results.Count);
        foreach (var result in results)
        {
            if (result.Policy is not { FullName.Length: > 0 } policy)
            {
                output.Add(result);
                continue;
            }
            if (!first.TryGetValue(policy.FullName, out var earlier))
            {
                first.Add(policy.FullName, result);
                output.Add(result);
                continue;
            }
            var duplicate = Diagnostic.Create(
                DiagnosticDescriptors.PolicyInTwoFiles,
                policy.Locate(policy.NameSpan),
                earlier.Policy!.Locate(earlier.Policy.NameSpan),
                policy.FullName, earlier.FilePath);
            var diagnostics = new List<Diagnostic>(result.Diagnostics) { duplicate };
            output.Add(result with { Diagnostics = diagnostics.ToEquatableArray(), Layout = null });
        }
        return output;
    }

    public static Diagnostic InternalError(string filePath, Exception exception) =>
        Diagnostic.Create(DiagnosticDescriptors.InternalError, new SourceLocation(filePath, new SourceSpan(0, 0, 1, 1, 1, 1)),
            $"{exception.GetType().Name}: {exception.Message}");
}
