namespace MiniMalloc.Tests.Property;

/// <summary>
/// The brute force is the oracle of the property tests, so it is checked first: on hand-made cases whose optimum
/// is worked out in the comments, and against its own unmemoized enumeration and the library's validator.
/// </summary>
public class BruteForceSolverTests
{
    private static Buffer B(string id, long lower, long upper, long size) => new(id, lower, upper, size);

    // Both methods where both are exact (no windows), else the offset enumeration; they must agree.
    private static long Optimum(params Buffer[] buffers)
    {
        var problem = new Problem(buffers, 0);
        long byOffsets = new BruteForceSolver(problem, "offsets").Minimize()?.Height ?? throw new InvalidOperationException("nothing fits");
        if (new TinyOccupancy(problem).AllOrNothing) Assert.Equal(byOffsets, new BruteForceSolver(problem, "orders").Minimize()?.Height);
        return byOffsets;
    }

    [Fact]
    public void Readme_example_fits_in_12_and_not_in_11()
    {
        // b1, b3 and b5 are live together at step 0: 12 bytes.
        var problem = new Problem([B("b1", 0, 3, 4), B("b2", 3, 9, 4), B("b3", 0, 9, 4), B("b4", 9, 21, 4), B("b5", 0, 21, 4)], 0);
        var brute = new BruteForceSolver(problem);
        Assert.Equal("orders", brute.Method);
        Assert.Null(brute.FindOffsets(11));
        var offsets = brute.FindOffsets(12);
        Assert.NotNull(offsets);
        Assert.True(Validator.Validate(problem.WithCapacity(12), Solution.FromOffsets(problem, offsets)).IsValid);
        Assert.Equal(12, brute.Minimize()!.Value.Height);
    }

    [Fact]
    public void Buffers_live_at_different_steps_share_bytes() =>
        // [0,3) and [3,6) are half-open: they never meet.
        Assert.Equal(5, Optimum(B("a", 0, 3, 5), B("b", 3, 6, 5)));

    [Fact]
    public void Alignment_leaves_holes()
    {
        // Two 3-byte buffers aligned to 4: offsets 0 and 4, height 7.
        Assert.Equal(7, Optimum(B("a", 0, 2, 3) with { Alignment = 4 }, B("b", 0, 2, 3) with { Alignment = 4 }));
        // With a 1-byte buffer between them the hole is used: 0..3 a, 3 c, 4..7 b.
        Assert.Equal(7, Optimum(B("a", 0, 2, 3) with { Alignment = 4 }, B("b", 0, 2, 3) with { Alignment = 4 }, B("c", 0, 2, 1)));
    }

    [Fact]
    public void Fixed_offsets_are_kept()
    {
        // The fixed buffer ends at 7; the 4-byte one fits under it.
        Assert.Equal(7, Optimum(B("f", 0, 4, 2) with { Offset = 5 }, B("b", 0, 4, 4)));
        // A 6-byte one does not fit under it: it must go on top, at 7.
        Assert.Equal(13, Optimum(B("f", 0, 4, 2) with { Offset = 5 }, B("b", 0, 4, 6)));
        // Two fixed buffers that clash fit at no capacity.
        Assert.Null(new BruteForceSolver(new Problem([B("f", 0, 4, 2) with { Offset = 0 }, B("g", 0, 4, 2) with { Offset = 1 }], 0)).Minimize());
    }

    [Fact]
    public void A_gap_without_window_frees_the_whole_buffer()
    {
        Assert.Equal(4, Optimum(B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(3, 6))] }, B("b", 3, 6, 4)));
        // One step of the gap missing: now they must stack.
        Assert.Equal(8, Optimum(B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(4, 6))] }, B("b", 3, 6, 4)));
    }

    [Fact]
    public void A_window_keeps_only_its_bytes()
    {
        // a keeps its lowest byte during [3,6): b (3 bytes) sits on it, inside a's four.
        Assert.Equal(4, Optimum(B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(3, 6), new Window(0, 1))] }, B("b", 3, 6, 3)));
        // a keeps its top two bytes: b (2 bytes) fits in the hole below them, at a's own offset.
        Assert.Equal(4, Optimum(B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(3, 6), new Window(2, 4))] }, B("b", 3, 6, 2)));
        // a keeps its middle byte [1,2): a 2-byte b fits above it inside a's bytes, at 2. Height 4.
        Assert.Equal(4, Optimum(B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(3, 6), new Window(1, 2))] }, B("b", 3, 6, 2)));
        // A 3-byte b fits neither below nor above that byte within 4; at 5, b goes at 2 (2..4, above the byte). Height 5.
        Assert.Equal(5, Optimum(B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(3, 6), new Window(1, 2))] }, B("b", 3, 6, 3)));
    }

    [Fact]
    public void Lower_bound_counts_live_bytes_and_matches_the_library_profile()
    {
        var problem = new Problem(
        [
            B("a", 0, 10, 4) with { Gaps = [new Gap(new Lifespan(3, 6), new Window(1, 3))] },
            B("b", 3, 6, 3),
            B("c", 5, 8, 5),
        ], 0);
        // At step 5: a's window (2) + b (3) + c (5) = 10.
        Assert.Equal(10, new BruteForceSolver(problem).LowerBound);
        Assert.Equal(10, LiveProfile.Of(problem).Peak);
    }

    [Fact]
    public void Own_violation_check_finds_overlaps_and_bounds()
    {
        var problem = new Problem([B("a", 0, 4, 4), B("b", 2, 6, 4) with { Alignment = 2 }], 0);
        var brute = new BruteForceSolver(problem);
        Assert.Null(brute.FindViolation([0, 4], 8));
        Assert.NotNull(brute.FindViolation([0, 2], 8)); // shared bytes
        Assert.NotNull(brute.FindViolation([0, 5], 10)); // misaligned
        Assert.NotNull(brute.FindViolation([0, 4], 7)); // above the capacity
    }

    [Fact]
    public void Order_and_offset_enumerations_agree_on_problems_without_windows()
    {
        int compared = 0;
        for (int seed = 0; compared < 200; seed++)
        {
            var problem = SmallProblemGenerator.Generate(2_000_000 + seed);
            if (!new TinyOccupancy(problem).AllOrNothing) continue;
            var byOrders = new BruteForceSolver(problem, "orders");
            var byOffsets = new BruteForceSolver(problem, "offsets");
            (long Height, long[] Offsets)? a, b;
            try
            {
                a = byOrders.Minimize();
                b = byOffsets.Minimize();
            }
            catch (TimeoutException)
            {
                continue;
            }
            compared++;
            string csv = ProblemCsv.Format(problem);
            Assert.True(a?.Height == b?.Height, $"orders {a?.Height}, offsets {b?.Height}:\n{csv}");
            if (a is { } best)
            {
                var verdict = Validator.Validate(problem.WithCapacity(best.Height), Solution.FromOffsets(problem, best.Offsets));
                Assert.True(verdict.IsValid, $"{verdict.Message}\n{csv}");
                Assert.Null(byOrders.FindViolation(best.Offsets, best.Height));
            }
        }
    }

    [Fact]
    public void Offset_enumeration_shortcuts_agree_with_plain_enumeration_and_solutions_pass_the_validator()
    {
        int compared = 0;
        for (int seed = 0; compared < 300; seed++)
        {
            var problem = SmallProblemGenerator.Generate(1_000_000 + seed);
            if (problem.Buffers.Count > 6) continue; // keep the plain enumeration quick
            var model = new TinyOccupancy(problem);
            var brute = new BruteForceSolver(problem, "offsets");
            (long Height, long[] Offsets)? best;
            try
            {
                best = brute.Minimize();
            }
            catch (TimeoutException)
            {
                continue;
            }
            if (best is not { } found) continue;
            compared++;
            var (height, offsets) = found;
            string csv = ProblemCsv.Format(problem);
            var plain = new OffsetEnumeration(model, fast: false);
            Assert.True(plain.FindOffsets((int)height) is not null, $"plain enumeration finds nothing at {height}:\n{csv}");
            if (height > 1) Assert.True(plain.FindOffsets((int)height - 1) is null, $"plain enumeration fits {height - 1}:\n{csv}");
            var verdict = Validator.Validate(problem.WithCapacity(height), Solution.FromOffsets(problem, offsets));
            Assert.True(verdict.IsValid, $"{verdict.Message}\n{csv}");
            Assert.Equal(model.LowerBound, LiveProfile.Of(problem).Peak);
        }
    }
}
