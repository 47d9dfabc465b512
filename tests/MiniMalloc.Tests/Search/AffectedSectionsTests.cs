using MiniMalloc.Search;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Tests.Search;

/// <summary>The sections marked for the unallocated floor, merged into runs, against a set of marked sections.</summary>
public class AffectedSectionsTests
{
    [Fact]
    public void Overlapping_touching_nested_and_empty_spans_merge_into_disjoint_runs()
    {
        var affected = new AffectedSections();
        affected.Mark([Span(5, 9), Span(20, 22)]);
        affected.Mark([Span(0, 2)]);
        affected.Mark([Span(6, 7), Span(9, 12)]);
        affected.Mark([Span(30, 30)]);
        affected.Mark([Span(21, 25)]);
        Assert.Equal(3, affected.Merge());
        Assert.Equal([(0, 2), (5, 12), (20, 25)], Enumerable.Range(0, 3).Select(affected.Run));
        // Reading the runs again gives the same; after Clear a new list starts.
        Assert.Equal(3, affected.Merge());
        affected.Clear();
        Assert.Equal(0, affected.Merge());
        affected.Clear();
        affected.Mark([Span(3, 4)]);
        Assert.Equal(1, affected.Merge());
        Assert.Equal((3, 4), affected.Run(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Runs_cover_exactly_the_marked_sections(int seed)
    {
        var random = new Random(seed);
        var affected = new AffectedSections();
        for (int round = 0; round < 20; round++)
        {
            var marked = new SortedSet<int>();
            int spans = random.Next(0, 40);
            for (int i = 0; i < spans; i++)
            {
                int lower = random.Next(0, 200);
                int upper = lower + random.Next(0, 30);
                affected.Mark([Span(lower, upper)]);
                for (int s = lower; s < upper; s++) marked.Add(s);
            }
            var covered = new List<int>();
            int runs = affected.Merge();
            for (int r = 0; r < runs; r++)
            {
                var (lower, upper) = affected.Run(r);
                Assert.True(lower < upper, "a run is not empty");
                Assert.True(r == 0 || affected.Run(r - 1).Upper < lower, "runs are disjoint, apart and in increasing order");
                for (int s = lower; s < upper; s++) covered.Add(s);
            }
            Assert.Equal(marked, covered);
            affected.Clear();
        }
    }

    private static SectionSpan Span(int lower, int upper) => new(lower, upper, new Window(0, 1));
}
