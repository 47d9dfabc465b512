using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

/// <summary>The section maxima of large sub-problems against a scan of the arrays they summarize.</summary>
public class SectionMaximaTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(64, 3)]
    [InlineData(333, 4)]
    public void Queries_agree_with_a_scan_after_point_and_range_updates(int count, int seed)
    {
        var random = new Random(seed);
        var floors = new long[count];
        var totals = new long[count];
        for (int s = 0; s < count; s++)
        {
            floors[s] = random.Next(0, 1 << 20);
            totals[s] = random.Next(0, 1 << 20);
        }
        var maxima = new SectionMaxima(floors, totals);
        for (int step = 0; step < 400; step++)
        {
            if (random.Next(2) == 0)
            {
                int s = random.Next(count);
                floors[s] = random.Next(0, 1 << 20);
                totals[s] = random.Next(0, 1 << 20);
                maxima.Set(s, floors[s], totals[s]);
            }
            else
            {
                int lower = random.Next(count), upper = random.Next(lower, count + 1);
                for (int s = lower; s < upper; s++)
                {
                    floors[s] += random.Next(0, 1000);
                    totals[s] -= random.Next(0, 1000);
                }
                maxima.Refresh(lower, upper, floors, totals);
            }
            int from = random.Next(count + 1), to = random.Next(from, count + 1);
            var (floorTotal, total, floor) = maxima.Max(from, to);
            long expectedFloorTotal = long.MinValue, expectedTotal = long.MinValue, expectedFloor = long.MinValue;
            for (int s = from; s < to; s++)
            {
                expectedFloorTotal = Math.Max(expectedFloorTotal, floors[s] + totals[s]);
                expectedTotal = Math.Max(expectedTotal, totals[s]);
                expectedFloor = Math.Max(expectedFloor, floors[s]);
            }
            Assert.Equal((expectedFloorTotal, expectedTotal, expectedFloor), (floorTotal, total, floor));
        }
    }
}
