namespace MiniMalloc.Heuristics;

/// <summary>
/// A tiny random generator whose sequence is fixed by its definition, not by a runtime version, so that a seed
/// gives the same plan on every machine and .NET release (and the benchmarks' generator the same problems).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>) for a positive bound (the bias is below 2^-32).</summary>
    public int Below(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);
}
