using MiniMalloc.Heuristics;

namespace MiniMalloc.Generators;

/// <summary>Collects a shape's buffers, each sized by the parameters' distribution, until the wanted count is reached.</summary>
internal sealed class ShapeBuilder
{
    private readonly Buffer[] _buffers;
    private readonly SizeDistribution _sizes;
    private SplitMix64 _random;
    private int _count;

    public ShapeBuilder(int count, SizeDistribution sizes, ulong seed)
    {
        _buffers = new Buffer[count];
        _sizes = sizes;
        _random = new SplitMix64(seed);
    }

    /// <summary>True once every buffer has been added; shapes stop there, even within a pass.</summary>
    public bool Full => _count == _buffers.Length;

    /// <summary>The buffers, when <see cref="Full"/>.</summary>
    public Buffer[] Buffers => Full ? _buffers : throw new InvalidOperationException("the shape stopped before the buffer count");

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public int Below(int bound) => _random.Below(bound);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Adds a buffer live over [<paramref name="lower"/>, <paramref name="upper"/>), its size divided by 2^<paramref name="shrink"/> (at least 1 byte); nothing when full.</summary>
    public void Add(long lower, long upper, int shrink = 0)
    {
        if (Full) return;
        System.Diagnostics.Debug.Assert(lower < upper, "a lifespan is never empty");
        long size = Math.Max(1, SizeSampler.Next(_sizes, ref _random) >> shrink);
        _buffers[_count] = new Buffer($"t{_count}", lower, upper, size);
        _count++;
    }
}
