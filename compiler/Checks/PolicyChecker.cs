using VtdDsl.Compiler.Analysis;
using VtdDsl.Compiler.Binding;

namespace VtdDsl.Compiler.Checks;

/// <summary>Runs every semantic check of LANGUAGE.md over a bound policy; all problems in one run.</summary>
internal static class PolicyChecker
{
    public static void Check(Policy policy, BindContext context)
    {
        var analysis = PolicyAnalysis.Of(policy);
        DomainChecks.Run(policy, analysis.Index, context);
        WindowChecks.Run(policy, context);
        SharedMemoryCheck.Run(policy, analysis, context);
        DeviceChecks.Run(policy, context);
        InterruptChecks.Run(policy, context);
        ScalableModeChecks.Run(policy, context);
        InterruptRangeChecks.Run(policy, analysis.Index, context);
        PlatformChecks.Run(policy, analysis.Index, context);
    }
}
