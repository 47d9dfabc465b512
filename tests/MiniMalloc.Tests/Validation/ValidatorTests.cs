namespace MiniMalloc.Tests.Validation;

public class ValidatorTests
{
    private static readonly Problem TwoBuffers = new([new Buffer("a", 0, 4, 4), new Buffer("b", 2, 6, 4) { Alignment = 2 }], 8);

    private static ValidationResult Check(Problem problem, params long[] offsets) => Validator.Validate(problem, Solution.FromOffsets(problem, offsets));

    [Fact]
    public void Valid_solution_passes() => Assert.True(Check(TwoBuffers, 0, 4).IsValid);

    [Fact]
    public void Each_violation_is_named()
    {
        Assert.Equal(ViolationKind.OffsetCount, Validator.Validate(TwoBuffers, new Solution([0], 4)).Kind);
        var fixedProblem = TwoBuffers with { Buffers = [TwoBuffers.Buffers[0] with { Offset = 4 }, TwoBuffers.Buffers[1]] };
        Assert.Equal(ViolationKind.FixedOffset, Check(fixedProblem, 0, 4).Kind);
        Assert.Equal(ViolationKind.Bounds, Check(TwoBuffers, 0, 6).Kind);
        Assert.Equal(ViolationKind.Bounds, Check(TwoBuffers, -2, 4).Kind);
        Assert.Equal(ViolationKind.Alignment, Check(TwoBuffers.WithCapacity(16), 0, 5).Kind);
        var overlap = Check(TwoBuffers, 0, 2);
        Assert.Equal(ViolationKind.Overlap, overlap.Kind);
        Assert.Equal((0, 1), (overlap.BufferIndex, overlap.OtherBufferIndex));
        Assert.Contains("step 2", overlap.Message);
        Assert.Equal(ViolationKind.Height, Validator.Validate(TwoBuffers, new Solution([0, 4], 7)).Kind);
    }

    [Fact]
    public void Buffers_that_only_touch_in_time_may_share_bytes()
    {
        var problem = new Problem([new Buffer("a", 0, 3, 4), new Buffer("b", 3, 6, 4)], 4);
        Assert.True(Check(problem, 0, 0).IsValid);
    }

    [Fact]
    public void Gaps_and_windows_are_taken_into_account()
    {
        var windowed = new Buffer("w", 0, 10, 8) { Gaps = [new Gap(new Lifespan(3, 6), new Window(0, 2))] };
        var inside = new Buffer("in", 3, 6, 6);
        var problem = new Problem([windowed, inside], 8);
        Assert.True(Check(problem, 0, 2).IsValid);
        Assert.Equal(ViolationKind.Overlap, Check(problem, 0, 1).Kind);
    }
}
