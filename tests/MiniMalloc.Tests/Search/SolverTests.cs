namespace MiniMalloc.Tests.Search;

public class SolverTests
{
    private static Problem Example(long capacity) => Examples.ReadmeExample(capacity);

    private static Solution AssertSolvedAndValid(Problem problem, SolverOptions? options = null)
    {
        var result = new Solver(options).Solve(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.NotNull(result.Solution);
        var verdict = Validator.Validate(problem, result.Solution);
        Assert.True(verdict.IsValid, verdict.Message);
        return result.Solution;
    }

    [Fact]
    public void Readme_example_fits_in_12_and_not_in_11()
    {
        var solution = AssertSolvedAndValid(Example(12));
        Assert.Equal(12, solution.Height);
        var tight = new Solver().Solve(Example(11));
        Assert.Equal(SolveStatus.Infeasible, tight.Status);
        Assert.Null(tight.Solution);
    }

    [SharedBenchmarkFact]
    public void Shared_example_file_agrees()
    {
        var problem = SharedBenchmarks.Load("examples/input.12.csv", 12);
        AssertSolvedAndValid(problem);
        Assert.Equal(SolveStatus.Infeasible, new Solver().Solve(problem.WithCapacity(11)).Status);
    }

    [Fact]
    public void Empty_problem_is_solved_with_height_zero()
    {
        var result = new Solver().Solve(new Problem([], 0));
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Equal(0, result.Solution!.Height);
    }

    [Fact]
    public void Alignment_is_respected_and_can_make_a_problem_infeasible()
    {
        // Sizes 3 + 4 fit in 7 unaligned; with b aligned to 4 the only order that fits puts b at 0.
        var a = new Buffer("a", 0, 2, 3);
        var b = new Buffer("b", 0, 2, 4) { Alignment = 4 };
        var solution = AssertSolvedAndValid(new Problem([a, b], 7));
        Assert.Equal(0, solution.Offsets[1]);
        Assert.Equal(4, solution.Offsets[0]);
        // 3 + 2 + 2 bytes live, but two 2-byte buffers aligned to 4 leave holes too small for the 3-byte one.
        var c = new Buffer("c", 0, 2, 2) { Alignment = 4 };
        var d = new Buffer("d", 0, 2, 2) { Alignment = 4 };
        Assert.Equal(SolveStatus.Infeasible, new Solver().Solve(new Problem([a, c, d], 8)).Status);
        Assert.Equal(9, AssertSolvedAndValid(new Problem([a, c, d], 9)).Height);
    }

    [Fact]
    public void Fixed_offsets_are_kept()
    {
        var a = new Buffer("a", 0, 4, 4) { Offset = 4 };
        var b = new Buffer("b", 0, 4, 4);
        var solution = AssertSolvedAndValid(new Problem([a, b], 8));
        Assert.Equal(4, solution.Offsets[0]);
        Assert.Equal(0, solution.Offsets[1]);
        Assert.Equal(SolveStatus.Infeasible, new Solver().Solve(new Problem([a, b with { Offset = 2 }], 8)).Status);
    }

    [Fact]
    public void A_gap_lets_another_buffer_use_the_space()
    {
        var gapped = new Buffer("g", 0, 10, 8) { Gaps = [new Gap(new Lifespan(3, 6))] };
        var inside = new Buffer("in", 3, 6, 8);
        var solution = AssertSolvedAndValid(new Problem([gapped, inside], 8));
        Assert.Equal([0L, 0L], solution.Offsets);
    }

    [Fact]
    public void A_gap_window_only_reserves_its_window()
    {
        // During [3,6) the big buffer keeps only its low 2 bytes, so a 6-byte buffer fits on top of them in 8.
        var windowed = new Buffer("w", 0, 10, 8) { Gaps = [new Gap(new Lifespan(3, 6), new Window(0, 2))] };
        var inside = new Buffer("in", 3, 6, 6);
        var solution = AssertSolvedAndValid(new Problem([windowed, inside], 8));
        Assert.Equal(0, solution.Offsets[0]);
        Assert.Equal(2, solution.Offsets[1]);
        Assert.Equal(SolveStatus.Infeasible, new Solver().Solve(new Problem([windowed, inside with { Size = 7 }], 8)).Status);
    }

    [Fact]
    public void Buffer_larger_than_capacity_is_infeasible()
    {
        Assert.Equal(SolveStatus.Infeasible, new Solver().Solve(new Problem([new Buffer("big", 0, 1, 9)], 8)).Status);
    }

    [Fact]
    public void Cancelled_solve_says_cancelled_not_infeasible()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var problem = RandomDense(seed: 1, count: 60);
        var result = new Solver(new SolverOptions { PreorderingHeuristics = ["WAT"] }).Solve(problem, cts.Token);
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.Null(result.Solution);
    }

    [SharedBenchmarkFact]
    public void Timed_out_solve_says_timed_out_not_infeasible()
    {
        // Challenging D at 1,000,000 bytes: above its live-size bound (986,112), below any height known to fit,
        // and undecided for far longer than the limit.
        var problem = SharedBenchmarks.Load("challenging/D.1048576.csv", 1_000_000);
        var result = new Solver(new SolverOptions { Timeout = TimeSpan.FromMilliseconds(300) }).Solve(problem);
        Assert.Equal(SolveStatus.TimedOut, result.Status);
        Assert.Null(result.Solution);
        Assert.True(result.Statistics.Nodes > 0);
    }

    [Fact]
    public void A_zero_timeout_stops_before_the_search_decides()
    {
        var result = new Solver(new SolverOptions { Timeout = TimeSpan.Zero }).Solve(RandomDense(seed: 7, count: 40));
        Assert.Equal(SolveStatus.TimedOut, result.Status);
    }

    [Fact]
    public void Hints_that_fit_are_kept()
    {
        var problem = Example(12);
        var first = AssertSolvedAndValid(problem);
        var hinted = problem with { Buffers = problem.Buffers.Select((b, i) => b with { Hint = first.Offsets[i] }).ToArray() };
        var again = AssertSolvedAndValid(hinted);
        Assert.Equal(first.Offsets, again.Offsets);
    }

    [Fact]
    public void Hints_that_no_longer_fit_fall_back_to_a_cold_solve()
    {
        var problem = Example(12);
        // Every buffer hinted at 8: only one can keep it; the rest must move, and the result is still valid.
        var hinted = problem with { Buffers = problem.Buffers.Select(b => b with { Hint = 8 }).ToArray() };
        AssertSolvedAndValid(hinted);
    }

    [Fact]
    public void Parallel_mode_returns_the_sequential_plan_and_proves_infeasibility()
    {
        var parallel = new SolverOptions { Parallelism = 3 };
        int decidedLate = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            var problem = RandomDense(seed, count: 60);
            long height = new CapacityMinimizer().Minimize(problem.WithCapacity(0)).Solution!.Height;
            var sequential = new Solver().Solve(problem.WithCapacity(height));
            var both = AssertSolvedAndValid(problem.WithCapacity(height), parallel);
            // Whatever the threads' timing, the answer is the first attempt of the round robin that decides.
            Assert.Equal(sequential.Solution!.Offsets, both.Offsets);
            Assert.Equal(SolveStatus.Infeasible, new Solver(parallel).Solve(problem.WithCapacity(height - 1)).Status);
            if (sequential.Statistics.Nodes > 2 * problem.Buffers.Count) decidedLate++;
        }
        // Some of these needed more than the first attempt (its budget is twice the buffers), so the threads really
        // shared the round robin.
        Assert.True(decidedLate > 0);
    }

    [Fact]
    public void Statistics_name_the_heuristic_and_count_nodes()
    {
        var result = new Solver().Solve(Example(12));
        Assert.Contains(result.Statistics.Heuristic, SolverOptions.DefaultPreorderingHeuristics);
        Assert.True(result.Statistics.Nodes >= 5);
    }

    [Fact]
    public void Malformed_problems_and_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Solver().Solve(new Problem([new Buffer("a", 3, 3, 1)], 4)));
        Assert.Throws<ArgumentException>(() => new Solver().Solve(new Problem([new Buffer("a", 0, 3, 0)], 4)));
        Assert.Throws<ArgumentException>(() => new Solver().Solve(new Problem([new Buffer("a", 0, 3, 1), new Buffer("a", 0, 3, 1)], 4)));
        Assert.Throws<ArgumentException>(() => new Solver(new SolverOptions { PreorderingHeuristics = ["WXY"] }));
    }

    internal static Problem RandomDense(int seed, int count)
    {
        var random = new Random(seed);
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++)
        {
            long lower = random.Next(0, 20);
            buffers[i] = new Buffer($"b{i}", lower, lower + random.Next(1, 12), random.Next(1, 64));
        }
        return new Problem(buffers, 1 << 20);
    }
}
