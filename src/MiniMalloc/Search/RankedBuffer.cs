using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// A buffer with the keys of a preordering heuristic of up to <see cref="MaxKeys"/> letters, in the heuristic's order:
/// sorted by each key descending, ties by ascending buffer index, the same total order as
/// <see cref="PreorderingComparer"/>. A small struct compared through <see cref="IComparable{T}"/>, so that sorting a
/// sub-problem's buffers calls its comparison directly instead of through a delegate over a struct of every key (a
/// quarter of the exact search's time on problems of 100,000 buffers with a hundred live at once, where each
/// decomposition piece is preordered afresh).
/// </summary>
internal struct RankedBuffer : IComparable<RankedBuffer>
{
    /// <summary>The most letters a heuristic may have to be ranked this way (the default heuristics have three).</summary>
    public const int MaxKeys = 4;

    public long Key0;
    public long Key1;
    public long Key2;
    public long Key3;
    public int Buffer;

    /// <summary>The ranked form of <paramref name="key"/> under <paramref name="heuristic"/> (at most <see cref="MaxKeys"/> letters).</summary>
    public static RankedBuffer Of(in PreorderKey key, string heuristic)
    {
        Debug.Assert(heuristic.Length <= MaxKeys, "longer heuristics are sorted by PreorderingComparer");
        var ranked = new RankedBuffer { Buffer = key.Buffer };
        for (int i = 0; i < heuristic.Length; i++)
        {
            long value = heuristic[i] switch
            {
                'A' => key.Area,
                'C' => key.Sections,
                'L' => key.Lower,
                'O' => key.Overlaps,
                'T' => key.Total,
                'U' => key.Upper,
                'W' => key.Width,
                'Z' => key.Size,
                _ => 0,
            };
            switch (i)
            {
                case 0: ranked.Key0 = value; break;
                case 1: ranked.Key1 = value; break;
                case 2: ranked.Key2 = value; break;
                default: ranked.Key3 = value; break;
            }
        }
        return ranked;
    }

    public readonly int CompareTo(RankedBuffer other)
    {
        if (Key0 != other.Key0) return other.Key0.CompareTo(Key0);
        if (Key1 != other.Key1) return other.Key1.CompareTo(Key1);
        if (Key2 != other.Key2) return other.Key2.CompareTo(Key2);
        if (Key3 != other.Key3) return other.Key3.CompareTo(Key3);
        return Buffer.CompareTo(other.Buffer);
    }
}
