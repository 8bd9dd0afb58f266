using System;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Generator.Model;

/// <summary>
/// The tables of a policy with no domains and no devices: what the type of a spec with errors
/// answers from. Every DMA request faults as one from a device no domain binds, every
/// interrupt faults, so code built against a broken spec can never let anything through.
/// </summary>
internal static class EmptyPolicy
{
    private static readonly Lazy<PolicyLayout> EmptyLayout = new(Build);

    public static PolicyLayout Layout => EmptyLayout.Value;

    private static PolicyLayout Build() =>
        VtdCompiler.Compile("empty.vtd", "policy VtdDsl.EmptyPolicy;\n").Layout
        ?? throw new InvalidOperationException("The empty policy does not compile.");
}
