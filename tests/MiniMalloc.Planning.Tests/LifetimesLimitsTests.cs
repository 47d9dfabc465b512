namespace MiniMalloc.Planning.Tests;

public class LifetimesLimitsTests
{
    private const long TwoTo53 = 1L << 53;
    private const long TwoTo62 = 1L << 62;

    [Fact]
    public void Totals_at_the_limits_pass()
    {
        Assert.Empty(LifetimesLimits.Totals([(TwoTo53 - 1, 1), (1, 1)]));
        Assert.Empty(LifetimesLimits.Totals([(1L << 30, 1L << 31), (1L << 30, 1L << 31)])); // areas 2^62 in all
        Assert.Empty(LifetimesLimits.Totals([]));
    }

    [Fact]
    public void Totals_past_the_limits_give_the_exact_sums()
    {
        Assert.Equal(["the sizes add up to 9007199254740993 bytes; the limit is 2^53"], LifetimesLimits.Totals([(TwoTo53, 1), (1, 1)]));
        Assert.Equal(["the areas (size x lifespan) add up to 4611686018427387905; the limit is 2^62"],
            LifetimesLimits.Totals([(1L << 30, 1L << 31), (1L << 30, 1L << 31), (1, 1)]));
    }

    [Fact]
    public void Totals_beyond_64_bits_are_still_exact()
    {
        // Each product alone overflows a long: the message gives the 128-bit sum.
        var totals = LifetimesLimits.Totals([(TwoTo53, TwoTo62), (TwoTo53, TwoTo62)]).ToList();
        Assert.Equal(2, totals.Count);
        Assert.Equal($"the areas (size x lifespan) add up to {(Int128)TwoTo53 * TwoTo62 * 2}; the limit is 2^62", totals[1]);
    }
}
