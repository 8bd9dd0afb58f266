namespace VtdDsl.Tool.Commands;

/// <summary><c>vtd image FILE --base ADDRESS -o OUT</c>: the policy's hardware tables as one image placed at ADDRESS.</summary>
internal static class ImageCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.PolicyFile();
        var baseAddress = new Option<string>("--base") { Description = "Host physical address of the image's first byte (4 KiB aligned).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The image file to write.", Required = true };
        var stdinFileName = CommonOptions.StdinFileName();
        var command = new Command("image", "Write the VT-d tables (root, context, page tables, interrupt remapping) of a policy.") { file, baseAddress, output, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(baseAddress)!, parse.GetValue(output)!, parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string path, string baseText, string outputPath, string? stdinFileName)
    {
        SpecFile.CheckStdinFileName(stdinFileName, "FILE is not", path);
        ulong baseAddress = CliValues.Address(baseText, "base address");
        if (baseAddress % DmarImage.PageSize != 0)
        {
            throw new UsageException($"--base 0x{baseAddress:x} is not 4 KiB aligned: VT-d table pointers address 4 KiB pages");
        }
        var spec = LoadedSpec.Load(path, context, stdinFileName);
        if (spec is null)
        {
            return ExitCodes.SpecErrors;
        }
        var plan = DmarImage.Plan(spec.Tables);
        if (plan.TotalBytes > DmarImage.AddressLimit || baseAddress > DmarImage.AddressLimit - plan.TotalBytes)
        {
            throw new UsageException($"--base 0x{baseAddress:x}: the {plan.TotalBytes}-byte image would end beyond the 52-bit host address space");
        }
        byte[] image = DmarImage.Create(spec.Tables, baseAddress, out var layout);
        if (Directory.Exists(outputPath))
        {
            throw new UsageException($"{outputPath}: is a directory; give the image a file name, e.g. {Path.Combine(outputPath, "dmar.bin")}");
        }
        try
        {
            File.WriteAllBytes(outputPath, image);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{outputPath}: cannot be written: {exception.Message}");
        }
        foreach (var unit in layout.Units)
        {
            context.Out.WriteLine($"{spec.Policy.Units[unit.Unit].Name} {unit}");
        }
        return ExitCodes.Success;
    }
}
