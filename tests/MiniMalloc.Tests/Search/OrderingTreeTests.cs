using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

/// <summary>The live ordering of large sub-problems against a plain sorted list, under random operations.</summary>
public class OrderingTreeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(64, 3)]
    [InlineData(500, 4)]
    public void Random_operations_agree_with_a_sorted_list(int count, int seed)
    {
        var (random, sizes, tree, model, offsets) = Empty(count, seed);
        var inTree = new bool[count];
        for (int step = 0; step < 20 * count + 50; step++)
        {
            int id = random.Next(count);
            if (inTree[id] && random.Next(3) > 0)
            {
                tree.Remove(id);
                model.Remove((offsets[id], id));
                inTree[id] = false;
            }
            else if (!inTree[id])
            {
                // Few distinct offsets, so that ties (broken by the preorder index) are common.
                offsets[id] = random.Next(0, 12) * 100L;
                tree.Insert(id, offsets[id]);
                model.Add((offsets[id], id));
                inTree[id] = true;
            }

            Assert.Equal(model.Count == 0, tree.IsEmpty);
            long minTop = model.Count == 0 ? long.MaxValue : model.Min(e => e.Offset + sizes[e.Id]);
            Assert.Equal(minTop, tree.MinTop);
            long probeOffset = random.Next(-1, 13) * 100L;
            int probeId = random.Next(-1, count + 1);
            var expected = model.Where(e => e.Offset > probeOffset || (e.Offset == probeOffset && e.Id >= probeId)).Select(e => e.Id).DefaultIfEmpty(-1).First();
            Assert.Equal(expected, tree.LowerBound(probeOffset, probeId));
        }

        // Walking by successors visits every entry once, in order.
        var walked = new List<int>();
        for (int id = tree.LowerBound(long.MinValue, 0); id >= 0; id = tree.Successor(id))
        {
            walked.Add(id);
            Assert.Equal(offsets[id], tree.KeyOf(id));
        }
        Assert.Equal(model.Select(e => e.Id), walked);
    }

    [Theory]
    [InlineData(9, 5)]
    [InlineData(300, 6)]
    public void A_suspended_tree_keeps_its_entries_and_orders_them_again(int count, int seed)
    {
        var (random, sizes, tree, model, offsets) = Empty(count, seed);
        for (int id = 0; id < count; id += 2)
        {
            offsets[id] = random.Next(0, 12) * 100L;
            tree.Insert(id, offsets[id]);
            model.Add((offsets[id], id));
        }
        for (int round = 0; round < 4; round++)
        {
            // Suspended: entries come, go and move (as the undo of a search does) without the order being kept.
            tree.Suspend();
            for (int step = 0; step < 3 * count; step++)
            {
                int id = random.Next(count);
                bool present = model.Contains((offsets[id], id));
                if (present)
                {
                    tree.Remove(id);
                    model.Remove((offsets[id], id));
                }
                if (!present || random.Next(2) == 0)
                {
                    offsets[id] = random.Next(0, 12) * 100L;
                    tree.Insert(id, offsets[id]);
                    model.Add((offsets[id], id));
                }
                Assert.Equal(model.Count, tree.Count);
            }

            tree.EnsureOrdered();
            long minTop = model.Count == 0 ? long.MaxValue : model.Min(e => e.Offset + sizes[e.Id]);
            Assert.Equal(minTop, tree.MinTop);
            var walked = new List<int>();
            for (int id = tree.LowerBound(long.MinValue, 0); id >= 0; id = tree.Successor(id)) walked.Add(id);
            Assert.Equal(model.Select(e => e.Id), walked);
        }
    }

    // A tree of `count` buffers of random sizes with nothing in it, the sorted set that models it, and their offsets.
    private static (Random Random, long[] Sizes, OrderingTree Tree, SortedSet<(long Offset, int Id)> Model, long[] Offsets) Empty(int count, int seed)
    {
        var random = new Random(seed);
        var sizes = new long[count];
        for (int i = 0; i < count; i++) sizes[i] = random.Next(1, 1000);
        return (random, sizes, new OrderingTree(sizes), new SortedSet<(long Offset, int Id)>(), new long[count]);
    }
}
