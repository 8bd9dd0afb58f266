using VtdDsl.Compiler;
using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Tool.Input;

/// <summary>
/// A spec compiled for a query command: the bound policy, its layout, and the runtime tables the
/// PolicyEngine and the image writer read (the same layout the generator emits).
/// </summary>
internal sealed class CompiledSpec
{
    private CompiledSpec(CompilationResult result, PolicyLayout layout)
    {
        Result = result;
        Policy = result.Policy!;
        Layout = layout;
        Tables = RuntimeTables.From(layout);
    }

    public CompilationResult Result { get; }
    public Policy Policy { get; }
    public PolicyLayout Layout { get; }
    public ArrayPolicyTables Tables { get; }

    /// <summary>Compiles the file (<c>-</c>: standard input); a spec with errors prints them to the error writer and gives null (exit 1).</summary>
    public static CompiledSpec? Load(string path, CliContext context)
    {
        var result = SpecFile.Compile(path, context.In);
        if (result.Layout is null)
        {
            DiagnosticText.Write(context.Error, result);
            return null;
        }
        return new CompiledSpec(result, result.Layout);
    }
}
