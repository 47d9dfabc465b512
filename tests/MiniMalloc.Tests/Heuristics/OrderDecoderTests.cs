using MiniMalloc.Heuristics;

namespace MiniMalloc.Tests.Heuristics;

/// <summary>The local search's machinery: incremental moves agree with decoding from scratch, and both neighbour indexes agree.</summary>
public class OrderDecoderTests
{
    private static OrderDecoder Decoder(Problem problem, long maxStoredEntries = TimeNeighbours.MaxStoredEntries) =>
        new(problem.Buffers, new PieceTable(problem.Buffers), new TimeNeighbours(problem.Buffers, maxStoredEntries), reference: 0);

    private static int[] Movable(Problem problem) =>
        [.. Enumerable.Range(0, problem.Buffers.Count).Where(b => problem.Buffers[b].Offset is null)];

    [Theory]
    [InlineData(1, TimeNeighbours.MaxStoredEntries)]
    [InlineData(2, TimeNeighbours.MaxStoredEntries)]
    [InlineData(3, 0)] // the interval tree instead of stored neighbours
    public void Moves_give_the_plan_that_decoding_the_new_order_from_scratch_gives(int seed, long maxStoredEntries)
    {
        var problem = HeuristicPlannerTests.RandomProblem(seed, count: 60);
        var decoder = Decoder(problem, maxStoredEntries);
        var fresh = Decoder(problem, maxStoredEntries);
        decoder.DecodeAll(Movable(problem));
        var random = new Random(seed);
        for (int move = 0; move < 400; move++)
        {
            int from = random.Next(decoder.MovableCount), to = random.Next(decoder.MovableCount);
            var before = decoder.Offsets.ToArray();
            var orderBefore = decoder.Order.ToArray();
            Assert.True(decoder.TryMove(from, to, long.MaxValue, () => false));

            fresh.DecodeAll(decoder.Order);
            Assert.Equal(fresh.Offsets.ToArray(), decoder.Offsets.ToArray());
            Assert.Equal(fresh.Height, decoder.Height);
            Assert.Equal(fresh.Excess, decoder.Excess);
            Assert.Equal(fresh.AtHeight, decoder.AtHeight);
            Assert.True(Validator.Validate(problem.WithCapacity(decoder.Height), Solution.FromOffsets(problem, decoder.Offsets.ToArray())).IsValid);

            if (move % 3 == 0)
            {
                decoder.Revert();
                Assert.Equal(before, decoder.Offsets.ToArray());
                Assert.Equal(orderBefore, decoder.Order.ToArray());
            }
        }
    }

    [Fact]
    public void A_move_that_rises_above_the_limit_is_abandoned_and_reverted()
    {
        // Three buffers live together; "big" is placed last, on top of the others (height 3 + 4 + 8 = 15)...
        var problem = new Problem([new Buffer("a", 0, 4, 3), new Buffer("b", 0, 4, 4), new Buffer("big", 0, 4, 8)], 0);
        var decoder = Decoder(problem);
        decoder.DecodeAll([0, 1, 2]);
        Assert.Equal([0L, 3L, 7L], decoder.Offsets.ToArray());

        // ...moving "a" to the end puts it at 12, which exceeds a limit of 14: nothing changes.
        Assert.False(decoder.TryMove(0, 2, abortAbove: 14, () => false));
        Assert.Equal([0L, 3L, 7L], decoder.Offsets.ToArray());
        Assert.Equal([0, 1, 2], decoder.Order.ToArray());
    }

    [Fact]
    public void Both_neighbour_indexes_find_exactly_the_overlapping_lifespans()
    {
        var random = new Random(8);
        var buffers = new List<Buffer>();
        for (int i = 0; i < 300; i++)
        {
            long lower = random.Next(0, 200);
            buffers.Add(new Buffer($"b{i}", lower, lower + (random.Next(10) == 0 ? random.Next(1, 150) : random.Next(1, 6)), 1));
        }
        var stored = new TimeNeighbours(buffers);
        var tree = new TimeNeighbours(buffers, maxStoredEntries: 0);
        Assert.True(stored.Stored);
        Assert.False(tree.Stored);
        Assert.Equal(stored.Pairs, tree.Pairs);
        for (int b = 0; b < buffers.Count; b++)
        {
            var expected = Enumerable.Range(0, buffers.Count).Where(o => o != b && buffers[o].Lifespan.Overlaps(buffers[b].Lifespan)).ToArray();
            var fromStored = stored.Of(b, buffers[b].Lifespan).ToArray();
            var fromTree = tree.Of(b, buffers[b].Lifespan).ToArray();
            Array.Sort(fromStored);
            Array.Sort(fromTree);
            Assert.Equal(expected, fromStored);
            Assert.Equal(expected, fromTree);
        }
    }
}
