using VtdDsl.Compiler;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tool.Input;

/// <summary>A valid spec with its text, for the commands that quote spec lines (map, HTML review and diff).</summary>
internal sealed class LoadedSpec
{
    private LoadedSpec(CompilationResult result, SpecLines lines)
    {
        Result = result;
        Policy = result.Policy!;
        Lines = lines;
    }

    public CompilationResult Result { get; }
    public Policy Policy { get; }
    public SpecLines Lines { get; }

    /// <summary>Reads (<c>-</c>: all of <paramref name="standardInput"/>) and compiles the file; a spec with errors prints them to <paramref name="error"/> and gives null (exit 1).</summary>
    public static LoadedSpec? Load(string path, TextReader standardInput, TextWriter error)
    {
        string text = SpecFile.Read(path, standardInput);
        var result = VtdCompiler.Compile(path, text);
        if (result.HasErrors || result.Policy is null)
        {
            DiagnosticText.Write(error, result);
            return null;
        }
        return new LoadedSpec(result, new SpecLines(path, text));
    }
}
