using System.Globalization;
using MiniMalloc.Planning;

namespace MiniMalloc.Fuzz;

/// <summary>
/// The <c>pools</c> target: any bytes as a lifetimes file; a small pool problem that reads without errors is planned
/// end to end through <see cref="Planner.Run"/> (what the CLI and the MSBuild task call), with a small node budget,
/// and what it claims is checked independently. A crash is an exception, a plan the validator rejects (in the
/// pipeline, MMB3005, or read back from its CSV), a plan costlier than the greedy baseline, a lower bound above the
/// plan's cost, no plan where greedy has one, a warm start that plans costlier than the plan it starts from, or, on up
/// to <see cref="PoolAssignmentOracle.MaxBuffers"/> buffers, "optimal" or "infeasible" where the enumeration of pool
/// assignments disagrees.
/// </summary>
internal static class PoolsTarget
{
    // Small enough that one run is a few milliseconds: the point is what the planner claims, not its search.
    private const int MaxBuffers = 10;
    private const int MaxPools = 8;
    private const long MaxSize = 1 << 16;
    private const long MaxStep = 256;
    private const long NodeBudget = 20_000;

    // Replaying with MINIMALLOC_FUZZ_TRACE=1 says what each input reached (skipped, or the run's figures).
    private static readonly bool Trace = Environment.GetEnvironmentVariable("MINIMALLOC_FUZZ_TRACE") == "1";

    // One folder per process: afl-fuzz may run several instances side by side.
    private static readonly string Folder = Directory.CreateTempSubdirectory($"mm-fuzz-pools-{Environment.ProcessId}-").FullName;

    public static void Run(byte[] bytes)
    {
        var read = LifetimesReader.Read("fuzz.lifetimes.json", bytes);
        if (!read.Succeeded || read.Diagnostics.Any(d => d.IsError) || read is not { Pools: { } pools, Problem: { } problem } || !Small(problem, pools))
        {
            if (Trace) Console.Error.WriteLine("pools: skipped (errors, no pools, or not small)");
            return;
        }
        var poolProblem = PoolSearch.ToPoolProblem(problem, pools);

        // The settings vary with the input, so that the fuzzer reaches each: minimized heights, a header and a
        // report (which may refuse pool names as C identifiers, a coded error), a warm start from the first plan.
        int selector = bytes.Aggregate(0, (sum, b) => (sum + b) & 0xff);
        var settings = new Settings(Minimize: (selector & 1) != 0, Outputs: (selector & 2) != 0, WarmStart: (selector & 4) != 0);
        string input = Path.Combine(Folder, "fuzz.lifetimes.json");
        File.WriteAllBytes(input, bytes);
        string previous = Path.Combine(Folder, "previous.json");
        File.Delete(previous);

        var first = Check(poolProblem, Plan(input, settings, previous), settings);
        if (settings.WarmStart && first is { } plan)
        {
            // The previous plan is an incumbent: the warm-started plan may be cheaper, never costlier.
            var again = Check(poolProblem, Plan(input, settings, previous), settings);
            if (again is null) Fail(settings, $"the warm start from a plan of cost {plan.Cost} found no plan");
            if (again!.Cost > plan.Cost) Fail(settings, $"the warm start planned cost {again.Cost}, above the previous plan's {plan.Cost}");
        }
    }

    private readonly record struct Settings(bool Minimize, bool Outputs, bool WarmStart)
    {
        public override string ToString() => $"minimize {Minimize}, outputs {Outputs}, warm start {WarmStart}";
    }

    private static bool Small(Problem problem, PlanPools pools) =>
        problem.Buffers.Count is > 0 and <= MaxBuffers && pools.Pools.Count <= MaxPools
        && problem.Buffers.All(b => b.Size <= MaxSize && b.Lifespan.Upper <= MaxStep && b.Gaps.Count <= 4);

    private static PlanOutcome Plan(string input, Settings settings, string previous) => Planner.Run(new PlanRequest
    {
        InputPath = input,
        MinimizeCapacity = settings.Minimize,
        MinimizeNodes = Planning.NodeBudget.Of(NodeBudget),
        // A safety net only: the node budget ends every search on these sizes long before.
        Timeout = TimeLimit.Of(TimeSpan.FromSeconds(30)),
        ReturnCsv = true,
        HeaderPath = settings.Outputs ? Path.Combine(Folder, "fuzz.h") : null,
        ReportPath = settings.Outputs ? Path.Combine(Folder, "fuzz.html") : null,
        PreviousPlanPath = settings.WarmStart ? previous : null,
    });

    // The outcome's plan read back and checked, or null when the run ended without one for a reason it may have.
    private static PoolSolution? Check(PoolProblem problem, PlanOutcome outcome, Settings settings)
    {
        var greedy = PoolGreedy.Solve(problem);
        var oracle = problem.Buffers.Count <= PoolAssignmentOracle.MaxBuffers && problem.Pools.Count <= PoolAssignmentOracle.MaxPools
            ? PoolAssignmentOracle.Solve(problem)
            : default(PoolAssignmentOracle.Verdict?);
        var errors = outcome.Diagnostics.Where(d => d.IsError).ToList();
        if (Trace)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pools ({settings}): {outcome.Status}, {outcome.Search?.Pools?.Describe()}; greedy {greedy?.Cost}; enumeration {oracle}; {Describe(errors)}"));
        }
        if (!outcome.Succeeded)
        {
            if (errors.Count == 0) Fail(settings, $"the run failed ({outcome.Status}) without an error");
            if (errors.Any(d => d.Code == DiagnosticCodes.PlanRejected)) Fail(settings, "the pipeline rejected the planner's plan: " + Describe(errors));
            if (outcome.Status == PlanStatus.Infeasible)
            {
                if (greedy is not null) Fail(settings, $"infeasible, but greedy plans cost {greedy.Cost}: " + Describe(errors));
                if (oracle is { Decided: true, OptimalCost: { } optimum }) Fail(settings, $"infeasible, but the enumeration plans cost {optimum}: " + Describe(errors));
            }
            else if (outcome.Status == PlanStatus.TimedOut && greedy is not null)
            {
                Fail(settings, $"no plan within the budget, but greedy plans cost {greedy.Cost}: " + Describe(errors));
            }
            return null;
        }
        if (errors.Count > 0) Fail(settings, "a run that succeeded reported an error: " + Describe(errors));
        if (outcome.Csv is not { } csv || outcome.Search?.Pools is not { Cost: { } cost } figures) { Fail(settings, "a pool run that succeeded has no CSV or no cost"); return null; }

        var plan = PoolPlanCsv.Read(csv, problem);
        if (PoolValidator.Validate(problem, plan) is [var violation, ..]) Fail(settings, $"the plan written fails validation ({violation.Kind}): {violation.Message}");
        if (plan.Cost != cost) Fail(settings, $"the CSV's plan costs {plan.Cost}, the run says {cost}");
        if (figures.CostLowerBound > cost) Fail(settings, $"lower bound {figures.CostLowerBound} above the plan's cost {cost}");
        if (greedy is not null && cost > greedy.Cost) Fail(settings, $"the plan costs {cost}, greedy's {greedy.Cost}");
        if (oracle is { Decided: true } verdict)
        {
            if (verdict.OptimalCost is not { } optimum) Fail(settings, $"the enumeration finds no plan, the planner one of cost {cost}");
            else if (cost < optimum) Fail(settings, $"the plan costs {cost}, below the enumeration's optimum {optimum}");
            else if (figures.ProvenOptimal && cost != optimum) Fail(settings, $"cost {cost} proven optimal, but the enumeration plans cost {optimum}");
            else if (figures.CostLowerBound > optimum) Fail(settings, $"lower bound {figures.CostLowerBound} above the enumeration's optimum {optimum}");
        }
        return plan;
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("; ", diagnostics);

    private static void Fail(Settings settings, string what) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"pools ({settings}): {what}"));
}
