namespace MiniMalloc.Tests.Analysis;

public class TimeSliceTests
{
    [Fact]
    public void Buffers_are_cut_to_the_range_and_those_not_live_in_it_left_out()
    {
        var problem = new Problem(
        [
            new Buffer("before", 0, 2, 8),
            new Buffer("across", 1, 9, 4) { Alignment = 4, Offset = 16, Hint = 4, Gaps = [new Gap(new Lifespan(2, 4)), new Gap(new Lifespan(6, 8), new Window(0, 2))] },
            new Buffer("asleep", 2, 7, 4) { Gaps = [new Gap(new Lifespan(3, 6))] },
            new Buffer("after", 7, 9, 2),
        ], 64);
        var slice = TimeSlice.Of(problem, 3, 7);

        Assert.Equal(64, slice.Capacity);
        Assert.Equal(["across", "asleep"], slice.Buffers.Select(b => b.Id));
        var across = slice.Buffers[0];
        Assert.Equal(new Lifespan(3, 7), across.Lifespan);
        Assert.Equal([new Gap(new Lifespan(3, 4)), new Gap(new Lifespan(6, 7), new Window(0, 2))], across.Gaps);
        Assert.Equal((4L, 16L, 4L), (across.Size, across.Offset!.Value, across.Alignment));
        Assert.Null(across.Hint);
        // Live at 6 only, after its gap: kept, with the gap that covers the rest of the range.
        Assert.Equal(new Lifespan(3, 7), slice.Buffers[1].Lifespan);
        Assert.Equal([new Gap(new Lifespan(3, 6))], slice.Buffers[1].Gaps);
        Assert.Null(ProblemChecker.FirstError(slice));
    }

    [Fact]
    public void A_buffer_asleep_throughout_the_range_is_left_out()
    {
        var problem = new Problem([new Buffer("asleep", 0, 9, 4) { Gaps = [new Gap(new Lifespan(2, 6))] }], 8);
        Assert.Empty(TimeSlice.Of(problem, 3, 5).Buffers);
    }

    [Fact]
    public void A_slice_that_does_not_fit_means_the_whole_problem_does_not()
    {
        // Three 2-byte buffers aligned to 4 and a 3-byte one need 13 bytes (holes at 2 and 6 are too small for the
        // 3-byte one), though only 9 are live: the slice of their steps proves that on its own.
        var problem = AlignedFragment(later: 10);
        var solver = new Solver();
        Assert.Equal(SolveStatus.Infeasible, solver.Solve(TimeSlice.Of(problem, 0, 2).WithCapacity(12)).Status);
        Assert.Equal(SolveStatus.Solved, solver.Solve(TimeSlice.Of(problem, 0, 2).WithCapacity(13)).Status);
        Assert.Equal(SolveStatus.Infeasible, solver.Solve(problem.WithCapacity(12)).Status);
    }

    /// <summary>A fragment whose optimum exceeds its live bytes (alignment holes), and one later buffer.</summary>
    internal static Problem AlignedFragment(long later) => new(
    [
        new Buffer("a", 0, 2, 3),
        new Buffer("c", 0, 2, 2) { Alignment = 4 },
        new Buffer("d", 0, 2, 2) { Alignment = 4 },
        new Buffer("e", 0, 2, 2) { Alignment = 4 },
        new Buffer("later", 5, 6, later),
    ], 0);
}
