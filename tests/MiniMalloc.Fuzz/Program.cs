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
    foreach (var file in args.Skip(1)) target(File.ReadAllBytes(file));
    Console.WriteLine($"{args.Length - 1} inputs replayed without a crash");
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});
return 0;
