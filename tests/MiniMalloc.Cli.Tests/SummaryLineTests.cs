namespace MiniMalloc.Cli.Tests;

public class SummaryLineTests
{
    private static readonly SolveStatistics Statistics = new() { Nodes = 17, Backtracks = 3, Elapsed = TimeSpan.FromMilliseconds(1234), Heuristic = "TAW" };

    [Fact]
    public void Names_every_figure_in_one_line()
    {
        var attempt = new PlanAttempt(SolveStatus.Solved, new Solution([0, 4], 8), 8, Minimized: false, ProvenOptimal: false, Statistics);
        Assert.Equal("minimalloc: 2 buffers, height 8, capacity 12, lower bound 8, time 1.234 s, nodes 17, backtracks 3, heuristic TAW",
            SummaryLine.Format(2, 12, attempt, validationPassed: null));
    }

    [Fact]
    public void Says_whether_a_minimized_height_is_proven_and_prints_fail_when_validation_fails()
    {
        var attempt = new PlanAttempt(SolveStatus.Solved, new Solution([0], 9), 8, Minimized: true, ProvenOptimal: false, Statistics with { Heuristic = null });
        Assert.Equal("minimalloc: 1 buffer, height 9 (not proven optimal), capacity unlimited, lower bound 8, time 1.234 s, nodes 17, backtracks 3, FAIL",
            SummaryLine.Format(1, null, attempt, validationPassed: false));
    }

    [Theory]
    [InlineData(SolveStatus.Infeasible, "no solution")]
    [InlineData(SolveStatus.TimedOut, "timed out")]
    [InlineData(SolveStatus.Cancelled, "cancelled")]
    public void Without_a_plan_says_why(SolveStatus status, string words)
    {
        var attempt = new PlanAttempt(status, null, 8, Minimized: false, ProvenOptimal: false, Statistics);
        Assert.StartsWith($"minimalloc: 3 buffers, {words}, capacity 7, lower bound 8,", SummaryLine.Format(3, 7, attempt, null), StringComparison.Ordinal);
    }
}
