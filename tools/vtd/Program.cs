using VtdDsl.Tool;

return CliApplication.Run(args, Console.Out, Console.Error);
