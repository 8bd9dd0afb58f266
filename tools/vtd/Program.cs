using System;
using VtdDsl.Cli;

return CliApplication.Run(args, Console.Out, Console.Error);
