using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using VtdDsl.Compiler;
using VtdDsl.Testing;

namespace VtdDsl.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/VtdDsl.Benchmarks -- --short</c> runs every benchmark
/// in short mode (in-process, few iterations); without <c>--short</c>, BenchmarkDotNet's default
/// jobs. Other BenchmarkDotNet arguments (<c>--filter *Translation*</c>, …) pass through; without a filter,
/// the translation, compiler and image benchmarks run (not the experiments: RunnerOverhead, EngineVariant).
/// Extra commands: <c>write-spec PRESET|all PATH</c>, <c>info</c>, <c>peak-memory</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0)
        {
            switch (args[0])
            {
                case "write-spec": return WriteSpec(args.Skip(1).ToArray());
                case "info": return Info();
                case "write-generated": return WriteGenerated(args.Skip(1).ToArray());
                case "setup": return TimeSetup(args.Skip(1).ToArray());
                case "peak-memory": return PeakMemory();
                case "measure-peak": return MeasurePeak(args[1], args[2]);
            }
        }

        var rest = new List<string>(args);
        BenchmarkSettings.Short = rest.Remove("--short");
        if (!rest.Contains("--filter") && !rest.Any(a => a.StartsWith("--filter=", StringComparison.Ordinal)))
        {
            // Everything but the experiments (run those with --filter *RunnerOverhead* or *EngineVariant*).
            rest.AddRange(new[] { "--filter", "*RandomStreamBenchmarks*", "*TranslationBenchmarks*", "*CompilerBenchmarks*", "*ImageBenchmarks*" });
        }
        var config = DefaultConfig.Instance.WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.ToArray(), config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary><c>write-spec Large out/Large.vtd</c>, or <c>write-spec all DIR</c>.</summary>
    private static int WriteSpec(string[] args)
    {
        string preset = args.Length > 0 ? args[0] : "Large";
        string output = args.Length > 1 ? args[1] : ".";
        bool all = preset == "all";
        foreach (string name in all ? new[] { "Small", "Medium", "Large" } : new[] { preset })
        {
            string path = all || Directory.Exists(output) ? Path.Combine(output, name + ".vtd") : output;
            var spec = ScaleSpecGenerator.WriteTo(ScaleSpecOptions.Preset(name), path);
            Console.WriteLine($"{path}: {spec.Text.Length:N0} bytes");
        }
        return 0;
    }

    /// <summary>Sizes of every spec the benchmarks use: declarations, text, generated C#, hardware image.</summary>
    private static int Info()
    {
        Console.WriteLine("| spec | windows | devices | domains | interrupts | .vtd bytes | generated C# bytes | image bytes | context tables | page tables L4/L3/L2/L1 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (string name in new[] { BenchSpecs.TwoVm, BenchSpecs.Random256, "Small", "Medium", "Large", BenchSpecs.Identity1TiB, BenchSpecs.Identity1TiB2MiB })
        {
            var spec = BenchSpecs.Get(name);
            var compilation = GeneratedPolicies.Consumer("Info");
            var run = GeneratedPolicies.Driver("/bench/" + spec.FileName, spec.Text).RunGenerators(compilation).GetRunResult();
            long generated = run.GeneratedTrees.Sum(t => (long)t.GetText().Length);
            var tables = spec.Tables;
            var plan = DmarImage.Plan(in tables);
            var unit = plan.Units[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {spec.WindowCount:N0} | {spec.Policy.Devices.Count:N0} | {spec.Policy.Domains.Count:N0} | {spec.Policy.Interrupts.Count:N0} | {spec.Text.Length:N0} | {generated:N0} | {plan.TotalBytes:N0} | {unit.ContextTables:N0} | {unit.PageTables.Level4}/{unit.PageTables.Level3}/{unit.PageTables.Level2}/{unit.PageTables.Level1} |"));
        }
        return 0;
    }

    /// <summary><c>write-generated Large DIR</c>: the generator's output for a spec, one file per generated source.</summary>
    private static int WriteGenerated(string[] args)
    {
        var (fileName, text) = BenchSpecs.Source(args.Length > 0 ? args[0] : "Large");
        string output = args.Length > 1 ? args[1] : ".";
        Directory.CreateDirectory(output);
        var run = GeneratedPolicies.Driver("/bench/" + fileName, text).RunGenerators(GeneratedPolicies.Consumer("Write")).GetRunResult();
        foreach (var tree in run.GeneratedTrees)
        {
            string path = Path.Combine(output, Path.GetFileName(tree.FilePath));
            File.WriteAllText(path, tree.GetText().ToString());
            Console.WriteLine($"{path}: {new FileInfo(path).Length:N0} bytes");
        }
        return 0;
    }

    /// <summary>Times the translation setup of each spec (compile, generated assembly, interpreter, image, probes checked).</summary>
    private static int TimeSetup(string[] names)
    {
        foreach (string name in names.Length > 0 ? names : new[] { BenchSpecs.TwoVm, "Medium", "Large" })
        {
            var clock = Stopwatch.StartNew();
            var spec = BenchSpecs.Get(name);
            long compiled = clock.ElapsedMilliseconds;
            var policy = GeneratedPolicies.Get(spec);
            long generated = clock.ElapsedMilliseconds;
            var setup = TranslationSetup.Get(name);
            long built = clock.ElapsedMilliseconds;
            foreach (Scenario scenario in Enum.GetValues<Scenario>()) setup.Probes(scenario);
            Console.WriteLine($"{name}: compile {compiled} ms, generated assembly {generated - compiled} ms, interpreter+image {built - generated} ms, probes checked {clock.ElapsedMilliseconds - built} ms ({policy.PolicyType.FullName})");
        }
        return 0;
    }

    /// <summary>Peak working set of compiling and of generating each preset, each in a fresh process.</summary>
    private static int PeakMemory()
    {
        string self = Environment.ProcessPath!;
        string dll = typeof(Program).Assembly.Location;
        bool viaDotnet = Path.GetFileNameWithoutExtension(self) == "dotnet";
        Console.WriteLine("| spec | process baseline (spec text only) | VtdCompiler.Compile | generator full run |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (string size in new[] { "Small", "Medium", "Large" })
        {
            var cells = new List<string>();
            foreach (string operation in new[] { "none", "compile", "generate" })
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (viaDotnet) start.ArgumentList.Add(dll);
                start.ArgumentList.Add("measure-peak");
                start.ArgumentList.Add(operation);
                start.ArgumentList.Add(size);
                using var process = Process.Start(start)!;
                string output = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                cells.Add(output);
            }
            Console.WriteLine($"| {size} | {string.Join(" | ", cells)} |");
        }
        return 0;
    }

    private static int MeasurePeak(string operation, string size)
    {
        var (fileName, text) = BenchSpecs.Source(size);
        string path = "/bench/" + fileName;
        object? keep = operation switch
        {
            "compile" => VtdCompiler.Compile(path, text),
            "generate" => GeneratedPolicies.Driver(path, text).RunGenerators(GeneratedPolicies.Consumer("Peak")).GetRunResult(),
            _ => text,
        };
        GC.KeepAlive(keep);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.Write((self.PeakWorkingSet64 / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture) + " MiB");
        return 0;
    }
}
