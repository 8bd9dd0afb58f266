using VtdDsl.Compiler.Platform;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd import --dmar FILE</c>: a starter <c>.vtd</c> from the firmware's ACPI DMAR table, with
/// capabilities, memory map and IOMMU groups of the running machine when given. The work is in
/// the core (<see cref="StarterSpecWriter"/>); this reads the files and prints.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var dmar = new Option<string>("--dmar") { Description = "The binary ACPI DMAR table (/sys/firmware/acpi/tables/DMAR).", Required = true };
        var lspci = new Option<string?>("--lspci") { Description = "The output of 'lspci -t -D': the buses behind bridges, for multi-hop and sub-hierarchy scopes." };
        var dmesg = new Option<string?>("--dmesg") { Description = "Kernel log with 'DMAR: dmarN: reg_base_addr ... cap ... ecap ...' lines (matched by register base)." };
        var cap = new Option<string[]>("--cap") { Description = "UNIT=HEX: a unit's capability register (/sys/class/iommu/UNIT/intel-iommu/cap)." };
        var ecap = new Option<string[]>("--ecap") { Description = "UNIT=HEX: a unit's extended capability register (.../ecap)." };
        var iomem = new Option<string?>("--iomem") { Description = "/proc/iomem (read as root): System RAM becomes 'memory' declarations." };
        var groups = new Option<string?>("--groups") { Description = "The output of 'find /sys/kernel/iommu_groups -type l': 'group' declarations." };
        var output = CommonOptions.Output("spec file");
        var command = new Command("import", "Write a starter .vtd from the firmware's DMAR table.") { dmar, lspci, dmesg, cap, ecap, iomem, groups, output };
        command.SetAction(parse =>
        {
            var input = new PlatformImportInput(ReadBytes(parse.GetValue(dmar)!))
            {
                Lspci = ReadText(parse.GetValue(lspci)),
                Dmesg = ReadText(parse.GetValue(dmesg)),
                Iomem = ReadText(parse.GetValue(iomem)),
                Groups = ReadText(parse.GetValue(groups)),
            };
            AddRegisters(input.Cap, parse.GetValue(cap), "--cap");
            AddRegisters(input.Ecap, parse.GetValue(ecap), "--ecap");
            return Run(context, input, parse.GetValue(dmar)!, parse.GetValue(output));
        });
        return command;
    }

    private static int Run(CliContext context, PlatformImportInput input, string dmarPath, string? outputPath)
    {
        var result = StarterSpecWriter.Import(input);
        foreach (var note in result.Notes)
        {
            context.Error.WriteLine($"vtd import: {note}");
        }
        if (result.Spec is null)
        {
            throw new UsageException($"{dmarPath}: {result.Error}");
        }
        OutputFile.Write(context, outputPath, result.Spec);
        return ExitCodes.Success;
    }

    private static void AddRegisters(Dictionary<string, ulong> registers, string[]? values, string option)
    {
        foreach (var value in values ?? Array.Empty<string>())
        {
            int equals = value.IndexOf('=');
            if (equals <= 0 || !IommuCapabilities.TryParseHex(value.Substring(equals + 1), out ulong register))
            {
                throw new UsageException($"{option} {value}: expected UNIT=HEX, for example dmar0=d2008c40660462");
            }
            registers[value.Substring(0, equals)] = register;
        }
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{path}: cannot be read: {exception.Message}");
        }
    }

    private static string? ReadText(string? path)
    {
        if (path is null) return null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{path}: cannot be read: {exception.Message}");
        }
    }
}
