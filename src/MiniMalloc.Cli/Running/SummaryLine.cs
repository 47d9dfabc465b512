using System.Globalization;
using System.Text;
using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// The one line the tool prints on standard error after a search: buffers, height (or why there is none),
/// capacity, lower bound, time (the whole run's, anytime plans and validation included), nodes, backtracks, the heuristic that decided, and PASS or FAIL with --validate.
/// </summary>
internal static class SummaryLine
{
    public static string Format(SearchReport search, PlanStatus status, bool validate)
    {
        var line = new StringBuilder("minimalloc: ");
        line.Append(Invariant(search.BufferCount)).Append(search.BufferCount == 1 ? " buffer, " : " buffers, ");
        if (search.Pools is { } pools)
        {
            // A pool plan: its cost beside the proven lower bound on it, and each pool's height of its capacity.
            line.Append(pools.Describe());
            if (pools.Cost is null)
            {
                // As for one arena: a budget stops at the same place on every machine, undecided, not timed out.
                line.Append(status switch
                {
                    PlanStatus.Infeasible => ", no solution",
                    PlanStatus.TimedOut when !search.UndecidedByClock => ", undecided at the search's budget",
                    PlanStatus.TimedOut => ", timed out",
                    _ => ", cancelled",
                });
            }
            line.Append(", time ").Append(search.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)).Append(" s");
            line.Append(", nodes ").Append(Invariant(search.Statistics.Nodes));
            if (pools.Method.Length > 0) line.Append(", ").Append(pools.Method);
            if (validate && search.PlanValid is { } poolValid) line.Append(poolValid ? ", PASS" : ", FAIL");
            return line.ToString();
        }
        if (search.Height is { } height)
        {
            line.Append("height ").Append(Invariant(height));
            // After the time limit, the words scripts have matched on; after a work budget, the planner's own.
            if (search.HeuristicFallback && search.Method is { } fallback && !fallback.EndsWith("time limit", StringComparison.Ordinal)) line.Append(" (").Append(fallback).Append(')');
            else if (search.HeuristicFallback) line.Append(" (heuristic plan after a timeout)");
            else if (search.Origin is PlanOrigin.Heuristic or PlanOrigin.Sweep && search.Method is { } method)
            {
                line.Append(" (").Append(search.ProvenOptimal ? "proven optimal, " : "").Append(method).Append(')');
            }
            else if (search.Minimized) line.Append(search.ProvenOptimal ? " (proven optimal)" : " (not proven optimal)");
        }
        else
        {
            line.Append(status switch
            {
                PlanStatus.Infeasible => "no solution",
                // A work budget stops at the same place on every machine: undecided, not timed out (exit code 3 either way).
                PlanStatus.TimedOut when search.BestHeight is not null && !search.UndecidedByClock => "undecided at the search's budget",
                PlanStatus.TimedOut => "timed out",
                _ => "cancelled",
            });
            // What the user can still have: the best plan found, above the capacity, against the proven bound.
            if (search.BestHeight is { } best)
            {
                line.Append(" (best plan ").Append(Invariant(best));
                if (search.LowerBound > 0)
                {
                    line.Append(", ").Append(((best - search.LowerBound) * 100.0 / search.LowerBound).ToString("0.00", CultureInfo.InvariantCulture)).Append(" % above the bound");
                }
                line.Append(')');
            }
        }
        line.Append(", capacity ").Append(search.Capacity is { } c ? Invariant(c.Bytes) : "unlimited");
        line.Append(", lower bound ").Append(Invariant(search.LowerBound));
        line.Append(", time ").Append(search.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)).Append(" s");
        line.Append(", nodes ").Append(Invariant(search.Statistics.Nodes));
        line.Append(", backtracks ").Append(Invariant(search.Statistics.Backtracks));
        if (search.Statistics.Heuristic is { } heuristic) line.Append(", heuristic ").Append(heuristic);
        if (validate && search.PlanValid is { } valid) line.Append(valid ? ", PASS" : ", FAIL");
        return line.ToString();
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
