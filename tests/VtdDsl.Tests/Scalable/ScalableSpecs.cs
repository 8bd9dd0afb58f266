using VtdDsl.Tool.Input;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Model;
using VtdDsl.Tests.Language;

namespace VtdDsl.Tests.Scalable;

/// <summary>Compiled scalable-mode policies for the tests: the bound model, the layout and the runtime tables with PASID data.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(CompilationResult result)
    {
        if (result.Layout is null)
            throw new InvalidOperationException("The policy does not compile:\n" + result.Canonical());
        Policy = result.Policy!;
        Layout = result.Layout;
        Tables = RuntimeTables.From(result.Layout);
    }

    public Policy Policy { get; }
    public PolicyLayout Layout { get; }
    public ArrayPolicyTables Tables { get; }

    public int Process(string name) => Policy.Processes.ToList().FindIndex(p => p.Name == name);

    public int Domain(string name) => Policy.Domains.ToList().FindIndex(d => d.Name == name);

    public static CompiledPolicy Spec(string path) => new(Compile.Spec(path));

    public static CompiledPolicy Source(string text) => new(Compile.Source(text));
}

internal static class ScalableSpecs
{
    public const ulong Base = 0x7F00_0000;

    public static readonly SourceId Gpu = SourceId.Parse("00:02.0");
    public static readonly SourceId Dsa = SourceId.Parse("6a:01.0");
    public static readonly SourceId VmANic = SourceId.Parse("03:10.0");
    public static readonly SourceId VmBNic = SourceId.Parse("03:10.1");

    private static readonly Lazy<CompiledPolicy> SvmGpuPolicy = new(() => CompiledPolicy.Spec("specs/svm-gpu.vtd"));

    /// <summary>specs/svm-gpu.vtd: host (id 1), vm_a (10), vm_b (11); processes render (id 2), compute (id 3).</summary>
    public static CompiledPolicy SvmGpu => SvmGpuPolicy.Value;
}
