using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

/// <summary>Range maxima over a snapshot against a scan, rebuilt over different slices with reused storage.</summary>
public class RangeMaximaTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(64, 3)]
    [InlineData(1000, 4)]
    public void Queries_agree_with_a_scan(int count, int seed)
    {
        var random = new Random(seed);
        var values = new long[count];
        var maxima = new RangeMaxima();
        for (int build = 0; build < 20; build++)
        {
            for (int i = 0; i < count; i++) values[i] = random.NextInt64(-1000, 1L << 40);
            int lower = random.Next(count), upper = random.Next(lower, count + 1);
            maxima.Build(values, lower, upper);
            var snapshot = values.ToArray();
            // A later change to the array does not reach the snapshot.
            Array.Fill(values, long.MaxValue);
            for (int q = 0; q < 50; q++)
            {
                int a = random.Next(lower, upper + 1), b = random.Next(a, upper + 1);
                long expected = long.MinValue;
                for (int i = a; i < b; i++) expected = Math.Max(expected, snapshot[i]);
                Assert.Equal(expected, maxima.Max(a, b));
            }
        }
    }
}
