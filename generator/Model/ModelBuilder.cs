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
        if (result.Policy is not { FullName.Length: > 0 } policy)
        {
            return new PolicyModel(diagnostics, null);
        }
        bool surfaceOnly = result.Layout is null || result.HasErrors;
        if (result.Layout is not { } layout || result.HasErrors)
        {
            // A spec with errors still gives its type, so user code binds and the build shows
            // the VTD errors only: the constants that are known, over the tables of an empty
            // policy (every request faults as from a device no domain binds).
            if (!CanEmitSurface(result))
            {
                return new PolicyModel(diagnostics, null);
            }
            layout = EmptyPolicy.Layout;
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
            surfaceOnly ? EquatableArray<string>.Empty : DomainOrigins(policy),
            !surfaceOnly && layout.WindowCount <= Emit.TableWriter.ReadableRowLimit ? WindowOrigins(policy) : EquatableArray<string>.Empty,
            surfaceOnly ? HasScalableUnit(policy) : HasPasids(layout),
            options.TablesInImage);
        return new PolicyModel(diagnostics, source);
    }

    /// <summary>
    /// Not when the type itself would be wrong: its name clashes with a member (VTD1006), another
    /// file owns the name (VTD1007), or a part of the name is no C# identifier.
    /// </summary>
    private static bool CanEmitSurface(CompilationResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Id is "VTD1006" or "VTD1007" or "VTD9999") return false;
        }
        return result.Policy!.FullName.IndexOf('-') < 0;
    }

    private static EquatableArray<string> DomainOrigins(Policy policy)
    {
        var origins = new string[policy.Domains.Count];
        for (int d = 0; d < origins.Length; d++)
        {
            origins[d] = "domain " + policy.Domains[d].Name + ", line " + policy.Domains[d].Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new EquatableArray<string>(origins);
    }

    /// <summary>Each window's declaration, in the layout's order (a domain's windows sorted by DMA address, as LayoutBuilder sorts them).</summary>
    private static EquatableArray<string> WindowOrigins(Policy policy)
    {
        var origins = new List<string>();
        foreach (var domain in policy.Domains)
        {
            var windows = domain.Windows.ToArray();
            System.Array.Sort(windows, (a, b) => a.Iova.CompareTo(b.Iova));
            foreach (var window in windows)
            {
                origins.Add((window.IsIdentity ? "identity" : "map") + " in " + domain.Name + ", line " + window.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return new EquatableArray<string>(origins.ToArray());
    }

    /// <summary>Whether the spec declares a unit in scalable mode: its type then has the PASID members, also when it has errors.</summary>
    private static bool HasScalableUnit(Policy policy)
    {
        foreach (var unit in policy.Units)
        {
            if (unit.Mode == TranslationMode.Scalable) return true;
        }
        return false;
    }

    /// <summary>Whether some unit is in scalable mode (it has a PASID width).</summary>
    private static bool HasPasids(VtdDsl.Compiler.Layout.PolicyLayout layout)
    {
        foreach (byte bits in layout.UnitPasidBits)
        {
            if (bits != 0) return true;
        }
        return false;
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
        names.Claim("DeviceTable"); // the struct holding them when there are many (Policy.sbn)
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
