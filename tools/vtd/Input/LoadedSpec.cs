using VtdDsl.Compiler;
using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Model;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tool.Input;

/// <summary>
/// A valid spec a command works on: the bound policy and its layout, its text for the commands
/// that quote spec lines (map, HTML review and diff), and the runtime tables the PolicyEngine and
/// the image writer read (the same layout the generator emits), built when first asked for.
/// </summary>
internal sealed class LoadedSpec
{
    private readonly PolicyLayout _layout;
    private ArrayPolicyTables? _tables;

    private LoadedSpec(CompilationResult result, PolicyLayout layout, SpecLines lines)
    {
        Result = result;
        Policy = result.Policy!;
        _layout = layout;
        Lines = lines;
    }

    public CompilationResult Result { get; }
    public Policy Policy { get; }
    public SpecLines Lines { get; }
    public ArrayPolicyTables Tables => _tables ??= RuntimeTables.From(_layout);

    /// <summary>
    /// Reads (<c>-</c>: standard input, named <c>&lt;stdin&gt;</c> in everything shown, or
    /// <paramref name="stdinFileName"/> when given) and compiles the file; a spec with errors prints
    /// them to standard error and gives null (exit 1).
    /// </summary>
    public static LoadedSpec? Load(string path, CliContext context, string? stdinFileName = null)
    {
        string text = SpecFile.Read(path, context.In);
        string name = SpecFile.NameOf(path, stdinFileName);
        var result = VtdCompiler.Compile(name, text);
        if (result.HasErrors || result.Layout is null)
        {
            DiagnosticText.Write(context.Error, result);
            return null;
        }
        return new LoadedSpec(result, result.Layout, new SpecLines(name, text));
    }
}
