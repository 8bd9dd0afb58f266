using System.Linq;

namespace VtdDsl.Tool.Commands;

/// <summary>
/// <c>vtd translate FILE SID ADDRESS ACCESS</c>, or <c>--queries QFILE</c> for one answer per
/// <c>SID ADDRESS ACCESS</c> line: what the IOMMU does with each DMA request. <c>SID:PASID</c> (for
/// example <c>00:02.0:7</c>) asks about a request tagged with that PASID.
/// </summary>
internal static class TranslateCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.PolicyFile();
        var query = new Argument<string[]>("QUERY") { Description = "SID[:PASID] ADDRESS ACCESS (access: read, write or rw; PASID decimal or 0x hexadecimal).", Arity = new ArgumentArity(0, 3) };
        var queries = new Option<string?>("--queries") { Description = "A file of 'SID[:PASID] ADDRESS ACCESS' lines ('-' for standard input); blank lines and lines starting with # are skipped." };
        var stdinFileName = CommonOptions.StdinFileName();
        var command = new Command("translate", "Translate DMA requests through a policy.") { file, query, queries, stdinFileName };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(query) ?? Array.Empty<string>(), parse.GetValue(queries), parse.GetValue(stdinFileName)));
        return command;
    }

    private static int Run(CliContext context, string path, string[] query, string? queries, string? stdinFileName)
    {
        SpecFile.CheckStdinFileName(stdinFileName, "FILE is not", path);
        if (queries is not null && query.Length > 0)
        {
            throw new UsageException("give either SID ADDRESS ACCESS or --queries QFILE, not both", showUsage: true);
        }
        if (queries is null && query.Length != 3)
        {
            string[] words = { "SID", "ADDRESS", "ACCESS" };
            var absent = new ArraySegment<string>(words, Math.Min(query.Length, 3), 3 - Math.Min(query.Length, 3));
            string missing = absent.Count == 1 ? absent[0] : string.Join(", ", absent.Take(absent.Count - 1)) + " and " + absent[absent.Count - 1];
            throw new UsageException(query.Length > 3 ? "too many values: give SID ADDRESS ACCESS" : $"missing {missing} (or --queries QFILE)", showUsage: true);
        }
        if (queries is not null)
        {
            SpecFile.RefuseStandardInputTwice(path, queries);
        }
        var spec = LoadedSpec.Load(path, context, stdinFileName);
        if (spec is null)
        {
            return ExitCodes.SpecErrors;
        }
        if (queries is null)
        {
            context.Out.WriteLine(Answer(spec, query[0], query[1], query[2]));
            return ExitCodes.Success;
        }
        using var opened = queries == SpecFile.StandardInput ? null : OpenQueries(queries);
        var reader = opened ?? context.In;
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            string[] fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            try
            {
                if (fields.Length != 3)
                {
                    throw new UsageException("expected 'SID ADDRESS ACCESS'");
                }
                context.Out.WriteLine(Answer(spec, fields[0], fields[1], fields[2]));
            }
            catch (UsageException bad)
            {
                throw new UsageException($"{SpecFile.DisplayName(queries)}({lineNumber}): {bad.Message}");
            }
        }
        return ExitCodes.Success;
    }

    private static string Answer(LoadedSpec spec, string sid, string address, string access)
    {
        var (source, pasid) = CliValues.SourceWithPasid(sid);
        ulong dmaAddress = CliValues.Address(address);
        DmaAccess dmaAccess = CliValues.Access(access);
        if (pasid is not { } tag)
        {
            return PolicyEngine.Translate(spec.Tables, source, dmaAddress, dmaAccess).ToString();
        }
        var answer = PolicyEngine.TranslateWithPasid(spec.Tables, source, tag, dmaAddress, dmaAccess);
        return answer.ToString(answer.Process >= 0 ? spec.Policy.Processes[answer.Process].Name : null);
    }

    private static TextReader OpenQueries(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{path}: cannot be read: {exception.Message}");
        }
    }
}
