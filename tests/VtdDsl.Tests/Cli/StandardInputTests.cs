using System.Text.Json;
using System.Xml.Linq;

namespace VtdDsl.Tests.Cli;

/// <summary>
/// A spec read from standard input (<c>-</c>) is named <c>&lt;stdin&gt;</c> wherever a user sees
/// it, by every command that reads one: diagnostics, messages, SARIF, review sheets, diffs, maps.
/// </summary>
public sealed class StandardInputTests
{
    private static readonly string TwoVm = RepositoryPaths.Full("specs/two-vm.vtd");
    private static readonly string Valid = File.ReadAllText(TwoVm);
    private static readonly string Invalid = RepositoryPaths.ReadText("specs/invalid/VTD1001.vtd");
    private const string InvalidDiagnostic = "<stdin>(10,8): error VTD1001: Device 'nic' is already declared at line 9";

    [Fact]
    public void Check_names_standard_input_in_diagnostics()
    {
        var run = CliRun.WithInput(Invalid, "check", "-");

        Assert.Equal((1, $"{InvalidDiagnostic}\n1 file checked: 1 error, 0 warnings\n", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public void A_file_declaring_the_policy_standard_input_declared_names_it()
    {
        var run = CliRun.WithInput(Valid, "check", "-", TwoVm);

        Assert.Equal(1, run.ExitCode);
        var duplicate = Assert.Single(run.OutLines, line => line.Contains("VTD1007", StringComparison.Ordinal));
        Assert.StartsWith(TwoVm + "(", duplicate);
        Assert.Contains("<stdin>", duplicate);
    }

    [Fact]
    public void Sarif_describes_standard_input_instead_of_giving_it_a_uri()
    {
        // A relative "uri" would name a file in the checkout; SARIF 2.1.0 lets an artifact
        // without a URI be described instead (artifactLocation.description).
        var run = CliRun.WithInput(Invalid, "check", "--format", "sarif", "-", RepositoryPaths.Full("specs/invalid/VTD4001.vtd"));
        using var sarif = JsonDocument.Parse(run.Out);

        Assert.Equal(1, run.ExitCode);
        // GitHub code scanning refuses a location without a URI: the run says how to give one.
        Assert.Equal("vtd: warning: SARIF gives <stdin> no artifactLocation.uri, which GitHub code scanning requires; name its file with --stdin-filename PATH\n", run.Error);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var fromStandardInput = results.Single(r => r.GetProperty("ruleId").GetString() == "VTD1001");
        foreach (var location in new[] { fromStandardInput.GetProperty("locations")[0], fromStandardInput.GetProperty("relatedLocations")[0] })
        {
            var artifact = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.False(artifact.TryGetProperty("uri", out _), artifact.ToString());
            Assert.Equal("<stdin>", artifact.GetProperty("description").GetProperty("text").GetString());
            Assert.Equal(10 - (location.TryGetProperty("id", out _) ? 1 : 0), location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        }
        var fromFile = results.First(r => r.GetProperty("ruleId").GetString() == "VTD4001");
        var fileArtifact = fromFile.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.EndsWith("specs/invalid/VTD4001.vtd", fileArtifact.GetProperty("uri").GetString());
        Assert.False(fileArtifact.TryGetProperty("description", out _));
    }

    [Fact]
    public void Sarif_gives_standard_input_the_uri_stdin_filename_names()
    {
        var run = CliRun.WithInput(Invalid, "check", "--format", "sarif", "--stdin-filename", "specs/my policy.vtd", "-", RepositoryPaths.Full("specs/invalid/VTD4001.vtd"));
        using var sarif = JsonDocument.Parse(run.Out);

        Assert.Equal((1, ""), (run.ExitCode, run.Error));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var fromStandardInput = results.Single(r => r.GetProperty("ruleId").GetString() == "VTD1001");
        var locations = new[] { fromStandardInput.GetProperty("locations")[0], fromStandardInput.GetProperty("relatedLocations")[0] };
        Assert.Equal(new[] { 10, 9 }, locations.Select(l => l.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()));
        foreach (var location in locations)
        {
            var artifact = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.Equal(new[] { "uri" }, artifact.EnumerateObject().Select(p => p.Name));
            Assert.Equal("specs/my%20policy.vtd", artifact.GetProperty("uri").GetString());
        }
        Assert.All(results.Where(r => r.GetProperty("ruleId").GetString() == "VTD4001"), r =>
            Assert.EndsWith("specs/invalid/VTD4001.vtd", r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
    }

    [Fact]
    public void Stdin_filename_names_standard_input_in_diagnostics_and_finds_its_globalconfig()
    {
        using var files = new CliRun();
        string named = files.Missing("unused.vtd"); // only named: the spec comes from standard input
        files.File(".globalconfig", "is_global = true\ndotnet_diagnostic.VTD2007.severity = error\n");

        var run = CliRun.WithInput(RepositoryPaths.ReadText("specs/invalid/VTD2007.vtd"), "check", "--stdin-filename", named, "-");

        Assert.Equal((1, $"{named}(9,8): error VTD2007: Domain 'vm2' has no devices\n1 file checked: 1 error, 0 warnings\n", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Theory]
    [InlineData("--stdin-filename names the spec read from standard input, but no FILE is - (standard input)", "x.vtd", "specs/two-vm.vtd")]
    [InlineData("--stdin-filename: the path is empty", " ", "-")]
    public void Stdin_filename_needs_standard_input_and_a_path(string message, string name, string file)
    {
        var run = CliRun.WithInput(Valid, "check", "--stdin-filename", name, file == "-" ? file : RepositoryPaths.Full(file));

        run.AssertRefused(message);
    }

    /// <summary>Every command that compiles a spec takes <c>--stdin-filename</c>, and shows that name instead of <c>&lt;stdin&gt;</c>.</summary>
    [Theory]
    [MemberData(nameof(CommandsCompilingASpec))]
    public void Every_command_reading_a_spec_shows_the_name_stdin_filename_gives(string[] commandLine)
    {
        const string Name = "HEAD:specs/vtd-1001.vtd";
        var run = CliRun.WithInput(Invalid, commandLine.Concat(new[] { "--stdin-filename", Name }).ToArray());

        Assert.Contains($"{Name}(10,8): error VTD1001: ", run.Out + run.Error);
        Assert.DoesNotContain("<stdin>", run.Out + run.Error);
    }

    [Fact]
    public void Format_shows_the_name_stdin_filename_gives()
    {
        string unformatted = Valid.Replace("domain vm1 {", "domain   vm1 {", StringComparison.Ordinal);
        var check = CliRun.WithInput(unformatted, "format", "--check", "-", "--stdin-filename", "specs/two-vm.vtd");
        Assert.Equal((1, "specs/two-vm.vtd: not formatted\n"), (check.ExitCode, check.Out));
    }

    [Theory]
    [InlineData("--stdin-filename names the spec read from standard input, but FILE is not - (standard input)", "review", "@")]
    [InlineData("--stdin-filename names the spec read from standard input, but FILE is not - (standard input)", "translate", "@", "03:00.0", "0x1000", "read")]
    [InlineData("--stdin-filename names the spec read from standard input, but neither OLD nor NEW is - (standard input)", "diff", "@", "@")]
    [InlineData("--stdin-filename names the spec read from standard input, but no FILE is - (standard input)", "format", "--check", "@")]
    public void Stdin_filename_without_a_spec_on_standard_input_is_refused(string message, params string[] args)
    {
        var run = CliRun.Run(args.Select(arg => arg == "@" ? TwoVm : arg).Concat(new[] { "--stdin-filename", "x.vtd" }).ToArray());

        run.AssertRefused($"vtd {args[0]}: {message}");
    }

    [Fact]
    public void Review_and_diff_show_the_name_stdin_filename_gives()
    {
        Assert.Contains("Source: HEAD:specs/two-vm.vtd · ", CliRun.WithInput(Valid, "review", "--stdin-filename", "HEAD:specs/two-vm.vtd", "-").Out);
        var diff = CliRun.WithInput(Valid, "diff", "--stdin-filename", "HEAD:specs/two-vm.vtd", "-", TwoVm);
        Assert.StartsWith($"vtd diff HEAD:specs/two-vm.vtd -> {TwoVm}\n", diff.Out);
    }

    [Theory]
    [InlineData("translate", "03:00.0", "0x1000", "read")]
    [InlineData("interrupt", "03:00.0", "0")]
    [InlineData("review")]
    [InlineData("map")]
    [InlineData("image", "--base", "0x7f000000", "-o", "unused.bin")]
    public void Commands_that_need_a_valid_spec_name_standard_input_in_its_errors(params string[] args)
    {
        var run = CliRun.WithInput(Invalid, new[] { args[0], "-" }.Concat(args.Skip(1)).ToArray());

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal(InvalidDiagnostic + "\n", run.Error);
    }

    [Fact]
    public void Review_sheets_name_standard_input_as_their_source()
    {
        Assert.Contains("Source: <stdin> · ", CliRun.WithInput(Valid, "review", "-").Out);
        Assert.Contains("Source: <stdin> · ", CliRun.WithInput(Valid, "review", "--format", "text", "-").Out);
        string html = CliRun.WithInput(Valid, "review", "--format", "html", "-").Out;
        Assert.Contains("Source: &lt;stdin&gt;", html);
        Assert.DoesNotContain("Source: -", html);
    }

    [Fact]
    public void Diff_names_standard_input_as_either_version()
    {
        string sriov = RepositoryPaths.Full("specs/sriov-host.vtd");

        var asOld = CliRun.WithInput(Valid, "diff", "-", sriov);
        Assert.StartsWith($"vtd diff <stdin> -> {sriov}\n", asOld.Out);
        var asNew = CliRun.WithInput(Valid, "diff", sriov, "-");
        Assert.StartsWith($"vtd diff {sriov} -> <stdin>\n", asNew.Out);
        string html = CliRun.WithInput(Valid, "diff", "--format", "html", "-", sriov).Out;
        Assert.Contains($"&lt;stdin&gt; → {sriov}", html);
        Assert.Contains("<title>vtd diff &lt;stdin&gt; -&gt; ", html);
    }

    [Fact]
    public void Diff_names_standard_input_when_it_has_errors()
    {
        var run = CliRun.WithInput(Invalid, "diff", "-", TwoVm);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{InvalidDiagnostic}\nvtd: <stdin>: has errors; fix them before comparing\n", run.Error);
    }

    [Fact]
    public void Map_names_standard_input_in_its_subtitle_and_messages()
    {
        var svg = XDocument.Parse(CliRun.WithInput(Valid, "map", "-").Out);
        Assert.Contains(svg.Descendants().Select(e => e.Value), text => text.StartsWith("<stdin> · ", StringComparison.Ordinal));

        var unknown = CliRun.WithInput(Valid, "map", "-", "--domain", "vm3");
        unknown.AssertRefused("vtd map: --domain vm3: <stdin> has no domain 'vm3'");
    }

    [Fact]
    public void Translate_names_standard_input_queries_in_their_errors()
    {
        var run = CliRun.WithInput("03:00.0 0x1000 read\n03:00.0 0x1000\n", "translate", TwoVm, "--queries", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("allowed", run.Out);
        Assert.Equal("vtd translate: <stdin>(2): expected 'SID ADDRESS ACCESS'\n", run.Error);
    }

    [Fact]
    public void Format_names_standard_input_and_will_not_write_it_back()
    {
        string unformatted = Valid.Replace("domain vm1 {", "domain   vm1 {", StringComparison.Ordinal);

        var check = CliRun.WithInput(unformatted, "format", "--check", "-");
        Assert.Equal((1, "<stdin>: not formatted\n"), (check.ExitCode, check.Out));
        var broken = CliRun.WithInput("policy Broken;\n/* never closed\n", "format", "-");
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith("<stdin>: cannot be formatted: ", broken.Error);
        CliRun.WithInput(unformatted, "format", "--write", "-").AssertRefused("vtd format: --write cannot rewrite standard input");
    }

    [Theory]
    [InlineData("check", "-", "-")]
    [InlineData("diff", "-", "-")]
    [InlineData("format", "--check", "-", "-")]
    [InlineData("translate", "-", "--queries", "-")]
    public void Standard_input_named_twice_is_refused(params string[] args)
    {
        CliRun.WithInput(Valid, args).AssertRefused($"vtd {args[0]}: - (standard input) can be read only once");
    }

    /// <summary>Each command line that reads a spec (<see cref="UnreadableInputTests.CommandLines"/>), with <c>-</c> for it.</summary>
    public static TheoryData<string[]> CommandsReadingASpec()
    {
        var data = new TheoryData<string[]>();
        foreach (var commandLine in UnreadableInputTests.CommandLines) data.Add(commandLine.Select(arg => arg == "@" ? "-" : arg).ToArray());
        return data;
    }

    /// <summary><see cref="CommandsReadingASpec"/> but <c>format</c>, which lays a spec out without compiling it.</summary>
    public static TheoryData<string[]> CommandsCompilingASpec()
    {
        var data = new TheoryData<string[]>();
        foreach (var commandLine in CommandsReadingASpec()) if (commandLine[0] != "format") data.Add(commandLine);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsReadingASpec))]
    public void Standard_input_with_NUL_characters_is_refused_as_a_file_would_be(string[] commandLine)
    {
        CliRun.WithInput("po\0l", commandLine).AssertRefused("<stdin>: not text (it contains NUL characters)");
    }

    [Fact]
    public void Standard_input_beyond_the_size_limit_is_refused_without_reading_it_all()
    {
        var endless = new EndlessReader();

        CliRun.WithInput(endless, "check", "-").AssertRefused("<stdin>: larger than the 64 MiB a spec may have");
        Assert.InRange(endless.Handed, 64L * 1024 * 1024 + 1, 65L * 1024 * 1024);
    }

    /// <summary>
    /// A pipe that never ends: spaces, as many as are asked for. Past 65 MiB it throws, so a reader
    /// without a limit fails the test instead of running it out of memory.
    /// </summary>
    private sealed class EndlessReader : TextReader
    {
        private const long Enough = 65L * 1024 * 1024;

        public long Handed { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            Hand(count);
            Array.Fill(buffer, ' ', index, count);
            return count;
        }

        public override int Peek() => ' ';

        public override int Read()
        {
            Hand(1);
            return ' ';
        }

        private void Hand(int count)
        {
            Handed += count;
            if (Handed > Enough) throw new InvalidOperationException($"read {Handed} characters from an endless standard input");
        }
    }
}
