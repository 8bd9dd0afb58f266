using System.Collections.Generic;
using System.Threading;
using VtdDsl.Generator.Naming;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Generator.Model;

/// <summary>Turns a compilation result into the generator's equatable model.</summary>
internal static class ModelBuilder
{
    public static PolicyModel Build(CompilationResult result, EmitOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new FileDiagnostics(result.FilePath, result.Diagnostics, result.OmittedDiagnostics);
        if (result.Layout is not { } layout || result.HasErrors || result.Policy is not { FullName.Length: > 0 } policy)
        {
            return new PolicyModel(diagnostics, null);
        }

        string displayPath = PathDisplay.Relative(result.FilePath, options.ProjectDirectory);
        var source = new PolicySource(
            result.FilePath,
            displayPath,
            policy.FullName + ".g.cs",
            policy.FullName,
            IdentifierNames.EscapeDotted(policy.Namespace),
            IdentifierNames.EscapeKeyword(policy.TypeName),
            DomainConstants(policy, cancellationToken),
            DeviceConstants(policy, cancellationToken),
            ProcessConstants(policy, cancellationToken),
            layout,
            options.TablesInImage);
        return new PolicyModel(diagnostics, source);
    }

    private static EquatableArray<DomainConstant> DomainConstants(Policy policy, CancellationToken cancellationToken)
    {
        var names = new UniqueNames("Domains");
        var constants = new List<DomainConstant>(policy.Domains.Count);
        foreach (var domain in policy.Domains)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string identifier = names.Claim(IdentifierNames.ToPascalCase(domain.Name));
            constants.Add(new DomainConstant(identifier, domain.Name, domain.Id, domain.Span.Line));
        }
        return new EquatableArray<DomainConstant>(constants.ToArray());
    }

    private static EquatableArray<ProcessConstant> ProcessConstants(Policy policy, CancellationToken cancellationToken)
    {
        var names = new UniqueNames("Processes");
        var constants = new ProcessConstant[policy.Processes.Count];
        for (int i = 0; i < constants.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var process = policy.Processes[i];
            string identifier = names.Claim(IdentifierNames.ToPascalCase(process.Name));
            constants[i] = new ProcessConstant(identifier, process.Name, i, process.DomainId, process.NameSpan.Line);
        }
        return new EquatableArray<ProcessConstant>(constants);
    }

    private static EquatableArray<DeviceConstant> DeviceConstants(Policy policy, CancellationToken cancellationToken)
    {
        var names = new UniqueNames("Devices");
        var constants = new List<DeviceConstant>(policy.Devices.Count);
        foreach (var device in policy.Devices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (device.Name is not { } name) continue; // anonymous devices get no constant
            string identifier = names.Claim(IdentifierNames.ToPascalCase(name));
            var source = device.Source;
            constants.Add(new DeviceConstant(
                identifier, name, source.Segment, source.Bus, source.Device, source.Function,
                device.Via?.ToString(), device.DomainName, device.Span.Line));
        }
        return new EquatableArray<DeviceConstant>(constants.ToArray());
    }
}
