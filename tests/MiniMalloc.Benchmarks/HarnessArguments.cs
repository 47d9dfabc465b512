using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// The harness's command line: <c>[solve|minimize|scale] [folder] [--option=value ...]</c> (also
/// <c>--option value</c>). Parsed by hand: a dozen options do not justify a dependency for a tool that must build
/// wherever the library does.
/// </summary>
internal sealed record HarnessArguments
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/MiniMalloc.Benchmarks -- [command] [folder] [options]

        commands:
          solve     (default) solve every *.csv in the folder at its capacity; one Markdown table
          minimize  minimize the capacity of every *.csv in the folder; one Markdown table
          scale     solve generated network-like problems of growing size; one Markdown table; with --grid
                    (or --shapes), plan a grid of shapes x sizes x slacks through the planner instead
          heuristic plan every *.csv in the folder with the heuristic planner (best-fit decreasing and
                    other starts improved by local search) within a fixed budget; one Markdown table
          onnx      lower the real ONNX models (fetched into the model cache), plan them minimized and
                    greedy by size; --runs lowering runs, --only=KEY,...; one Markdown table
          pools     every benchmark (or with --generated, generated networks of --sizes buffers, default
                    250,1000) as a two-pool problem: a fast pool of 50, 75 and 90 % of its live-size bound and
                    an unlimited slow pool; greedy cost, planner cost, lower bound, proof, time, CPU and
                    work; --pool-node-budget=N (the whole budget), --pool-work-budget=N; with --real-models,
                    the real ONNX models of the onnx command, without sharing and with all of it; with
                    --hierarchy, three pools: the fast bytes split into an L1 (cost 0) and an L2 (cost 1), an
                    unlimited DRAM (cost 4), weights of one to four accesses per byte
          aliases   every model (the sample models, then the real ONNX models of the onnx command) lowered with
                    no sharing, views, views and in-place outputs, and also Concat slices, minimized, beside its
                    lower bounds and the greedy-by-size plan of the same aliases; --only=MODEL,...

        folder: default ../shared/benchmarks/challenging beside the repository root (solve, minimize, heuristic);
                with solve --generated, where the generated problems' CSV files are written (and kept)

        options:
          --runs=N            timed runs per instance after one warm-up run (solve; default 5)
          --timeout=SECONDS   time limit per solve (solve: none; minimize: 60 per instance; scale: 60)
          --capacity=N        capacity for every file (default: the number in the file name, as in A.1048576.csv)
          --only=A,B,...      only the files (aliases: models) whose name starts with one of these
          --reference=PATH    solve: also time the authors' C++ solver (a build of google/minimalloc's
                              command-line program), whole process, median of --runs, side by side
          --cli=PATH          solve: also time our minimalloc program (for example
                              src/MiniMalloc.Cli/bin/Release/net10.0/minimalloc) as a whole process
          --disable=NAME,...  turn techniques off: {0}, or all
          --heuristics=WAT,TAW,TWA   preordering heuristics (letters A C L O T U W Z); minimize: the probe
                              heuristics (default TWA,TAW,WAT)
          --node-budget=N     minimize, aliases: search nodes per instance (default 400000; aliases: the
                              planner's, 500000 or ten per buffer)
          --exact             never use the large-problem sweep allocator: always the exact search
          --incremental-threshold=N  sub-problems above N buffers keep a live ordering tree (default: chosen
                              by size and density; 0: always, to compare both representations)
          --parallelism=N     threads per solve (default 1: single-threaded, deterministic; 0: all cores)
          --sizes=1000,5000,20000,100000,500000   buffer counts (scale)
          --seed=N            generator seed (scale) or local-search seed (heuristic); default 1
          --budget=SECONDS    heuristic: time budget per instance (default 2)
          --iterations=N      heuristic: a budget in moves instead of time (reproducible heights)
          --generated         solve, heuristic, minimize: generated network-like problems of --sizes buffers (seed
                              --seed, capacity --slack x the lower bound) instead of a folder's files
          --slack=1.25        capacity over the lower bound (scale)
          --memory-limit=MB   scale: heap limit of each child process (default 8192)
          --in-process        scale: solve in this process (default: a child process per size, so that its
                              peak working set is its own)
          --grid              scale: the grid of every shape (as --shapes=all), through the planner as
                              minimalloc and the MSBuild task run it (default budgets); default --sizes
                              10000,100000 and --slacks 1.0,1.1,1.25,1.5
          --shapes=training,decoder,...  scale grid: network, training, decoder, encoder-decoder, unet,
                              inception, or all
          --slacks=1.1,1.25   scale grid: capacities over the lower bound
          --live=20,1000      scale grid: buffers live at the busiest step (default 1000)
          --distribution=log-normal  scale grid: buffer sizes: uniform, log-normal, pow2
          --long-share=0.05   scale grid, network shape: the share of long-lived buffers
          --long-life=N       scale grid, network shape: their mean life in steps (default live / share)
          --search-nodes=N    scale grid: the exact search's node budget (default: the planner's)
          --search-only       scale grid: the exact search alone (the solver, as --exact), without the
                              planner's budgets and anytime plans, to measure its time per node
        """;

    public string Command { get; init; } = "solve";

    public string? Folder { get; init; }

    /// <summary><c>scale --grid --write-csv=DIR</c>: write the grid's problems there as CSV instead of planning them.</summary>
    public string? CsvFolder { get; init; }

    public int Runs { get; init; } = 5;

    public TimeSpan? Timeout { get; init; }

    public long? Capacity { get; init; }

    public IReadOnlyList<string> Only { get; init; } = [];

    public string? ReferenceBinary { get; init; }

    public string? CliBinary { get; init; }

    public SolverOptions Options { get; init; } = new();

    public MinimizeOptions MinimizeOptions { get; init; } = new();

    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 5_000, 20_000, 100_000, 500_000];

    public ulong Seed { get; init; } = 1;

    public double Slack { get; init; } = 1.25;

    public bool InProcess { get; init; }

    /// <summary>The heuristic command's time budget per instance (null: its default).</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>The solve, heuristic and minimize commands take generated problems of <see cref="Sizes"/> buffers instead of a folder's.</summary>
    public bool Generated { get; init; }

    /// <summary>The pools command plans the real ONNX models (lowered without sharing and with all of it) instead of benchmarks.</summary>
    public bool RealModels { get; init; }

    /// <summary>The pools command plans three pools (L1, L2, DRAM) with weights that are not the sizes.</summary>
    public bool Hierarchy { get; init; }

    /// <summary>True when --sizes was given (the pools command and the scale grid have their own default sizes).</summary>
    public bool SizesGiven { get; init; }

    /// <summary>The pools command's node budget per plan (null: the planner's default).</summary>
    public long? PoolNodeBudget { get; init; }

    /// <summary>The pools command's work budget per plan (null: the planner's default, which a node budget given turns off).</summary>
    public long? PoolWorkBudget { get; init; }

    /// <summary>The heuristic command's budget in moves (null: a time budget).</summary>
    public long? Iterations { get; init; }

    public long MemoryLimitMegabytes { get; init; } = 8192;

    /// <summary>Internal: the scale command's child process solves one size and prints one line.</summary>
    public int? ChildBuffers { get; init; }

    /// <summary>The scale grid's shapes (empty: the single network-like table of <see cref="NetworkProblemGenerator"/>).</summary>
    public IReadOnlyList<Generators.ProblemShape> Shapes { get; init; } = [];

    /// <summary>The scale grid's slacks (null: 1.0, 1.1, 1.25, 1.5).</summary>
    public IReadOnlyList<double>? Slacks { get; init; }

    /// <summary>The scale grid's live set, size distribution and network parameters.</summary>
    public Generators.ShapeParameters Shape { get; init; } = new();

    /// <summary>The scale grid's live sets (buffers live at the busiest step).</summary>
    public IReadOnlyList<int> LiveSets { get; init; } = [1_000];

    /// <summary>True when <c>--live</c> was given (the pools command then uses it instead of a sixteenth of the buffers).</summary>
    public bool LiveSetsGiven { get; init; }

    /// <summary>The scale grid's exact-search node budget (null: the planner's default).</summary>
    public long? SearchNodes { get; init; }

    /// <summary>The scale grid runs the exact search alone (the solver, never the sweep allocator), not the planner.</summary>
    public bool SearchOnly { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static HarnessArguments Parse(IReadOnlyList<string> args)
    {
        var result = new HarnessArguments();
        int position = 0;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (position == 0 && arg is "solve" or "minimize" or "scale" or "heuristic" or "onnx" or "aliases" or "pools") result = result with { Command = arg };
                else if (result.Folder is null) result = result with { Folder = arg };
                else throw new ArgumentException($"unexpected argument '{arg}'");
                position++;
                continue;
            }
            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            string Value()
            {
                if (value is not null) return value;
                if (i + 1 >= args.Count) throw new ArgumentException($"--{name} needs a value");
                return value = args[++i];
            }
            result = name switch
            {
                "runs" => result with { Runs = (int)Integer(name, Value(), 1) },
                "timeout" => result with { Timeout = TimeSpan.FromSeconds(Number(name, Value())) },
                "capacity" => result with { Capacity = Integer(name, Value(), 1) },
                "only" => result with { Only = List(Value()) },
                "reference" => result with { ReferenceBinary = Value() },
                "cli" => result with { CliBinary = Value() },
                "disable" => result with { Options = Disable(result.Options, Value()) },
                "heuristics" or "preordering-heuristics" => Heuristics(result, List(Value())),
                "node-budget" => result with { MinimizeOptions = result.MinimizeOptions with { NodeBudget = Integer(name, Value(), 0) } },
                "parallelism" => result with { Options = result.Options with { Parallelism = Threads(Integer(name, Value(), 0)) } },
                "sizes" => result with { Sizes = [.. List(Value()).Select(s => (int)Integer(name, s, 1))], SizesGiven = true },
                "grid" => result with { Shapes = Generators.ShapeNames.AllShapes },
                "shapes" or "child-shape" => result with { Shapes = ShapeList(Value()) },
                "slacks" or "child-slack" => result with { Slacks = [.. List(Value()).Select(s => Number(name, s))] },
                "live" => result with { LiveSets = [.. List(Value()).Select(v => (int)Math.Min(Integer(name, v, 1), int.MaxValue))], LiveSetsGiven = true },
                "distribution" => result with { Shape = result.Shape with { Sizes = Distribution(Value()) } },
                "long-share" => result with { Shape = result.Shape with { LongLivedShare = Number(name, Value()) } },
                "long-life" => result with { Shape = result.Shape with { LongLife = (int)Math.Min(Integer(name, Value(), 1), int.MaxValue) } },
                "search-nodes" => result with { SearchNodes = Integer(name, Value(), 0) },
                "pool-node-budget" => result with { PoolNodeBudget = Integer(name, Value(), 0) },
                "pool-work-budget" => result with { PoolWorkBudget = Integer(name, Value(), 0) },
                "seed" => result with { Seed = (ulong)Integer(name, Value(), 0) },
                "slack" => result with { Slack = Number(name, Value()) },
                "budget" => result with { Budget = TimeSpan.FromSeconds(Number(name, Value())) },
                "iterations" => result with { Iterations = Integer(name, Value(), 0) },
                "generated" => result with { Generated = true },
                "real-models" => result with { RealModels = true },
                "hierarchy" => result with { Hierarchy = true },
                "in-process" => result with { InProcess = true },
                "write-csv" => result with { CsvFolder = Value() },
                "incremental-threshold" => result with { Options = result.Options with { IncrementalThreshold = (int)Math.Min(Integer(name, Value(), 0), int.MaxValue) } },
                "exact" => result with { Options = result.Options with { LargeProblemHeuristic = false } },
                "search-only" => result with { SearchOnly = true, Options = result.Options with { LargeProblemHeuristic = false } },
                "memory-limit" => result with { MemoryLimitMegabytes = Integer(name, Value(), 64) },
                "child" => result with { ChildBuffers = (int)Integer(name, Value(), 1) },
                "help" or "h" => throw new ArgumentException(""),
                _ => throw new ArgumentException($"unknown option --{name}"),
            };
        }
        if (result.Options.Validate() is { } error) throw new ArgumentException(error);
        if (result.MinimizeOptions.Validate() is { } minimizeError) throw new ArgumentException(minimizeError);
        if (result.Slack < 1 || result.Slacks?.Any(s => s < 1) == true) throw new ArgumentException("--slack and --slacks must be at least 1");
        if (result.Shape.Validate() is { } shapeError) throw new ArgumentException(shapeError);
        return result;
    }

    private static HarnessArguments Heuristics(HarnessArguments result, List<string> heuristics) => result with
    {
        Options = result.Options with { PreorderingHeuristics = heuristics },
        MinimizeOptions = result.MinimizeOptions with { Heuristics = heuristics },
    };

    private static List<Generators.ProblemShape> ShapeList(string value)
    {
        var names = List(value);
        if (names is ["all"]) return [.. Generators.ShapeNames.AllShapes];
        return [.. names.Select(n => Generators.ShapeNames.TryParseShape(n, out var shape) ? shape
            : throw new ArgumentException($"unknown shape '{n}'; the shapes are {string.Join(", ", Generators.ShapeNames.AllShapes.Select(Generators.ShapeNames.Name))}, all"))];
    }

    private static Generators.SizeDistribution Distribution(string value) =>
        Generators.ShapeNames.TryParseSizes(value, out var sizes) ? sizes
            : throw new ArgumentException($"unknown size distribution '{value}'; they are {string.Join(", ", Generators.ShapeNames.AllDistributions.Select(Generators.ShapeNames.Name))}");

    private static SolverOptions Disable(SolverOptions options, string names)
    {
        foreach (var name in List(names))
        {
            if (!TechniqueSwitches.TryDisable(options, name, out options))
            {
                throw new ArgumentException($"unknown technique '{name}'; the names are {string.Join(", ", TechniqueSwitches.ShortNames)}, all");
            }
        }
        return options;
    }

    private static int Threads(long requested) => requested == 0 ? Environment.ProcessorCount : (int)Math.Min(requested, 256);

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static long Integer(string name, string value, long min)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long result) || result < min)
        {
            throw new ArgumentException($"--{name}: '{value}' is not an integer of at least {min}");
        }
        return result;
    }

    private static double Number(string name, string value)
    {
        string text = value.EndsWith('s') ? value[..^1] : value; // accept the reference's "10s"
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) || result <= 0 || !double.IsFinite(result))
        {
            throw new ArgumentException($"--{name}: '{value}' is not a positive number");
        }
        return result;
    }
}
