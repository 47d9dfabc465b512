namespace MiniMalloc.Generators;

/// <summary>
/// Generates planning problems of the shapes real models have (<see cref="ProblemShape"/>), of any size, live set,
/// size distribution and slack, for the scale grid and for tests. Every problem is a function of its
/// <see cref="ShapeParameters"/> alone (sizes from <c>SplitMix64</c>, whose sequence is fixed by its definition).
/// A shape repeats its pass (a training step, a decoder pass, a network section) until the buffer count is
/// reached, and stops there, also within a pass; steps are the operators, one per step.
/// </summary>
/// <remarks>
/// Compiled into both the benchmark harness (by a linked Compile item) and the test project, where it lives.
/// </remarks>
internal static class ShapeProblemGenerator
{
    /// <summary>Generates the problem of <paramref name="parameters"/>: capacity ⌈slack × max live size⌉.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid (see <see cref="ShapeParameters.Validate"/>).</exception>
    public static Problem Generate(ShapeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Validate() is { } error) throw new ArgumentException(error, nameof(parameters));
        var builder = new ShapeBuilder(parameters.Buffers, parameters.Sizes, parameters.Seed * 0x9E3779B97F4A7C15UL + (ulong)parameters.Shape);
        int live = parameters.LiveSet;
        switch (parameters.Shape)
        {
            case ProblemShape.Network: ShapeLayouts.Network(builder, parameters.LongLivedShare, parameters.EffectiveLongLife); break;
            case ProblemShape.Training: ShapeLayouts.Training(builder, live); break;
            case ProblemShape.Decoder: ShapeLayouts.Decoder(builder, Math.Max(1, live / 2)); break;
            case ProblemShape.EncoderDecoder: ShapeLayouts.EncoderDecoder(builder, live); break;
            case ProblemShape.UNet: ShapeLayouts.UNet(builder, live); break;
            case ProblemShape.Inception: ShapeLayouts.Inception(builder, live); break;
            case ProblemShape.Random: ShapeLayouts.Random(builder, live); break;
            default: throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Shape, "unknown shape");
        }
        var buffers = builder.Buffers;
        long lowerBound = LiveProfile.Of(buffers).Peak;
        return new Problem(buffers, (long)Math.Ceiling(lowerBound * parameters.Slack));
    }
}
