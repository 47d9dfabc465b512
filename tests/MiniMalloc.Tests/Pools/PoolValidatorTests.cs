namespace MiniMalloc.Tests.Pools;

/// <summary>Each kind of fault <see cref="PoolValidator"/> finds, from one valid two-pool plan changed one way at a time.</summary>
public sealed class PoolValidatorTests
{
    private static readonly Pool[] Pools = [new("sram", 16, 4, 0), new("dram", 64, 8, 1)];

    // a and b live together in sram ([0,8) and [8,16)); c overlaps them in time, in dram at 0; d is an alias of c.
    private static PoolProblem Problem() => new(
        Pools,
        [
            new Buffer("a", 0, 4, 8),
            new Buffer("b", 2, 6, 8),
            new Buffer("c", 1, 5, 12),
            new Buffer("d", 2, 3, 4) { Alias = new BufferAlias("c", 4) },
            new Buffer("e", 0, 6, 8) { Offset = 16 },
        ],
        [3UL, 3UL, 2UL, 3UL, 2UL],
        [8, 8, 12, 4, 8]);

    private static PoolSolution Valid(PoolProblem problem) => PoolSolution.From(problem, [0, 0, 1, 1, 1], [0, 8, 0, 4, 16]);

    [Fact]
    public void A_valid_plan_has_no_violation()
    {
        var problem = Problem();
        var solution = Valid(problem);
        Assert.Empty(PoolValidator.Validate(problem, solution));
        Assert.Equal([16L, 24L], solution.Heights);
        Assert.Equal(12 + 4 + 8, solution.Cost);
    }

    [Fact]
    public void Counts_that_do_not_match_are_reported()
    {
        var problem = Problem();
        var violation = Assert.Single(PoolValidator.Validate(problem, new PoolSolution([0, 0], [0, 8], [16, 0], 0)));
        Assert.Equal(PoolViolationKind.Count, violation.Kind);
    }

    [Fact]
    public void A_malformed_alias_is_reported()
    {
        var problem = Problem() with { Buffers = [.. Problem().Buffers.Take(3), new Buffer("d", 2, 3, 4) { Alias = new BufferAlias("nobody") }, Problem().Buffers[4]] };
        var violation = Assert.Single(PoolValidator.Validate(problem, Valid(problem)));
        Assert.Equal(PoolViolationKind.MalformedAlias, violation.Kind);
        Assert.Equal([3], violation.Buffers);
    }

    [Fact]
    public void A_pool_not_allowed_or_not_defined_is_reported()
    {
        var problem = Problem();
        var notAllowed = PoolValidator.Validate(problem, Rebuild(problem, poolOf: [0, 0, 1, 1, 0], offsets: [0, 8, 0, 4, 16]));
        Assert.Contains(notAllowed, v => v.Kind == PoolViolationKind.NotAllowed && v.Buffers.SequenceEqual([4]) && v.Pool == 0);
        var undefined = PoolValidator.Validate(problem, Rebuild(problem, poolOf: [0, 2, 1, 1, 1], offsets: [0, 8, 0, 4, 16]));
        Assert.Contains(undefined, v => v.Kind == PoolViolationKind.NotAllowed && v.Buffers.SequenceEqual([1]) && v.Pool == 2);
    }

    [Fact]
    public void A_moved_fixed_buffer_is_reported()
    {
        var problem = Problem();
        var violations = PoolValidator.Validate(problem, Rebuild(problem, offsets: [0, 8, 0, 4, 24]));
        var violation = Assert.Single(violations);
        Assert.Equal(PoolViolationKind.FixedOffset, violation.Kind);
        Assert.Equal([4], violation.Buffers);
    }

    [Fact]
    public void An_alias_in_another_pool_or_at_another_offset_is_reported()
    {
        var problem = Problem();
        var otherPool = Assert.Single(PoolValidator.Validate(problem, Rebuild(problem, poolOf: [0, 0, 1, 0, 1], offsets: [0, 8, 0, 4, 16])),
            v => v.Kind == PoolViolationKind.Alias);
        Assert.Equal([3, 2], otherPool.Buffers);
        var otherOffset = Assert.Single(PoolValidator.Validate(problem, Rebuild(problem, offsets: [0, 8, 0, 8, 16])));
        Assert.Equal(PoolViolationKind.Alias, otherOffset.Kind);
    }

    [Fact]
    public void A_buffer_beyond_its_pool_is_reported()
    {
        var problem = Problem();
        var violations = PoolValidator.Validate(problem, Rebuild(problem, offsets: [0, 12, 0, 4, 16]));
        // b at 12 ends at 20 > 16 (and is not a multiple of the pool's 4? it is: only the capacity is broken).
        var violation = Assert.Single(violations);
        Assert.Equal(PoolViolationKind.Capacity, violation.Kind);
        Assert.Equal(0, violation.Pool);
    }

    [Fact]
    public void An_offset_off_the_pool_alignment_or_the_buffer_alignment_is_reported()
    {
        var problem = Problem();
        // c in dram (alignment 8) at 4: a multiple of its own 1, not of the pool's 8.
        var pool = PoolValidator.Validate(problem, Rebuild(problem, offsets: [0, 8, 4, 8, 16]));
        Assert.Contains(pool, v => v.Kind == PoolViolationKind.Alignment && v.Buffers.SequenceEqual([2]));
        var own = problem with { Buffers = [problem.Buffers[0] with { Alignment = 16 }, .. problem.Buffers.Skip(1)] };
        var buffer = PoolValidator.Validate(own, Rebuild(own, poolOf: [0, 0, 1, 1, 1], offsets: [8, 0, 0, 4, 16]));
        Assert.Contains(buffer, v => v.Kind == PoolViolationKind.Alignment && v.Buffers.SequenceEqual([0]));
    }

    [Fact]
    public void Overlap_is_within_a_pool_only()
    {
        var problem = Problem();
        var violation = Assert.Single(PoolValidator.Validate(problem, Rebuild(problem, offsets: [0, 4, 0, 4, 16])));
        Assert.Equal(PoolViolationKind.Overlap, violation.Kind);
        Assert.Equal([0, 1], violation.Buffers);
        Assert.Equal(2, violation.Step);
        // The same offsets in different pools share no memory.
        var apart = problem with { AllowedPools = [3UL, 3UL, 3UL, 3UL, 2UL] };
        Assert.Empty(PoolValidator.Validate(apart, Rebuild(apart, poolOf: [0, 1, 1, 1, 1], offsets: [0, 40, 0, 4, 16])));
    }

    [Fact]
    public void Stated_heights_and_cost_are_checked()
    {
        var problem = Problem();
        var valid = Valid(problem);
        var wrongHeight = new PoolSolution(valid.PoolOf, valid.Offsets, [16, 23], valid.Cost);
        var height = Assert.Single(PoolValidator.Validate(problem, wrongHeight));
        Assert.Equal(PoolViolationKind.Height, height.Kind);
        Assert.Equal(1, height.Pool);
        var wrongCost = new PoolSolution(valid.PoolOf, valid.Offsets, valid.Heights, valid.Cost - 1);
        Assert.Equal(PoolViolationKind.Cost, Assert.Single(PoolValidator.Validate(problem, wrongCost)).Kind);
    }

    private static PoolSolution Rebuild(PoolProblem problem, int[]? poolOf = null, long[]? offsets = null)
    {
        var valid = Valid(problem);
        return PoolSolution.From(problem, poolOf ?? [.. valid.PoolOf], offsets ?? [.. valid.Offsets]);
    }
}
