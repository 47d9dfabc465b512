using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

public class HeightGranularityTests
{
    private static Problem Of(params Buffer[] buffers) => new(buffers, 0);

    [Fact]
    public void Sizes_in_kibibytes_give_heights_in_kibibytes()
    {
        Assert.Equal(1024, HeightGranularity.Of(Of(new Buffer("a", 0, 2, 14336), new Buffer("b", 1, 3, 70656))));
    }

    [Fact]
    public void An_alignment_that_is_a_multiple_keeps_the_granularity()
    {
        Assert.Equal(1024, HeightGranularity.Of(Of(new Buffer("a", 0, 2, 2048), new Buffer("b", 1, 3, 1024) { Alignment = 4096 })));
    }

    [Fact]
    public void An_alignment_that_is_not_comparable_shrinks_it_to_their_common_divisor()
    {
        // Sizes in steps of 6, alignment 4: a buffer on top of a 6-byte one starts at 8, so heights come in steps of 2.
        Assert.Equal(2, HeightGranularity.Of(Of(new Buffer("a", 0, 2, 6), new Buffer("b", 1, 3, 12) { Alignment = 4 })));
    }

    [Fact]
    public void Fixed_offsets_and_window_ends_count()
    {
        Assert.Equal(512, HeightGranularity.Of(Of(new Buffer("a", 0, 2, 2048) { Offset = 512 }, new Buffer("b", 1, 3, 1024))));
        var windowed = new Buffer("b", 0, 4, 1024) { Gaps = [new Gap(new Lifespan(1, 2), new Window(0, 256))] };
        Assert.Equal(256, HeightGranularity.Of(Of(new Buffer("a", 0, 2, 2048), windowed)));
    }

    [Fact]
    public void A_window_above_byte_0_gives_no_granularity()
    {
        var windowed = new Buffer("b", 0, 4, 1024) { Gaps = [new Gap(new Lifespan(1, 2), new Window(512, 1024))] };
        Assert.Equal(1, HeightGranularity.Of(Of(new Buffer("a", 0, 2, 2048), windowed)));
    }

    [Fact]
    public void Rounding()
    {
        Assert.Equal(2048, HeightGranularity.RoundUp(1025, 1024));
        Assert.Equal(1024, HeightGranularity.RoundUp(1024, 1024));
        Assert.Equal(1024, HeightGranularity.RoundDown(2047, 1024));
    }
}
