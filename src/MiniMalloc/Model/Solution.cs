namespace MiniMalloc;

/// <summary>An offset per buffer of a problem, in the problem's buffer order.</summary>
public sealed class Solution
{
    /// <summary>Creates a solution; <see cref="Height"/> is computed from the problem's sizes.</summary>
    public Solution(IReadOnlyList<long> offsets, long height)
    {
        Offsets = offsets;
        Height = height;
    }

    /// <summary>Creates a solution and computes its height: the highest offset + size.</summary>
    public static Solution FromOffsets(Problem problem, IReadOnlyList<long> offsets)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(offsets);
        long height = 0;
        for (int i = 0; i < offsets.Count && i < problem.Buffers.Count; i++)
        {
            height = Math.Max(height, offsets[i] + problem.Buffers[i].Size);
        }
        return new Solution(offsets, height);
    }

    /// <summary>The offset of each buffer.</summary>
    public IReadOnlyList<long> Offsets { get; }

    /// <summary>The peak: the highest offset + size over all buffers (0 for no buffers).</summary>
    public long Height { get; }
}
