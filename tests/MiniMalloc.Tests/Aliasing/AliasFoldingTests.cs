namespace MiniMalloc.Tests.Aliasing;

public class AliasFoldingTests
{
    private static Buffer B(string id, long lower, long upper, long size, string? of = null, long at = 0) =>
        new(id, lower, upper, size) { Alias = of is null ? null : new BufferAlias(of, at) };

    [Fact]
    public void A_problem_without_aliases_is_its_own_fold()
    {
        var problem = new Problem([B("a", 0, 2, 8), B("b", 1, 3, 8)], 16);

        var folded = AliasFolding.Fold(problem);

        Assert.Same(problem, folded.Problem);
        Assert.True(folded.IsExact);
        Assert.Equal([3L, 9], folded.Expand(new Solution([3, 9], 17)).Offsets);
    }

    [Fact]
    public void A_view_and_an_in_place_output_make_one_plain_buffer_over_their_lifespans()
    {
        // x [0, 3); the view v of x lives [2, 5); y is written in place over v at step 4, v's last step.
        var problem = new Problem([B("x", 0, 3, 32) with { Alignment = 16 }, B("v", 2, 5, 32, "x"), B("y", 4, 7, 32, "v"), B("z", 1, 6, 8)], 0);

        var folded = AliasFolding.Fold(problem);

        Assert.True(folded.IsExact);
        Assert.Equal(2, folded.Problem.Buffers.Count);
        var group = folded.Problem.Buffers[0];
        Assert.Equal(("x", new Lifespan(0, 7), 32L, 16L), (group.Id, group.Lifespan, group.Size, group.Alignment));
        Assert.Empty(group.Gaps);
        Assert.Null(group.Alias);
        Assert.Equal([0, 3], folded.Roots);
        var expanded = folded.Expand(new Solution([64, 0], 96));
        Assert.Equal([64L, 64, 64, 0], expanded.Offsets);
        Assert.Equal(96, expanded.Height);
    }

    [Fact]
    public void Concatenation_slices_become_windows_and_a_hole_between_live_slices_is_covered()
    {
        // c = concat(a, b, d) at step 5: a [0, 16) written at 1, b [16, 32) at 3, d [32, 48) at 2.
        var problem = new Problem(
        [
            B("c", 5, 8, 48),
            B("a", 1, 6, 16, "c", 0),
            B("b", 3, 6, 16, "c", 16),
            B("d", 2, 6, 16, "c", 32),
        ], 0);

        var folded = AliasFolding.Fold(problem);

        var group = Assert.Single(folded.Problem.Buffers);
        Assert.Equal(new Lifespan(1, 8), group.Lifespan);
        // [1, 2): a alone; [2, 3): a and d with b's bytes between them (covered); from 3 on: everything.
        Assert.Equal([new Gap(new Lifespan(1, 2), new Window(0, 16)), new Gap(new Lifespan(2, 3), new Window(0, 48))], group.Gaps);
        Assert.False(folded.IsExact);
    }

    [Fact]
    public void A_slice_written_before_the_lower_one_gives_a_window_above_byte_0_and_is_not_exact()
    {
        var problem = new Problem([B("c", 4, 6, 32), B("lo", 2, 5, 16, "c", 0), B("hi", 1, 5, 16, "c", 16)], 0);

        var folded = AliasFolding.Fold(problem);

        Assert.Equal([new Gap(new Lifespan(1, 2), new Window(16, 32))], folded.Problem.Buffers[0].Gaps);
        Assert.False(folded.IsExact);
    }

    [Fact]
    public void Steps_where_no_member_is_live_are_gaps_without_a_window()
    {
        // An owner whose alias lives on after a pause (the owner's own gap [2, 4)).
        var problem = new Problem([B("o", 0, 4, 8) with { Gaps = [new Gap(new Lifespan(2, 4))] }, B("v", 4, 6, 4, "o", 0)], 0);

        var folded = AliasFolding.Fold(problem);

        Assert.Equal([new Gap(new Lifespan(2, 4)), new Gap(new Lifespan(4, 6), new Window(0, 4))], folded.Problem.Buffers[0].Gaps);
        Assert.True(folded.IsExact);
    }

    [Fact]
    public void Malformed_aliases_are_refused()
    {
        var problem = new Problem([B("o", 0, 2, 8), B("v", 1, 3, 16, "o")], 0);

        Assert.Contains("does not lie within its owner's 8 bytes", Assert.Throws<ArgumentException>(() => AliasFolding.Fold(problem)).Message);
    }

    [Fact]
    public void The_live_profile_counts_a_groups_bytes_once()
    {
        var problem = new Problem([B("x", 0, 3, 32), B("v", 2, 5, 32, "x"), B("c", 5, 7, 48), B("a", 1, 6, 16, "c"), B("b", 3, 6, 16, "c", 32)], 0);

        var profile = LiveProfile.Of(problem);

        // Step 2: x (= v) 32 + a 16; steps 3 and 4: v 32 + a and b 32; steps 5 and 6: c 48 (a and b in it).
        Assert.Equal([32L, 48, 48, 64, 64, 48, 48, 0], Enumerable.Range(0, 8).Select(s => profile.At(s)));
        Assert.Equal(64, profile.Peak);
    }

    [Fact]
    public void A_group_of_many_slices_folds_in_near_linear_time()
    {
        // 50,000 slices of one concatenation, written one per step: each step's window grows by one slice.
        var buffers = new List<Buffer> { B("c", 50_000, 50_001, 50_000 * 4L) };
        for (int i = 0; i < 50_000; i++) buffers.Add(B($"s{i}", i, 50_001, 4, "c", 4L * i));

        var folded = AliasFolding.Fold(new Problem(buffers, 0));

        var group = Assert.Single(folded.Problem.Buffers);
        Assert.Equal(49_999, group.Gaps.Count); // the last slice written at step 49,999 completes it
        Assert.Equal(new Window(0, 8), group.Gaps[1].Window);
        Assert.True(folded.IsExact);
    }
}
