using System.Globalization;
using System.Text;

namespace MiniMalloc.Cli;

/// <summary>
/// The one line the tool prints on standard error after a solve: buffers, height (or why there is none),
/// capacity, lower bound, time, nodes, backtracks, the heuristic that decided, and PASS or FAIL with --validate.
/// </summary>
internal static class SummaryLine
{
    public static string Format(int buffers, long? capacity, PlanAttempt attempt, bool? validationPassed)
    {
        var line = new StringBuilder("minimalloc: ");
        line.Append(Invariant(buffers)).Append(buffers == 1 ? " buffer, " : " buffers, ");
        switch (attempt.Status)
        {
            case SolveStatus.Solved when attempt.Solution is { } solution:
                line.Append("height ").Append(Invariant(solution.Height));
                if (attempt.Minimized) line.Append(attempt.ProvenOptimal ? " (proven optimal)" : " (not proven optimal)");
                break;
            case SolveStatus.Infeasible:
                line.Append("no solution");
                break;
            case SolveStatus.TimedOut:
                line.Append("timed out");
                break;
            default:
                line.Append("cancelled");
                break;
        }
        line.Append(", capacity ").Append(capacity is { } c ? Invariant(c) : "unlimited");
        line.Append(", lower bound ").Append(Invariant(attempt.LowerBound));
        line.Append(", time ").Append(attempt.Statistics.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)).Append(" s");
        line.Append(", nodes ").Append(Invariant(attempt.Statistics.Nodes));
        line.Append(", backtracks ").Append(Invariant(attempt.Statistics.Backtracks));
        if (attempt.Statistics.Heuristic is { } heuristic) line.Append(", heuristic ").Append(heuristic);
        if (validationPassed is { } passed) line.Append(passed ? ", PASS" : ", FAIL");
        return line.ToString();
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
