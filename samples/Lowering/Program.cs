using System.Globalization;
using Lowering;
using Lowering.Lifetimes;
using Lowering.Model;
using Lowering.Output;

// lower-model: the sample's model-lowering step. Reads a model description, decides the schedule, and writes
// the tensor-lifetimes JSON that MiniMalloc.Build plans, plus the schedule header the firmware needs.
// Exit codes: 0 done, 1 invalid model (errors on stderr in file(line,col) form), 2 bad command line or I/O.
const string Usage = "usage: lower-model MODEL.model.json --lifetimes OUT.lifetimes.json [--schedule-header OUT_schedule.h] [--views=all|in-place|views|none] [--name=NAME] [--pools=NAME:CAPACITY[:ALIGNMENT],...]";

string? modelPath = null, lifetimesPath = null, headerPath = null, nameOverride = null;
IReadOnlyList<MemoryPool>? pools = null;
var views = ViewLevel.All;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--lifetimes" when i + 1 < args.Length:
            lifetimesPath = args[++i];
            break;
        case "--schedule-header" when i + 1 < args.Length:
            headerPath = args[++i];
            break;
        case var arg when arg.StartsWith("--views=", StringComparison.Ordinal):
            switch (arg["--views=".Length..])
            {
                case "all": views = ViewLevel.All; break;
                case "in-place": views = ViewLevel.InPlace; break;
                case "views": views = ViewLevel.Views; break;
                case "none": views = ViewLevel.None; break;
                default:
                    Console.Error.WriteLine($"lower-model: error: {arg}: expected all, in-place, views or none");
                    return 2;
            }

            break;
        case var arg when arg.StartsWith("--name=", StringComparison.Ordinal):
            nameOverride = arg["--name=".Length..];
            break;
        case var arg when arg.StartsWith("--pools=", StringComparison.Ordinal):
            // Empty: one arena (so that a build can pass every model's Pools metadata, set or not).
            if (arg.Length > "--pools=".Length)
            {
                if (MemoryPool.ParseList(arg["--pools=".Length..]) is not { } parsed)
                {
                    Console.Error.WriteLine($"lower-model: error: {arg}: expected NAME:CAPACITY[:ALIGNMENT], separated by commas");
                    return 2;
                }
                pools = parsed;
            }

            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        case var arg when !arg.StartsWith('-') && modelPath is null:
            modelPath = arg;
            break;
        default:
            Console.Error.WriteLine($"lower-model: error: unexpected argument \"{args[i]}\"");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

if (modelPath is null || lifetimesPath is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    var model = ModelReader.Read(modelPath);
    var steps = Scheduler.Order(model);
    var lowered = LifetimeBuilder.Build(model, steps, views);
    if (!string.IsNullOrEmpty(nameOverride)) lowered = lowered with { Name = nameOverride };
    bool wroteLifetimes = AtomicFile.WriteIfChanged(lifetimesPath, LifetimesWriter.Render(lowered, pools));
    bool wroteHeader = headerPath is not null
        && AtomicFile.WriteIfChanged(headerPath, ScheduleHeaderWriter.Render(lowered, lowered.Name.ToUpperInvariant()));
    Console.WriteLine(Summary(lowered, model.Schedule is null, lifetimesPath, wroteLifetimes || wroteHeader));
    return 0;
}
catch (ModelException e)
{
    foreach (var error in e.Errors)
    {
        Console.Error.WriteLine(error);
    }

    return 1;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"lower-model: error: {e.Message}");
    return 2;
}

static string Summary(LoweredModel model, bool computedOrder, string output, bool written)
{
    var (maxLive, atStep) = model.MaxLive();
    int scratch = model.Buffers.Count(b => b.Role == "scratch");
    int aliases = model.AliasCount;
    return string.Create(CultureInfo.InvariantCulture,
        $"lower-model: {model.Name}: {model.Steps.Count} steps ({(computedOrder ? "topological order" : "schedule from the model file")}), " +
        $"{model.Buffers.Count} buffers to plan ({scratch} scratch{(aliases > 0 ? $", {aliases} sharing another's bytes" : "")}), {model.ConstantCount} constants not planned ({model.ConstantBytes} bytes), " +
        $"max live {maxLive} bytes at step {atStep} -> {output}{(written ? "" : " (unchanged)")}");
}
