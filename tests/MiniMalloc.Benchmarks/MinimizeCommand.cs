using System.Diagnostics;
using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// <c>minimize</c>: runs the capacity minimizer on every benchmark of a folder, or on generated networks with
/// <c>--generated</c> (the problem's capacity is the ceiling), and prints the max-live-size bound, the best proven lower bound and how it was proven, the height found, the
/// remaining gap, whether it is proven optimal, time and validation, beside what the reference achieves.
/// </summary>
internal static class MinimizeCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static int Run(HarnessArguments args, TextWriter output, TextWriter progress)
    {
        var instances = HarnessInstance.Select(args);
        var settings = args.MinimizeOptions;
        // The planner's default budgets: its work budget too, unless a node budget was given (then that is the whole budget).
        var options = args.Options with
        {
            Timeout = args.Timeout ?? DefaultTimeout,
            WorkBudget = settings.NodeBudget is null ? Planning.PlanBudget.MinimizeWork : null,
        };
        var table = new MarkdownTable("instance", "buffers", "max live", "lower bound", "proven by", "height", "gap",
            "proven optimal", "time (s)", "nodes", "validation", "reference (60 s)").Numeric(1, 2, 3, 5, 6, 8, 9);
        double totalSeconds = 0;
        long totalNodes = 0;
        int proven = 0, valid = 0;
        foreach (var instance in instances)
        {
            var problem = instance.Load();
            long maxLive = LiveProfile.Of(problem).Peak;
            var watch = Stopwatch.StartNew();
            var result = new CapacityMinimizer(options, settings).Minimize(problem);
            double seconds = watch.Elapsed.TotalSeconds;
            totalSeconds += seconds;
            totalNodes += result.Statistics.Nodes;
            string validation = result.Solution is { } s
                ? MarkdownTable.Verdict(Validator.Validate(problem.WithCapacity(s.Height), s))
                : result.Status.ToString().ToLowerInvariant();
            if (validation == "ok") valid++;
            if (result.ProvenOptimal) proven++;
            string gap = result.Solution is { } found ? MarkdownTable.Gap(found.Height, result.LowerBound) : "—";
            var reference = instance.Reference;
            table.Add(instance.Name, MarkdownTable.Integer(problem.Buffers.Count), MarkdownTable.Integer(maxLive),
                MarkdownTable.Integer(result.LowerBound), ProofName(result.LowerBoundProof),
                result.Solution is { } h ? MarkdownTable.Integer(h.Height) : "—", gap,
                result.ProvenOptimal ? "yes" : "no", MarkdownTable.Seconds(seconds),
                MarkdownTable.Integer(result.Statistics.Nodes), validation, reference?.Minimize ?? "—");
            progress.WriteLine($"{instance.Name}: {result.Status}, height {result.Solution?.Height.ToString(CultureInfo.InvariantCulture) ?? "none"}, " +
                $"lower bound {result.LowerBound} ({ProofName(result.LowerBoundProof)}), {result.Statistics.Nodes} nodes, {seconds:F2} s");
        }
        table.Add("total", "", "", "", "", "", "", $"{proven}/{instances.Count}", MarkdownTable.Seconds(totalSeconds),
            MarkdownTable.Integer(totalNodes), $"{valid}/{instances.Count} ok", "");
        output.Write(table.ToString());
        output.WriteLine();
        output.WriteLine($"*Capacity minimization, ceiling = the problem's capacity, {(settings.NodeBudget is { } budget ? $"{budget}" : "500000 (or 10 per buffer)")} search nodes per instance " +
            $"(time limit {options.Timeout!.Value.TotalSeconds:0.###} s, a safety net); {TechniqueSwitches.Describe(options)}; " +
            $"probe heuristics {string.Join(",", settings.Heuristics)}; {Machine.Describe()}. Reference: the C++ solver, measured on a machine of this kind (binary search from 0, 60 s).*");
        return valid == instances.Count ? 0 : 1;
    }

    private static string ProofName(LowerBoundProof proof) => proof switch
    {
        LowerBoundProof.MaxLive => "max live",
        LowerBoundProof.Subset => "subset",
        _ => "search",
    };
}
