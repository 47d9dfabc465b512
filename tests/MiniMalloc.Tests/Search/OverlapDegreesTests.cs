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
        var state = new BufferState(problem, sweep);
        var degrees = new OverlapDegrees();
        foreach (var partition in sweep.Partitions)
        {
            long expected = partition.BufferIndices.Sum(b => (long)sweep.Overlaps.Count(b));
            Assert.Equal(expected, degrees.Count(partition.BufferIndices, state.FirstSection, state.LastSection));
        }
        var all = Enumerable.Range(0, count).ToArray();
        Assert.Equal(all.Sum(b => (long)sweep.Overlaps.Count(b)), degrees.Count(all, state.FirstSection, state.LastSection));
    }
}
