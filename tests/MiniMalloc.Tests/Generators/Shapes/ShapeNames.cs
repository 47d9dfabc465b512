namespace MiniMalloc.Generators;

/// <summary>The names shapes and size distributions go by on command lines and in tables (lower case, hyphenated).</summary>
internal static class ShapeNames
{
    public static readonly IReadOnlyList<ProblemShape> AllShapes = Enum.GetValues<ProblemShape>();

    public static readonly IReadOnlyList<SizeDistribution> AllDistributions = Enum.GetValues<SizeDistribution>();

    public static string Name(ProblemShape shape) => shape switch
    {
        ProblemShape.Network => "network",
        ProblemShape.Training => "training",
        ProblemShape.Decoder => "decoder",
        ProblemShape.EncoderDecoder => "encoder-decoder",
        ProblemShape.UNet => "unet",
        ProblemShape.Inception => "inception",
        ProblemShape.Random => "random",
        _ => shape.ToString(),
    };

    public static string Name(SizeDistribution sizes) => sizes switch
    {
        SizeDistribution.Uniform => "uniform",
        SizeDistribution.LogNormal => "log-normal",
        SizeDistribution.PowerOfTwo => "pow2",
        _ => sizes.ToString(),
    };

    public static bool TryParseShape(string text, out ProblemShape shape)
    {
        foreach (var candidate in AllShapes)
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                shape = candidate;
                return true;
            }
        }
        shape = default;
        return false;
    }

    public static bool TryParseSizes(string text, out SizeDistribution sizes)
    {
        foreach (var candidate in AllDistributions)
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                sizes = candidate;
                return true;
            }
        }
        sizes = default;
        return false;
    }
}
