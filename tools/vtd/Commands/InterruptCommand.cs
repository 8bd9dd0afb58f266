namespace VtdDsl.Tool.Commands;

/// <summary><c>vtd interrupt FILE SID INDEX</c>: what interrupt remapping does with a device's interrupt.</summary>
internal static class InterruptCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.PolicyFile();
        var sid = new Argument<string>("SID") { Description = "The requester's source id, e.g. 03:00.0." };
        var index = new Argument<string>("INDEX") { Description = "The interrupt-remapping table index (decimal, or hexadecimal with 0x)." };
        var stdinFileName = CommonOptions.StdinFileName();
        var command = new Command("interrupt", "Remap an interrupt through a policy.") { file, sid, index, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(sid)!, parse.GetValue(index)!, parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string path, string sid, string index, string? stdinFileName)
    {
        SpecFile.CheckStdinFileName(stdinFileName, "FILE is not", path);
        var source = CliValues.SourceId(sid);
        int entry = CliValues.Index(index);
        var spec = LoadedSpec.Load(path, context, stdinFileName);
        if (spec is null)
        {
            return ExitCodes.SpecErrors;
        }
        context.Out.WriteLine(PolicyEngine.RemapInterrupt(spec.Tables, source, entry).ToString());
        return ExitCodes.Success;
    }
}
