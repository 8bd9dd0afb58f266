using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace VtdDsl.Tests.Cli;

/// <summary>
/// <c>vtd check --format sarif</c> through the Microsoft SARIF validator, the one GitHub's code
/// scanning documentation points to: its JSON schema check, its SARIF rules and its GitHub
/// (<c>Ghas</c>) rules, which are code scanning's ingestion requirements. The validator comes
/// from npm (<c>tests/sarif-validator</c>, installed by <c>.ci/run</c>); without it these tests
/// report themselves as skipped.
/// </summary>
public sealed class SarifValidatorTests
{
    private static readonly string ValidatorFolder = Path.Combine(RepositoryPaths.Root, "tests", "sarif-validator");
    private static readonly string Validator = Path.Combine(ValidatorFolder, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

    /// <summary>A clash (related locations), a warning and plain errors; on the command line as absolute paths (<c>file:</c> URIs), the named standard input relative.</summary>
    private static readonly string[] Specs = { "specs/invalid/VTD1001.vtd", "specs/invalid/VTD2007.vtd", "specs/invalid/VTD3005.vtd", "specs/invalid/VTD4001.vtd", "specs/two-vm.vtd" };

    [SkippableFact]
    public void Sarif_of_files_passes_the_schema_and_github_code_scanning_rules()
    {
        var run = CliRun.Run(new[] { "check", "--format", "sarif" }.Concat(Specs.Select(RepositoryPaths.Full)).ToArray());
        Assert.True(run.ExitCode == 1, run.ToString());

        Assert.Empty(Validate(run.Out));
    }

    [SkippableFact]
    public void Sarif_of_named_standard_input_passes_the_schema_and_github_code_scanning_rules()
    {
        var run = CliRun.WithInput(RepositoryPaths.ReadText(Specs[0]), new[] { "check", "--format", "sarif", "--stdin-filename", Specs[0], "-" }.Concat(Specs.Skip(1).Select(RepositoryPaths.Full)).ToArray());
        Assert.True(run.ExitCode == 1, run.ToString());

        Assert.Empty(Validate(run.Out));
    }

    /// <summary>Why <c>--stdin-filename</c> exists: schema-valid SARIF that code scanning still refuses.</summary>
    [SkippableFact]
    public void Sarif_of_unnamed_standard_input_is_valid_but_fails_only_github_s_uri_requirement()
    {
        var run = CliRun.WithInput(RepositoryPaths.ReadText(Specs[0]), new[] { "check", "--format", "sarif", "-" }.Concat(Specs.Skip(1).Select(RepositoryPaths.Full)).ToArray());
        Assert.True(run.ExitCode == 1, run.ToString());

        var problems = Validate(run.Out);

        // The clash on standard input: its location and its related location, nothing else.
        Assert.Equal(new[]
        {
            "GH1017 Error_MissingArtifactLocationUri runs[0].results[0].locations[0].physicalLocation.artifactLocation (GitHub Advanced Security)",
            "GH1017 Error_MissingArtifactLocationUri runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation (GitHub Advanced Security)",
        }, problems);
    }

    /// <summary>The validator's errors and warnings for <paramref name="sarif"/>, as "RULE MESSAGE-ID pointer (arguments)".</summary>
    private static List<string> Validate(string sarif)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new SkipException("the SARIF validator from npm is run here only on Linux x64");
        }
        Skip.IfNot(File.Exists(Validator), $"the SARIF validator is not installed: run `npm ci` in {ValidatorFolder} (.ci/run does)");
        Skip.If((File.GetUnixFileMode(Validator) & UnixFileMode.UserExecute) == 0, $"{Validator} is not executable (npm ran without its install script): chmod u+x it (.ci/run does)");

        using var files = new CliRun();
        string input = files.File("vtd.sarif", sarif);
        string output = files.Missing("validation.sarif");
        var start = new ProcessStartInfo(Validator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "validate", input, "--rule-kind", "Ghas;Sarif", "--output", output }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var console = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the SARIF validator did not finish within 2 minutes");
        string transcript = $"exit {process.ExitCode}\n{console.Result}\n{errors.Result}";
        Assert.True(process.ExitCode == 0 && File.Exists(output), "the SARIF validator failed to run: " + transcript);

        using var log = JsonDocument.Parse(File.ReadAllText(output));
        var run = log.RootElement.GetProperty("runs")[0];
        if (run.TryGetProperty("invocations", out var invocations))
        {
            foreach (var invocation in invocations.EnumerateArray())
            {
                // A log it could not read is a notification, not a result: fail on it, never pass.
                Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean(), "the SARIF validator did not complete: " + invocation);
            }
        }
        var problems = new List<string>();
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            string level = result.TryGetProperty("level", out var value) ? value.GetString()! : "warning";
            if (level is "error" or "warning")
            {
                var message = result.GetProperty("message");
                var arguments = message.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ToList();
                problems.Add($"{result.GetProperty("ruleId").GetString()} {message.GetProperty("id").GetString()} {arguments[0]} ({string.Join(", ", arguments.Skip(1))})");
            }
        }
        return problems;
    }
}
