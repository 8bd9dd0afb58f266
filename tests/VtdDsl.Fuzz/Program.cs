using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace VtdDsl.Fuzz;

/// <summary>
/// <c>VtdDsl.Fuzz</c> runs <see cref="FuzzPipeline"/> under a fuzzer (docs/security.md):
/// <list type="bullet">
/// <item>no arguments: libFuzzer mode (<c>Fuzzer.LibFuzzer.Run</c>), for libfuzzer-dotnet;</item>
/// <item><c>--afl</c>: AFL mode (<c>Fuzzer.OutOfProcess.Run</c>), for afl-fuzz;</item>
/// <item><c>--replay FILE|DIR...</c>: runs the target once per file without a fuzzer (to reproduce a crash or check a corpus).</item>
/// </list>
/// The assemblies must be instrumented with the <c>sharpfuzz</c> tool for coverage feedback.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--replay")
        {
            return Replay(args.Skip(1).ToArray());
        }
        if (args.Length > 0 && args[0] == "--afl")
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                FuzzPipeline.Run(memory.ToArray());
            });
            return 0;
        }
        Fuzzer.LibFuzzer.Run(span => FuzzPipeline.Run(span));
        return 0;
    }

    private static int Replay(string[] paths)
    {
        int failures = 0, count = 0;
        foreach (var path in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : new[] { p }).Order(StringComparer.Ordinal))
        {
            count++;
            try
            {
                var outcome = FuzzPipeline.Run(File.ReadAllBytes(path));
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
