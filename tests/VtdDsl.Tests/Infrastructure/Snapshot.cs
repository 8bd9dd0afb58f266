using System;
using System.IO;

namespace VtdDsl.Tests.Infrastructure;

/// <summary>
/// Approval snapshots in Verify's workflow: <c>NAME.verified.EXT</c> is checked in under
/// tests/VtdDsl.Tests/Snapshots/; on a mismatch <c>NAME.received.EXT</c> is written beside it
/// and the test fails. Set <c>VTD_ACCEPT=1</c> to accept received output as verified.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "VTD_ACCEPT";

    public static void Match(string folder, string name, string extension, string actual)
    {
        string directory = Path.Combine(RepositoryPaths.Snapshots, folder);
        string verified = Path.Combine(directory, $"{name}.verified.{extension}");
        string received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = Normalize(actual);
        string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        string relative = RepositoryPaths.Relative(received);
        Assert.Fail(expected is null
            ? $"No verified snapshot yet; review {relative} and rename it to .verified (or run with {AcceptVariable}=1)."
            : $"Snapshot differs; compare {relative} with its .verified file (accept with {AcceptVariable}=1).");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
}
