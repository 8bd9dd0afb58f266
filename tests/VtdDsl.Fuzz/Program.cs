using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace VtdDsl.Fuzz;

/// <summary>
/// <c>VtdDsl.Fuzz [--target vtd|dmar] [--afl | --replay FILE|DIR...]</c> (or <c>--target=dmar</c>) runs a fuzz target
/// under a fuzzer (docs/security.md):
/// <list type="bullet">
/// <item><c>--target vtd</c> (the default): <see cref="FuzzPipeline"/>, bytes as a <c>.vtd</c> policy through the whole pipeline;</item>
/// <item><c>--target dmar</c>: <see cref="DmarFuzzTarget"/>, bytes as a firmware DMAR table through the reader and <c>vtd import</c>;</item>
/// <item>no mode: libFuzzer mode (<c>Fuzzer.LibFuzzer.Run</c>), for libfuzzer-dotnet;</item>
/// <item><c>--afl</c>: AFL mode (<c>Fuzzer.OutOfProcess.Run</c>), for afl-fuzz;</item>
/// <item><c>--replay FILE|DIR...</c>: runs the target once per file without a fuzzer (to reproduce a crash or check a corpus).</item>
/// </list>
/// The assemblies must be instrumented with the <c>sharpfuzz</c> tool for coverage feedback.
/// </summary>
public static class Program
{
    /// <summary>One fuzz target: the input's bytes → the outcome's name, or an exception for a crash.</summary>
    private delegate string FuzzTarget(ReadOnlySpan<byte> data);

    /// <summary>Runs the chosen target; 0 when done (or every replayed input passed), 1 when a replayed input crashed, 2 for a usage error.</summary>
    public static int Main(string[] args)
    {
        FuzzTarget target = data => FuzzPipeline.Run(data).ToString();
        if (args.Length > 0 && (args[0] == "--target" || args[0].StartsWith("--target=", StringComparison.Ordinal)))
        {
            // "--target=dmar" is one argument, as libfuzzer-dotnet's --target_arg passes it.
            bool joined = args[0] != "--target";
            string? name = joined ? args[0]["--target=".Length..] : args.Length > 1 ? args[1] : null;
            switch (name)
            {
                case "vtd":
                    break;
                case "dmar":
                    target = data => DmarFuzzTarget.Run(data).ToString();
                    break;
                default:
                    Console.Error.WriteLine($"VtdDsl.Fuzz: --target takes 'vtd' or 'dmar', not '{name}'");
                    Console.Error.WriteLine("Usage: VtdDsl.Fuzz [--target vtd|dmar] [--afl | --replay FILE|DIR...]");
                    return 2;
            }
            args = args[(joined ? 1 : 2)..];
        }
        if (args.Length > 0 && args[0] == "--replay")
        {
            return Replay(target, args.Skip(1).ToArray());
        }
        if (args.Length > 0 && args[0] == "--afl")
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                target(memory.ToArray());
            });
            return 0;
        }
        Fuzzer.LibFuzzer.Run(span => target(span));
        return 0;
    }

    private static int Replay(FuzzTarget target, string[] paths)
    {
        int failures = 0, count = 0;
        foreach (var path in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : new[] { p }).Order(StringComparer.Ordinal))
        {
            count++;
            try
            {
                var outcome = target(File.ReadAllBytes(path));
                Console.WriteLine($"{path}: {outcome}");
            }
            catch (Exception exception)
            {
                failures++;
                Console.WriteLine($"{path}: CRASH {exception}");
            }
        }
        Console.WriteLine($"{count} inputs, {failures} crashes");
        return failures == 0 ? 0 : 1;
    }
}
