using System.Globalization;

namespace MiniMalloc.Generators;

/// <summary>What <see cref="ShapeProblemGenerator"/> makes: a shape, its size, its live set, its sizes and its slack.</summary>
internal sealed record ShapeParameters
{
    /// <summary>The lifetime structure.</summary>
    public ProblemShape Shape { get; init; } = ProblemShape.Network;

    /// <summary>The number of buffers (exactly).</summary>
    public int Buffers { get; init; } = 10_000;

    /// <summary>
    /// About how many buffers are live at the busiest step (within a factor of two, see each shape): the forward
    /// layers of a training step, twice the decoder layers, the encoder blocks, the U-Net levels, the branches of a
    /// module, or for the network shape the long-lived buffers alive at once. At least 1.
    /// </summary>
    public int LiveSet { get; init; } = 1_000;

    /// <summary>How sizes are drawn.</summary>
    public SizeDistribution Sizes { get; init; } = SizeDistribution.LogNormal;

    /// <summary>Capacity over the max-live-size lower bound (1.0: none; 1.25: 25 %), rounded up. At least 1.</summary>
    public double Slack { get; init; } = 1.25;

    /// <summary>Chooses the problem; the same parameters always give the same problem.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Network shape: the share of buffers that live long (default 5 %).</summary>
    public double LongLivedShare { get; init; } = 0.05;

    /// <summary>
    /// Network shape: the mean life of a long-lived buffer, in steps (each is drawn from [½, 1½] of it); null: the
    /// live set over the long-lived share, so that about <see cref="LiveSet"/> of them are alive at once.
    /// </summary>
    public int? LongLife { get; init; }

    /// <summary>Checks the values; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (Buffers < 0) return "the buffer count may not be negative";
        if (LiveSet < 1) return "the live set must be at least 1";
        if (!(Slack >= 1) || !double.IsFinite(Slack)) return "the slack must be a number of at least 1";
        if (!(LongLivedShare is > 0 and <= 1)) return "the long-lived share must be in (0, 1]";
        if (LongLife is < 1) return "the long life must be at least 1 step";
        return null;
    }

    /// <summary>The long life the network shape uses.</summary>
    public int EffectiveLongLife => LongLife ?? (int)Math.Max(4, Math.Round(LiveSet / LongLivedShare));

    /// <summary>A short description for tables: "training, live 1000, log-normal, slack 1.25".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{ShapeNames.Name(Shape)}, live {LiveSet}, {ShapeNames.Name(Sizes)}, slack {Slack}");
}
