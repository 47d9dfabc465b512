using MiniMalloc;
using MiniMalloc.Benchmarks;

// The benchmark harness. Tables go to stdout, progress to stderr; exit code 0 when every solution validated,
// 1 when one did not (or was not found), 2 for bad arguments.
HarnessArguments arguments;
try
{
    arguments = HarnessArguments.Parse(args);
}
catch (ArgumentException e)
{
    if (e.Message.Length > 0) Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, HarnessArguments.Usage,
        string.Join(", ", TechniqueSwitches.ShortNames)));
    return 2;
}

try
{
    return arguments.Command switch
    {
        "minimize" => MinimizeCommand.Run(arguments, Console.Out, Console.Error),
        "scale" => ScaleCommand.Run(arguments, args, Console.Out, Console.Error),
        "heuristic" => HeuristicCommand.Run(arguments, Console.Out, Console.Error),
        "onnx" => OnnxCommand.Run(arguments, Console.Out, Console.Error),
        "aliases" => AliasesCommand.Run(arguments, Console.Out, Console.Error),
        "pools" => PoolsCommand.Run(arguments, Console.Out, Console.Error),
        _ => SolveCommand.Run(arguments, Console.Out, Console.Error),
    };
}
catch (Exception e) when (e is ArgumentException or CsvFormatException or IOException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
