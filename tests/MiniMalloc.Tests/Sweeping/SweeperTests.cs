using MiniMalloc.Sweeping;

namespace MiniMalloc.Tests.Sweeping;

public class SweeperTests
{
    // Four buffers: 0 [1,2), 1 [2,4), 2 [0,5), 3 [5,9). Buffers 0-2 interact; 3 stands alone.
    private static Problem FourBuffers() => new(
    [
        new Buffer("b0", 1, 2, 1),
        new Buffer("b1", 2, 4, 1),
        new Buffer("b2", 0, 5, 1),
        new Buffer("b3", 5, 9, 1),
    ], 4);

    [Fact]
    public void Sections_are_the_live_sets_before_each_end_time()
    {
        var sweep = Sweeper.Sweep(FourBuffers());
        Assert.Equal(4, sweep.Sections.Length);
        Assert.Equal([0, 2], sweep.Sections[0]);
        Assert.Equal([1, 2], sweep.Sections[1]);
        Assert.Equal([2], sweep.Sections[2]);
        Assert.Equal([3], sweep.Sections[3]);
    }

    [Fact]
    public void Partitions_split_where_nothing_is_alive()
    {
        var sweep = Sweeper.Sweep(FourBuffers());
        Assert.Equal(2, sweep.Partitions.Length);
        Assert.Equal([2, 0, 1], sweep.Partitions[0].BufferIndices);
        Assert.Equal((0, 3), (sweep.Partitions[0].SectionLower, sweep.Partitions[0].SectionUpper));
        Assert.Equal([3], sweep.Partitions[1].BufferIndices);
        Assert.Equal((3, 4), (sweep.Partitions[1].SectionLower, sweep.Partitions[1].SectionUpper));
    }

    [Fact]
    public void Spans_and_overlaps_record_each_buffer()
    {
        var sweep = Sweeper.Sweep(FourBuffers());
        Assert.Equal([new SectionSpan(0, 3, new Window(0, 1))], sweep.Spans[2]);
        Assert.Equal([new Overlap(0, 1), new Overlap(1, 1)], sweep.Overlaps.Of(2));
        Assert.Equal([new Overlap(2, 1)], sweep.Overlaps.Of(0));
        Assert.Empty(sweep.Overlaps.Of(3));
        Assert.Equal([1, 1, 0], sweep.CalculateCuts());
    }

    [Fact]
    public void Touching_lifespans_do_not_overlap()
    {
        var sweep = Sweeper.Sweep(new Problem([new Buffer("a", 0, 3, 2), new Buffer("b", 3, 9, 2)], 2));
        Assert.Empty(sweep.Overlaps.Of(0));
        Assert.Equal(2, sweep.Partitions.Length);
    }

    [Fact]
    public void Gap_without_window_splits_spans_but_keeps_the_partition()
    {
        var gapped = new Buffer("g", 0, 10, 4) { Gaps = [new Gap(new Lifespan(3, 6))] };
        var inside = new Buffer("in", 4, 5, 4);
        var sweep = Sweeper.Sweep(new Problem([gapped, inside], 4));
        Assert.Equal(2, sweep.Spans[0].Length);
        Assert.Empty(sweep.Overlaps.Of(0));
        Assert.Single(sweep.Partitions);
    }

    [Fact]
    public void Effective_size_shrinks_when_windows_line_up()
    {
        // a occupies only its low half [0,2) while b is live: b may start 2 above a, not 4.
        var a = new Buffer("a", 0, 10, 4) { Gaps = [new Gap(new Lifespan(4, 8), new Window(0, 2))] };
        var b = new Buffer("b", 5, 7, 4);
        var sweep = Sweeper.Sweep(new Problem([a, b], 8));
        Assert.Equal([new Overlap(1, 2)], sweep.Overlaps.Of(0));
        Assert.Equal([new Overlap(0, 4)], sweep.Overlaps.Of(1));
    }
}
