using VtdDsl.Compiler;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Configuration;
using VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd check FILE...</c>: every diagnostic of every file with the severities a build gives them
/// (the <c>.globalconfig</c> files from each file's folder up, or <c>--config FILE</c>;
/// <c>--warnaserror</c>), then a count; <c>--format sarif</c> for CI annotations. An unreadable
/// file is reported and the others are still checked (exit 2 at the end). <c>--stdin-filename</c>
/// names the file a spec on standard input stands for (its diagnostics, SARIF URI and severities).
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "The .vtd files to check (- for standard input).", Arity = ArgumentArity.OneOrMore };
        var format = CommonOptions.Format("Output format: text (default) or sarif.", "text", "sarif");
        var config = new Option<string>("--config") { Description = "A .globalconfig to take severities from, instead of those found from each file's folder up." };
        var warnAsError = new Option<bool>("--warnaserror") { Description = "Report every warning as an error (as the build's TreatWarningsAsErrors)." };
        var stdinFileName = CommonOptions.StdinFileName("The path of the file the spec on standard input (-) is, relative to the repository root for CI: used in diagnostics, as the SARIF URI and for .globalconfig lookup.");
        var command = new Command("check", "Check policies and report every diagnostic.") { files, format, config, warnAsError, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(files)!, parse.GetValue(format)!, parse.GetValue(config), parse.GetValue(warnAsError), parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string format, string? configPath, bool warnAsError, string? stdinFileName)
    {
        SpecFile.RefuseStandardInputTwice(paths);
        SpecFile.CheckStdinFileName(stdinFileName, "no FILE is", paths);
        var explicitConfiguration = configPath is null ? null : LoadConfiguration(configPath);
        var sources = new List<(string, string)>();
        var unnamedStandardInput = new List<bool>();
        bool unreadable = false;
        foreach (var path in paths)
        {
            try
            {
                bool standardInput = path == SpecFile.StandardInput;
                sources.Add((SpecFile.NameOf(path, stdinFileName), SpecFile.Read(path, context.In)));
                unnamedStandardInput.Add(standardInput && stdinFileName is null);
            }
            catch (UsageException problem)
            {
                context.Error.WriteLine($"vtd: {problem.Message}");
                unreadable = true;
            }
        }
        var results = new List<CompilationResult>();
        var compiled = VtdCompiler.CompileAll(sources);
        for (int i = 0; i < compiled.Count; i++)
        {
            var configuration = explicitConfiguration ?? Configuration(context, compiled[i].FilePath, unnamedStandardInput[i]);
            results.Add(Configure(compiled[i], configuration, warnAsError));
        }
        int errors = 0, warnings = 0, omitted = 0;
        bool failed = false;
        foreach (var result in results)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                if (diagnostic.IsError) errors++;
                else if (diagnostic.Severity == DiagnosticSeverity.Warning) warnings++;
            }
            omitted += result.OmittedDiagnostics;
            failed |= result.HasErrors;
        }
        if (format == "sarif")
        {
            bool withoutUri = unnamedStandardInput.Contains(true);
            if (withoutUri)
            {
                // GitHub code scanning requires artifactLocation.uri on every location and refuses
                // results without one (docs/reviewing.md, "A spec read from standard input").
                context.Error.WriteLine($"vtd: warning: SARIF gives {SpecFile.StandardInputName} no artifactLocation.uri, which GitHub code scanning requires; name its file with --stdin-filename PATH");
            }
            SarifWriter.Write(context.Out, results, withoutUri ? SpecFile.StandardInputName : null);
        }
        else if (results.Count > 0)
        {
            foreach (var result in results)
            {
                DiagnosticText.Write(context.Out, result);
            }
            string more = omitted > 0 ? $", {omitted} more not shown" : string.Empty;
            string skipped = results.Count < paths.Length ? $" ({DiagnosticText.Count(paths.Length - results.Count, "file")} unreadable)" : string.Empty;
            context.Out.WriteLine($"{DiagnosticText.Count(results.Count, "file")} checked{skipped}: {DiagnosticText.Count(errors, "error")}, {DiagnosticText.Count(warnings, "warning")}{more}");
        }
        return unreadable ? ExitCodes.Usage : failed ? ExitCodes.SpecErrors : ExitCodes.Success;
    }

    private static SeverityConfiguration LoadConfiguration(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--config {path}: no such file");
        }
        try
        {
            return SeverityConfiguration.Load(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--config {path}: cannot be read: {exception.Message}");
        }
    }

    /// <summary>The configuration the build would see for the file (standard input: the current folder's).</summary>
    private static SeverityConfiguration Configuration(CliContext context, string path, bool fromStandardInput)
    {
        var configuration = SeverityConfiguration.ForFile(fromStandardInput ? Path.Combine(Directory.GetCurrentDirectory(), "stdin.vtd") : path);
        foreach (string problem in configuration.Problems)
        {
            context.Error.WriteLine($"vtd: warning: {problem}");
        }
        return configuration;
    }

    private static CompilationResult Configure(CompilationResult result, SeverityConfiguration configuration, bool warnAsError)
    {
        var configured = new List<Diagnostic>();
        foreach (var diagnostic in configuration.Apply(result.Diagnostics))
        {
            configured.Add(warnAsError && diagnostic.Severity == DiagnosticSeverity.Warning ? diagnostic with { Severity = DiagnosticSeverity.Error } : diagnostic);
        }
        return result with { Diagnostics = configured.ToEquatableArray() };
    }
}
