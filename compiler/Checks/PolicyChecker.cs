using VtdDsl.Compiler.Binding;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Compiler.Checks;

/// <summary>Runs every semantic check of LANGUAGE.md over a bound policy; all problems in one run.</summary>
internal static class PolicyChecker
{
    public static void Check(Policy policy, BindContext context)
    {
        var facts = new PolicyFacts(policy);
        DomainChecks.Run(policy, facts, context);
        WindowChecks.Run(policy, facts, context);
        SharedMemoryCheck.Run(policy, context);
        DeviceChecks.Run(policy, context);
        InterruptChecks.Run(policy, context);
        ScalableModeChecks.Run(policy, context);
        InterruptRangeChecks.Run(policy, facts, context);
        PlatformChecks.Run(policy, facts, context);
    }
}
