using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace VtdDsl.Tests.Generator;

/// <summary>
/// Generated code compiled by Roslyn and loaded into a collectible load context (VtdDsl.Runtime
/// comes from the tests' own context, so the interfaces are shared).
/// </summary>
public sealed class GeneratedAssembly : IDisposable
{
    private readonly LoadContext _context;

    private GeneratedAssembly(LoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits the compilation (generated sources included); fails the test on any error.</summary>
    public static GeneratedAssembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(emitted.Success && errors.Length == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", errors));
        image.Position = 0;
        var context = new LoadContext();
        return new GeneratedAssembly(context, context.LoadFromStream(image));
    }

    /// <summary>A caller for the generated policy type named <paramref name="fullName"/>.</summary>
    public IPolicyCaller Policy(string fullName)
    {
        var type = Assembly.GetType(fullName, throwOnError: true)!;
        var tables = type.GetNestedType("PolicyTables")!;
        var pasids = typeof(IVtdPasidPolicy).IsAssignableFrom(type)
            ? (IPasidCaller)Activator.CreateInstance(typeof(PasidCaller<>).MakeGenericType(type))!
            : null;
        return (IPolicyCaller)Activator.CreateInstance(typeof(PolicyCaller<,>).MakeGenericType(type, tables), pasids)!;
    }

    public void Dispose() => _context.Unload();

    private sealed class LoadContext : AssemblyLoadContext
    {
        public LoadContext()
            : base("generated", isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName) => null; // VtdDsl.Runtime and the BCL from the default context
    }
}
