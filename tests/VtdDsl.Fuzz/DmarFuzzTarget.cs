using System;
using System.Linq;
using System.Globalization;
using System.Text.RegularExpressions;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Platform;

namespace VtdDsl.Fuzz;

/// <summary>What one input made of the DMAR reader (for the figures; every outcome is fine).</summary>
public enum DmarFuzzOutcome
{
    /// <summary>Even with its length and checksum repaired the bytes are no DMAR table (too short, wrong signature): refused with the offset.</summary>
    HeaderRefused,

    /// <summary>The repaired table's remapping structures or device scopes are malformed: refused with the offset.</summary>
    StructureRefused,

    /// <summary>The repaired table was read and imported into a starter spec, which checks without errors.</summary>
    Imported,
}

/// <summary>
/// The DMAR fuzz target: bytes → <see cref="DmarReader"/> as they are, then again with the
/// header's length and checksum repaired (a mutated table almost never keeps a valid checksum,
/// and the reader refuses a bad one before it looks at any structure) → for a table it reads,
/// <see cref="StarterSpecWriter.Import"/> (what <c>vtd import</c> runs) → the starter spec
/// compiled. The reader and the importer must never throw: a malformed table is refused with a
/// message naming the byte offset of the problem, inside the input.
/// </summary>
/// <remarks>
/// Anything that escapes is a crash. Broken invariants throw <see cref="FuzzFindingException"/>:
/// a refusal without an offset or with one outside the input, a refusal of a header that was
/// just repaired, a table accepted with a wrong length or checksum, an import that fails after
/// the reader accepted the table, and a starter spec with errors (the importer promises one
/// that checks).
/// </remarks>
public static class DmarFuzzTarget
{
    /// <summary>Longer inputs are cut here: a DMAR table is a few hundred bytes, and its length field is checked against the input anyway.</summary>
    public const int MaxInputBytes = 64 << 10;

    private const int LengthField = 4;
    private const int ChecksumField = 9;

    private static readonly Regex Refusal = new(@"^offset 0x(?<offset>[0-9a-f]+): \S", RegexOptions.CultureInvariant);

    /// <summary>Runs one input; throws for a crash or a broken invariant.</summary>
    public static DmarFuzzOutcome Run(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxInputBytes) data = data[..MaxInputBytes];
        byte[] raw = data.ToArray();
        bool readAsGiven = DmarReader.Read(raw, out string? rawError) is not null;
        if (!readAsGiven)
        {
            CheckRefusal(rawError, raw.Length, "as given");
        }

        byte[] repaired = Repair(raw);
        if (readAsGiven && !repaired.AsSpan().SequenceEqual(raw))
        {
            throw new FuzzFindingException("the reader accepted a table whose length or checksum is wrong");
        }
        if (DmarReader.Read(repaired, out string? error) is null)
        {
            int offset = CheckRefusal(error, repaired.Length, "repaired");
            if (repaired.Length < DmarReader.HeaderLength || offset == 0)
            {
                return DmarFuzzOutcome.HeaderRefused;
            }
            if (offset < DmarReader.HeaderLength)
            {
                throw new FuzzFindingException($"the header of a table with its length and checksum repaired was refused: {error}");
            }
            return DmarFuzzOutcome.StructureRefused;
        }

        var import = StarterSpecWriter.Import(new PlatformImportInput(repaired));
        if (!import.Succeeded)
        {
            throw new FuzzFindingException($"the reader accepted the table but the import failed: {import.Error}");
        }
        var compiled = VtdCompiler.Compile("imported.vtd", import.Spec!);
        // The importer's promise (StarterSpecWriter): the starter spec checks without errors.
        if (compiled.HasErrors || compiled.Policy is null)
        {
            string errors = string.Join("\n", compiled.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            throw new FuzzFindingException($"the imported spec does not check:\n{errors}\n--- spec ---\n{import.Spec}");
        }
        return DmarFuzzOutcome.Imported;
    }

    /// <summary>
    /// A copy whose header length is the input's length and whose checksum balances, when the
    /// input is long enough to hold both fields; otherwise the input itself.
    /// </summary>
    public static byte[] Repair(byte[] raw)
    {
        byte[] bytes = (byte[])raw.Clone();
        if (bytes.Length <= ChecksumField) return bytes;
        uint length = (uint)bytes.Length;
        for (int i = 0; i < 4; i++) bytes[LengthField + i] = (byte)(length >> (8 * i));
        bytes[ChecksumField] = 0;
        byte sum = 0;
        foreach (byte b in bytes) sum += b;
        bytes[ChecksumField] = (byte)(0 - sum);
        return bytes;
    }

    /// <summary>A refusal must name the byte offset of the problem, inside (or at the end of) the input, and say what is wrong.</summary>
    private static int CheckRefusal(string? error, int inputLength, string which)
    {
        var match = error is null ? null : Refusal.Match(error);
        if (match is null || !match.Success)
        {
            throw new FuzzFindingException($"the reader refused the table ({which}) without naming an offset: '{error}'");
        }
        if (!long.TryParse(match.Groups["offset"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long offset) || offset > inputLength)
        {
            throw new FuzzFindingException($"the reader refused the table ({which}) at an offset outside its {inputLength} bytes: '{error}'");
        }
        return (int)offset;
    }
}
