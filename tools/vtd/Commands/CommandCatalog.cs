namespace VtdDsl.Tool.Commands;

/// <summary>The commands of <c>vtd</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return CheckCommand.Create(context);
        yield return TranslateCommand.Create(context);
        yield return InterruptCommand.Create(context);
        yield return ImageCommand.Create(context);
        yield return ReviewCommand.Create(context);
        yield return DiffCommand.Create(context);
        yield return ImportCommand.Create(context);
        yield return MapCommand.Create(context);
        yield return FormatCommand.Create(context);
        yield return LspCommand.Create(context);
    }
}
