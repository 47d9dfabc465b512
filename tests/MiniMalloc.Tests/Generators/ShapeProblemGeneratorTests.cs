namespace MiniMalloc.Generators;

/// <summary>The scale grid's shapes: deterministic, the promised live sets and lifetimes, sizes and capacity.</summary>
public class ShapeProblemGeneratorTests
{
    public static TheoryData<string, int> ShapesAndLiveSets()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in ShapeNames.AllShapes)
        {
            data.Add(ShapeNames.Name(shape), 20);
            data.Add(ShapeNames.Name(shape), 600);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndLiveSets))]
    public void The_busiest_step_has_about_the_live_set_and_capacity_is_slack_over_the_bound(string name, int liveSet)
    {
        Assert.True(ShapeNames.TryParseShape(name, out var shape));
        var parameters = new ShapeParameters { Shape = shape, Buffers = 20_000, LiveSet = liveSet, Slack = 1.1, Seed = 3 };
        var problem = ShapeProblemGenerator.Generate(parameters);
        Assert.Equal(20_000, problem.Buffers.Count);
        Assert.Null(ProblemChecker.FirstError(problem));
        Assert.Equal((long)Math.Ceiling(LiveProfile.Of(problem).Peak * 1.1), problem.Capacity);
        int busiest = MaxLiveCount(problem);
        // The network shape's long-lived buffers are drawn at random; the others are built to have the live set.
        Assert.InRange(busiest, shape == ProblemShape.Network ? liveSet / 2 : liveSet, 2 * liveSet + 8);
    }

    [Fact]
    public void Same_parameters_give_the_same_problem_and_another_seed_another()
    {
        foreach (var shape in ShapeNames.AllShapes)
        {
            var parameters = new ShapeParameters { Shape = shape, Buffers = 3_000, LiveSet = 100, Seed = 5 };
            var a = ShapeProblemGenerator.Generate(parameters);
            var b = ShapeProblemGenerator.Generate(parameters);
            var c = ShapeProblemGenerator.Generate(parameters with { Seed = 6 });
            Assert.Equal(a.Capacity, b.Capacity);
            Assert.Equal(a.Buffers, b.Buffers);
            Assert.NotEqual(a.Buffers, c.Buffers);
        }
    }

    [Fact]
    public void Training_activations_nest_and_are_all_live_at_the_turn()
    {
        const int layers = 300;
        var problem = ShapeProblemGenerator.Generate(new ShapeParameters { Shape = ProblemShape.Training, Buffers = 3 * layers, LiveSet = layers });
        var activations = problem.Buffers.Where(b => b.Lifespan.Width > 2).OrderBy(b => b.Lifespan.Lower).ToList();
        Assert.Equal(layers, activations.Count);
        for (int i = 1; i < layers; i++)
        {
            Assert.True(activations[i].Lifespan.Upper < activations[i - 1].Lifespan.Upper, "each activation lives inside the one before");
        }
        Assert.All(activations, a => Assert.True(a.Lifespan.Contains(layers)));
    }

    [Fact]
    public void Decoder_caches_live_to_the_end_of_their_pass_beside_a_dozen_short_intermediates_per_layer()
    {
        const int layers = 50;
        int perPass = layers * (2 + ShapeLayouts.DecoderIntermediates);
        var problem = ShapeProblemGenerator.Generate(new ShapeParameters { Shape = ProblemShape.Decoder, Buffers = 3 * perPass, LiveSet = 2 * layers });
        foreach (var pass in problem.Buffers.Chunk(perPass))
        {
            long end = pass.Max(b => b.Lifespan.Upper);
            Assert.Equal(2 * layers, pass.Count(b => b.Lifespan.Upper == end && b.Lifespan.Width > 4));
            Assert.Equal(layers * ShapeLayouts.DecoderIntermediates, pass.Count(b => b.Lifespan.Width <= 4));
        }
    }

    [Fact]
    public void Encoder_skips_are_equally_long_and_overlap()
    {
        const int blocks = 40;
        var problem = ShapeProblemGenerator.Generate(new ShapeParameters { Shape = ProblemShape.EncoderDecoder, Buffers = 10 * blocks + 1, LiveSet = blocks });
        var skips = problem.Buffers.Where(b => b.Lifespan.Width > 5).ToList();
        Assert.Equal(blocks + 1, skips.Count); // the skips and the encoder's memory
        Assert.Single(skips.Take(blocks).Select(s => s.Lifespan.Width).Distinct()); // created in block order, the memory last
        long decoderStart = blocks * ShapeLayouts.BlockSteps;
        Assert.All(skips, s => Assert.True(s.Lifespan.Contains(decoderStart)));
    }

    [Fact]
    public void Network_long_lived_share_and_length_are_as_asked()
    {
        var parameters = new ShapeParameters { Shape = ProblemShape.Network, Buffers = 40_000, LongLivedShare = 0.1, LongLife = 2_000 };
        var problem = ShapeProblemGenerator.Generate(parameters);
        var longLived = problem.Buffers.Where(b => b.Lifespan.Width > 5).ToList();
        Assert.InRange(longLived.Count / 40_000.0, 0.09, 0.11);
        Assert.All(longLived, b => Assert.InRange(b.Lifespan.Width, 1_000, 3_002));
    }

    [Fact]
    public void Size_distributions_have_their_promised_form()
    {
        var shape = new ShapeParameters { Shape = ProblemShape.Inception, Buffers = 20_000, LiveSet = 50 };
        var pow2 = ShapeProblemGenerator.Generate(shape with { Sizes = SizeDistribution.PowerOfTwo }).Buffers;
        Assert.All(pow2, b => Assert.True(long.IsPow2(b.Size) && b.Size is >= 64 and <= 1 << 20));
        Assert.Equal(15, pow2.Select(b => b.Size).Distinct().Count());

        var uniform = ShapeProblemGenerator.Generate(shape with { Sizes = SizeDistribution.Uniform }).Buffers;
        Assert.InRange(uniform.Average(b => (double)b.Size), 0.95 * (1 << 19), 1.05 * (1 << 19));

        var logNormal = ShapeProblemGenerator.Generate(shape with { Sizes = SizeDistribution.LogNormal }).Buffers.Select(b => b.Size).Order().ToList();
        Assert.InRange(logNormal[logNormal.Count / 2], 0.9 * SizeSampler.LogNormalMedian, 1.1 * SizeSampler.LogNormalMedian);
        // Heavy-tailed: the top 1 % are over 30 times the median (e^(2.33 σ) ≈ 33).
        Assert.True(logNormal[logNormal.Count * 99 / 100] > 30 * SizeSampler.LogNormalMedian);
    }

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ShapeProblemGenerator.Generate(new ShapeParameters { Slack = 0.9 }));
        Assert.Throws<ArgumentException>(() => ShapeProblemGenerator.Generate(new ShapeParameters { LiveSet = 0 }));
    }

    private static int MaxLiveCount(Problem problem)
    {
        var events = problem.Buffers.SelectMany(b => new[] { (b.Lifespan.Lower, 1), (b.Lifespan.Upper, -1) })
            .OrderBy(e => e.Item1).ThenBy(e => e.Item2);
        int live = 0, max = 0;
        foreach (var (_, delta) in events) max = Math.Max(max, live += delta);
        return max;
    }
}
