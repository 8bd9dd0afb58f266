using VtdDsl.Compiler;
using VtdDsl.Compiler.Text;
using VtdDsl.Compiler.Reports.Map;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd map FILE [-o OUT] [--domain NAME]</c>: the host memory map of a valid policy as one
/// SVG; with <c>--domain</c>, that domain's DMA address space beside host memory.
/// </summary>
internal static class MapCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.PolicyFile("The .vtd file to draw.");
        var output = CommonOptions.Output("SVG file");
        var domain = new Option<string>("--domain") { Description = "Draw this domain's DMA addresses beside host memory, each window a band from its DMA range to its host range." };
        var stdinFileName = CommonOptions.StdinFileName();
        var command = new Command("map", "Draw the policy as an SVG memory map: which domain reaches which host memory, with which rights.") { file, output, domain, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(domain), parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string path, string? outputPath, string? domainName, string? stdinFileName)
    {
        SpecFile.CheckStdinFileName(stdinFileName, "FILE is not", path);
        var spec = LoadedSpec.Load(path, context, stdinFileName);
        if (spec is null) return ExitCodes.SpecErrors;
        var layout = domainName is null
            ? HostMapBuilder.Build(spec.Policy, spec.Lines)
            : DomainMapBuilder.Build(spec.Policy, spec.Lines, DomainIndex(spec.Result, domainName));
        OutputFile.Write(context, outputPath, SvgMapWriter.ToSvg(layout));
        return ExitCodes.Success;
    }

    /// <summary>The index of the named domain; an unknown name is a usage error with the closest name as a suggestion.</summary>
    public static int DomainIndex(CompilationResult result, string name)
    {
        var policy = result.Policy!;
        var names = new List<string>();
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            if (policy.Domains[d].Name == name) return d;
            names.Add(policy.Domains[d].Name);
        }
        names.Sort(string.CompareOrdinal);
        string? closest = Suggestions.Closest(name, names, ignoreCase: true);
        throw new UsageException(
            $"--domain {name}: {result.FilePath} has no domain '{name}'" +
            (closest is not null ? $"; did you mean '{closest}'?" : "") +
            $" (its domains: {(names.Count == 0 ? "none" : string.Join(", ", names))})");
    }
}
