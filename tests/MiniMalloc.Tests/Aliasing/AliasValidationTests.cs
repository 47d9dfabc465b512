namespace MiniMalloc.Tests.Aliasing;

public class AliasValidationTests
{
    // c = concat(a, b); v is a view of c; z is another buffer live beside them.
    private static readonly Problem Concat = new(
    [
        new Buffer("c", 4, 8, 32) { Alignment = 8 },
        new Buffer("a", 1, 5, 16) { Alias = new BufferAlias("c", 0) },
        new Buffer("b", 2, 5, 16) { Alias = new BufferAlias("c", 16) },
        new Buffer("v", 6, 9, 32) { Alias = new BufferAlias("c") },
        new Buffer("z", 0, 9, 8),
    ], 40);

    private static ValidationResult Check(Problem problem, params long[] offsets) => Validator.Validate(problem, Solution.FromOffsets(problem, offsets));

    [Fact]
    public void Members_of_a_group_share_bytes_and_the_rest_may_not_touch_them()
    {
        Assert.True(Check(Concat, 8, 8, 24, 8, 0).IsValid);
        var overlap = Check(Concat, 0, 0, 16, 0, 32 - 8);
        Assert.Equal(ViolationKind.Overlap, overlap.Kind);
        Assert.Equal((2, 4), (overlap.BufferIndex, overlap.OtherBufferIndex)); // b [16, 32) meets z [24, 32) at step 2
    }

    [Fact]
    public void An_alias_away_from_its_place_in_the_owner_is_named()
    {
        var result = Check(Concat, 8, 8, 32, 8, 0);

        Assert.Equal(ViolationKind.AliasOffset, result.Kind);
        Assert.Equal("buffer 'b' is an alias of 'c' at byte 16, so it belongs at 24, but was placed at 32", result.Message);
        Assert.Equal((2, 0), (result.BufferIndex, result.OtherBufferIndex));
    }

    [Fact]
    public void A_malformed_alias_is_a_violation_not_an_exception()
    {
        var problem = Concat with { Buffers = [.. Concat.Buffers.Take(4), Concat.Buffers[4] with { Alias = new BufferAlias("nobody") }] };

        var result = Check(problem, 8, 8, 24, 8, 0);

        Assert.Equal(ViolationKind.MalformedAlias, result.Kind);
        Assert.Equal(4, result.BufferIndex);
    }

    [Fact]
    public void Every_folded_plan_expands_to_a_valid_plan()
    {
        var folded = AliasFolding.Fold(Concat);
        var solved = new Solver().Solve(folded.Problem.WithCapacity(40));

        Assert.Equal(SolveStatus.Solved, solved.Status);
        var plan = folded.Expand(solved.Solution!);
        Assert.True(Validator.Validate(Concat, plan).IsValid, Validator.Validate(Concat, plan).Message);
        Assert.Equal(40, plan.Height);
    }
}
