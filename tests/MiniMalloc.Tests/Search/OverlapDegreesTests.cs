using MiniMalloc.Search;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Tests.Search;

/// <summary>The overlap degrees of a sub-problem from its section ranges against the sweep's overlap lists.</summary>
public class OverlapDegreesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(50, 3)]
    [InlineData(400, 4)]
    public void Without_gaps_the_count_is_the_number_of_overlapping_pairs(int count, int seed)
    {
        var random = new Random(seed);
        var buffers = new List<Buffer>(count);
        for (int i = 0; i < count; i++)
        {
            int lower = random.Next(0, 60);
            buffers.Add(new Buffer($"b{i}", lower, lower + random.Next(1, 25), random.Next(1, 9)));
        }
        var problem = new Problem(buffers, 1 << 20);
        var sweep = Sweeper.Sweep(problem);
        var state = new BufferState(problem, sweep, new WorkMeter());
        var degrees = new OverlapDegrees();
        foreach (var partition in sweep.Partitions)
        {
            long expected = partition.BufferIndices.Sum(b => (long)sweep.Overlaps.Count(b));
            Assert.Equal(expected, degrees.Count(partition.BufferIndices, state.FirstSection, state.LastSection));
            Assert.Equal(expected, degrees.CountBySorting(partition.BufferIndices, state.FirstSection, state.LastSection));
            Assert.Equal(expected, CountOverSections(degrees, partition.BufferIndices, state));
        }
        var all = Enumerable.Range(0, count).ToArray();
        Assert.Equal(all.Sum(b => (long)sweep.Overlaps.Count(b)), degrees.Count(all, state.FirstSection, state.LastSection));
        Assert.Equal(all.Sum(b => (long)sweep.Overlaps.Count(b)), CountOverSections(degrees, all, state));
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(40, 6)]
    [InlineData(300, 7)]
    public void Both_ways_count_the_pairs_of_meeting_ranges(int count, int seed)
    {
        // Sections far apart and few buffers (the sorts) or many buffers over few sections (the counts): the two
        // ways agree with each other and with a count of meeting hulls pair by pair.
        var random = new Random(seed);
        var first = new int[count];
        var last = new int[count];
        for (int i = 0; i < count; i++)
        {
            first[i] = random.Next(0, 5 * count);
            last[i] = first[i] + random.Next(1, 2 * count);
        }
        var all = Enumerable.Range(0, count).ToArray();
        long expected = 0;
        for (int u = 0; u < count; u++)
        {
            for (int v = 0; v < count; v++)
            {
                if (u != v && first[v] < last[u] && first[u] < last[v]) expected++;
            }
        }
        var degrees = new OverlapDegrees();
        Assert.Equal(expected, degrees.CountBySorting(all, first, last));
        Assert.Equal(expected, degrees.CountOverSections(all, first, last, first.Min(), last.Max()));
        Assert.Equal(expected, degrees.Count(all, first, last));
    }

    private static long CountOverSections(OverlapDegrees degrees, int[] buffers, BufferState state)
        => degrees.CountOverSections(buffers, state.FirstSection, state.LastSection,
            buffers.Min(b => state.FirstSection[b]), buffers.Max(b => state.LastSection[b]));
}
