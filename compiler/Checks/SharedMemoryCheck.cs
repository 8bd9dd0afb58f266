using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>
/// VTD3008: host memory reachable from two domains, at least one with write, unless both
/// windows say <c>shared</c>. A pass-through domain reaches all host memory with read and
/// write, so it conflicts with every window of another domain. The conflicts come from the
/// policy's analysis (<see cref="SharedHostMemory"/>), the same the review sheet lists.
/// </summary>
internal static class SharedMemoryCheck
{
    public static void Run(Policy policy, PolicyAnalysis analysis, BindContext context)
    {
        foreach (var conflict in analysis.GetSharedMemory(context.CancellationToken).Conflicts)
        {
            var (earlier, later) = (conflict.Earlier, conflict.Later);
            context.Report(DiagnosticDescriptors.SharedWritableMemory, later.Span, earlier.Span,
                conflict.First, conflict.Last == ulong.MaxValue ? conflict.Last : conflict.Last + 1,
                policy.Domains[earlier.Domain].Name, policy.Domains[later.Domain].Name);
        }
    }
}
