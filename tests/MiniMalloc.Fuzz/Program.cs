using MiniMalloc.Fuzz;
using SharpFuzz;

// Usage: dotnet MiniMalloc.Fuzz.dll json|csv|solve|onnx|pools   (run under afl-fuzz; see README.md)
//        dotnet MiniMalloc.Fuzz.dll json|csv|solve|onnx|pools FILE...   (replay inputs, for example a crash found)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: MiniMalloc.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [FILE...]");
    return 2;
}
if (args.Length > 1)
{
    ReplayTraceMap.Install();
    // Every input is replayed, so that a folder's crashes are all named (the first one's trace is what afl-fuzz sees).
    int crashes = 0;
    bool trace = Environment.GetEnvironmentVariable("MINIMALLOC_FUZZ_TRACE") == "1";
    foreach (var file in args.Skip(1))
    {
        if (trace) Console.Error.WriteLine($"input: {file}");
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            if (crashes++ == 0) Console.Error.WriteLine(e);
            Console.Error.WriteLine($"crash: {file}: {e.GetType().Name}: {e.Message}");
        }
    }
    Console.WriteLine(crashes == 0 ? $"{args.Length - 1} inputs replayed without a crash" : $"{crashes} of {args.Length - 1} inputs crashed");
    return crashes == 0 ? 0 : 1;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});
return 0;
