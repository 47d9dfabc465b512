namespace MiniMalloc.Planning.Tests;

/// <summary>
/// The work measure that decides whether the exact search and the minimizer's probes run: the overlapping pairs of
/// buffers, counted from both sides, which is what the search's time and memory follow.
/// </summary>
public class PlanBudgetWorkTests
{
    [Fact]
    public void Buffers_that_only_touch_in_time_do_not_count_as_a_pair()
    {
        // [0,2) and [1,3) overlap, [1,3) and [2,4) overlap, [0,2) and [2,4) only touch.
        var problem = new Problem([new Buffer("a", 0, 2, 8), new Buffer("b", 1, 3, 8), new Buffer("c", 2, 4, 8)], 64);
        Assert.Equal(4, PlanBudget.Work(problem));
        Assert.Equal(2, PlanBudget.LiveBuffers(problem));
    }

    [Theory]
    [InlineData(1UL, 200, 20)]
    [InlineData(2UL, 500, 300)]
    [InlineData(3UL, 50, 3)]
    public void Work_counts_every_overlapping_pair_from_both_sides(ulong seed, int count, int span)
    {
        var random = new Random((int)seed);
        var buffers = Enumerable.Range(0, count).Select(i =>
        {
            int lower = random.Next(span), upper = lower + 1 + random.Next(span / 2 + 1);
            return new Buffer($"b{i}", lower, upper, 1 + random.Next(100));
        }).ToList();
        long pairs = 0;
        foreach (var x in buffers)
        {
            foreach (var y in buffers)
            {
                if (!ReferenceEquals(x, y) && x.Lifespan.Lower < y.Lifespan.Upper && y.Lifespan.Lower < x.Lifespan.Upper) pairs++;
            }
        }
        Assert.Equal(pairs, PlanBudget.Work(new Problem(buffers, long.MaxValue / 4)));
    }
}
