using System.Numerics;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// A tiny problem as bit masks, independent of the library's occupancy code: for every buffer and every step of
/// its lifespan, the bytes it holds relative to its offset (all of them; none inside a gap without a window; the
/// window's bytes inside a gap with one). Steps are integers and lifespans half-open, so two buffers conflict
/// exactly when, at some step, their shifted masks intersect.
/// </summary>
internal sealed class TinyOccupancy
{
    /// <summary>The largest capacity handled: one bit per byte of a 64-bit mask.</summary>
    public const int MaxCapacity = 64;

    /// <summary>The largest number of steps between the first lower and the last upper bound.</summary>
    public const int MaxSteps = 64;

    /// <summary>Builds the masks of <paramref name="problem"/>'s buffers (its capacity is ignored).</summary>
    public TinyOccupancy(Problem problem)
    {
        var buffers = problem.Buffers;
        Count = buffers.Count;
        long origin = Count == 0 ? 0 : buffers.Min(b => b.Lifespan.Lower);
        long end = Count == 0 ? 0 : buffers.Max(b => b.Lifespan.Upper);
        if (end - origin > MaxSteps) throw new ArgumentException($"the problem spans {end - origin} steps; at most {MaxSteps} are supported");
        Steps = (int)(end - origin);
        First = new int[Count];
        Masks = new ulong[Count][];
        Sizes = new int[Count];
        Alignments = new int[Count];
        FixedOffsets = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            var b = buffers[i];
            if (b.Size > MaxCapacity) throw new ArgumentException($"buffer '{b.Id}' has size {b.Size}; at most {MaxCapacity} is supported");
            Sizes[i] = (int)b.Size;
            Alignments[i] = (int)Math.Min(b.Alignment, MaxCapacity + 1);
            FixedOffsets[i] = b.Offset is { } o ? (int)Math.Min(o, MaxCapacity + 1) : -1;
            First[i] = (int)(b.Lifespan.Lower - origin);
            Masks[i] = new ulong[b.Lifespan.Width];
            for (long step = b.Lifespan.Lower; step < b.Lifespan.Upper; step++)
            {
                Masks[i][step - b.Lifespan.Lower] = MaskAt(b, step);
            }
        }
    }

    /// <summary>A model from masks made elsewhere (see <see cref="AliasOccupancy"/>).</summary>
    public TinyOccupancy(int steps, int[] first, ulong[][] masks, int[] sizes, int[] alignments, int[] fixedOffsets)
    {
        Count = sizes.Length;
        Steps = steps;
        First = first;
        Masks = masks;
        Sizes = sizes;
        Alignments = alignments;
        FixedOffsets = fixedOffsets;
    }

    public int Count { get; }

    public int Steps { get; }

    /// <summary>The first step of each buffer, counted from the problem's first step.</summary>
    public int[] First { get; }

    /// <summary>Masks[i][k]: the bytes buffer i holds at step First[i] + k, relative to its offset.</summary>
    public ulong[][] Masks { get; }

    public int[] Sizes { get; }

    public int[] Alignments { get; }

    /// <summary>The fixed offset of each buffer, or -1.</summary>
    public int[] FixedOffsets { get; }

    /// <summary>True when every buffer holds, at every step, all of its bytes or none (windows are what break this).</summary>
    public bool AllOrNothing
    {
        get
        {
            for (int i = 0; i < Count; i++)
            {
                ulong full = Bits(0, Sizes[i]);
                if (Masks[i].Any(m => m != 0 && m != full)) return false;
            }
            return true;
        }
    }

    /// <summary>The largest number of bytes held at one step: no solution is lower.</summary>
    public long LowerBound
    {
        get
        {
            long best = 0;
            for (int step = 0; step < Steps; step++)
            {
                long live = 0;
                for (int i = 0; i < Count; i++)
                {
                    int k = step - First[i];
                    if (k >= 0 && k < Masks[i].Length) live += BitOperations.PopCount(Masks[i][k]);
                }
                best = Math.Max(best, live);
            }
            return best;
        }
    }

    /// <summary>True when buffer i at offset x shares no byte with <paramref name="occupied"/>; needs x + size &lt;= 64.</summary>
    public bool Fits(int i, int x, ulong[] occupied)
    {
        var masks = Masks[i];
        int first = First[i];
        for (int k = 0; k < masks.Length; k++)
        {
            if ((occupied[first + k] & (masks[k] << x)) != 0) return false;
        }
        return true;
    }

    /// <summary>Adds or removes buffer i at offset x: the same XOR, since a buffer is only placed where its bytes are free.</summary>
    public void Toggle(int i, int x, ulong[] occupied)
    {
        var masks = Masks[i];
        int first = First[i];
        for (int k = 0; k < masks.Length; k++) occupied[first + k] ^= masks[k] << x;
    }

    /// <summary>
    /// The first fault of <paramref name="offsets"/> under this model (bounds, alignment, fixed offsets, shared
    /// bytes), or null: a check independent of the library's validator.
    /// </summary>
    public string? FindViolation(IReadOnlyList<long> offsets, long capacity)
    {
        if (offsets.Count != Count) return $"{offsets.Count} offsets for {Count} buffers";
        var occupied = new ulong[Steps];
        for (int i = 0; i < Count; i++)
        {
            long x = offsets[i];
            if (x < 0 || x + Sizes[i] > capacity) return $"buffer {i} at {x} (size {Sizes[i]}) leaves [0, {capacity})";
            if (x + Sizes[i] > MaxCapacity) return $"buffer {i} at {x} lies beyond the {MaxCapacity} bytes this check models";
            if (x % Alignments[i] != 0) return $"buffer {i} at {x} is not aligned to {Alignments[i]}";
            if (FixedOffsets[i] >= 0 && x != FixedOffsets[i]) return $"buffer {i} at {x} is fixed at {FixedOffsets[i]}";
            if (!Fits(i, (int)x, occupied)) return $"buffer {i} at {x} shares bytes with a buffer before it";
            Toggle(i, (int)x, occupied);
        }
        return null;
    }

    /// <summary>The bits [lower, upper) of a word.</summary>
    public static ulong Bits(long lower, long upper)
    {
        long count = upper - lower;
        if (count <= 0) return 0;
        ulong ones = count >= 64 ? ulong.MaxValue : (1UL << (int)count) - 1;
        return ones << (int)lower;
    }

    private static ulong MaskAt(Buffer buffer, long step)
    {
        foreach (var gap in buffer.Gaps)
        {
            if (gap.Lifespan.Lower <= step && step < gap.Lifespan.Upper)
            {
                return gap.Window is { } w ? Bits(w.Lower, w.Upper) : 0;
            }
        }
        return Bits(0, buffer.Size);
    }
}
