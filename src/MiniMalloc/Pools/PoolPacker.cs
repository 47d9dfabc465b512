using MiniMalloc.Heuristics;
using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// Places folded buffers one at a time, each at the lowest offset of a pool where it fits among the buffers already
/// placed there (aligned to both the buffer's and the pool's alignment): the step of the greedy baseline and of
/// the planner's constructive heuristics. Reusable: <see cref="Clear"/> forgets every placement.
/// </summary>
internal sealed class PoolPacker
{
    private readonly FoldedPoolProblem _problem;
    private readonly TimeNeighbours _neighbours;
    private readonly IReadOnlyList<OccupiedPieces.Piece>[] _pieces;
    private readonly List<(long Lower, long Upper)> _forbidden = [];
    private readonly WorkMeter _meter;

    /// <summary>A packer whose work (a unit per buffer it looks at, and per gap it sorts) is counted on <paramref name="meter"/>, when given.</summary>
    public PoolPacker(FoldedPoolProblem problem, WorkMeter? meter = null)
    {
        _problem = problem;
        _meter = meter ?? new WorkMeter();
        var buffers = problem.Buffers;
        _neighbours = new TimeNeighbours(buffers);
        _pieces = new IReadOnlyList<OccupiedPieces.Piece>[buffers.Count];
        for (int i = 0; i < buffers.Count; i++) _pieces[i] = OccupiedPieces.Of(buffers[i]);
        PoolOf = new int[buffers.Count];
        Offsets = new long[buffers.Count];
        Clear();
    }

    /// <summary>The pool of each buffer, -1 while it is not placed.</summary>
    public int[] PoolOf { get; }

    /// <summary>The offset of each placed buffer.</summary>
    public long[] Offsets { get; }

    public void Clear() => Array.Fill(PoolOf, -1);

    /// <summary>Places buffer <paramref name="k"/> at <paramref name="offset"/> in <paramref name="pool"/> (no check).</summary>
    public void Place(int k, int pool, long offset)
    {
        PoolOf[k] = pool;
        Offsets[k] = offset;
    }

    /// <summary>Removes buffer <paramref name="k"/>.</summary>
    public void Remove(int k) => PoolOf[k] = -1;

    /// <summary>
    /// The lowest offset at which buffer <paramref name="k"/> fits in <paramref name="pool"/> among the buffers placed
    /// there, or -1 when it does not fit below the pool's capacity. A fixed buffer fits only at its fixed offset.
    /// </summary>
    public long LowestFit(int k, int pool)
    {
        var buffer = _problem.Buffers[k];
        long capacity = _problem.Pools[pool].Capacity;
        long alignment = _problem.AlignmentIn(k, pool);
        _forbidden.Clear();
        var neighbours = _neighbours.Of(k, buffer.Lifespan);
        _meter.Units += 1 + neighbours.Length;
        foreach (int p in neighbours)
        {
            if (PoolOf[p] != pool) continue;
            _meter.Units += _pieces[k].Count * _pieces[p].Count;
            foreach (var pb in _pieces[k])
            {
                foreach (var pp in _pieces[p])
                {
                    if (!pb.Steps.Overlaps(pp.Steps)) continue;
                    // k at x conflicts with p when [x + wk.lo, x + wk.hi) meets [op + wp.lo, op + wp.hi).
                    long lower = Offsets[p] + pp.Window.Lower - pb.Window.Upper + 1;
                    long upper = Offsets[p] + pp.Window.Upper - pb.Window.Lower;
                    if (upper > lower && pb.Window.Upper > pb.Window.Lower && pp.Window.Upper > pp.Window.Lower) _forbidden.Add((lower, upper));
                }
            }
        }
        if (buffer.Offset is { } fixedOffset)
        {
            if (fixedOffset % alignment != 0 || fixedOffset + buffer.Size > capacity) return -1;
            foreach (var (lower, upper) in _forbidden)
            {
                if (fixedOffset >= lower && fixedOffset < upper) return -1;
            }
            return fixedOffset;
        }
        _forbidden.Sort();
        _meter.Units += _forbidden.Count;
        long x = 0;
        foreach (var (lower, upper) in _forbidden)
        {
            if (x < lower) break;
            if (x < upper) x = Aligned.Up(upper, alignment);
        }
        return x + buffer.Size <= capacity ? x : -1;
    }

    /// <summary>
    /// The buffers placed in <paramref name="pool"/> that buffer <paramref name="k"/> at offset <paramref name="x"/>
    /// would overlap (at some step, in some bytes), into <paramref name="into"/> (cleared first), in index order.
    /// </summary>
    public void Conflicts(int k, int pool, long x, List<int> into)
    {
        into.Clear();
        var neighbours = _neighbours.Of(k, _problem.Buffers[k].Lifespan);
        _meter.Units += 1 + neighbours.Length;
        foreach (int p in neighbours)
        {
            if (PoolOf[p] != pool || p == k) continue;
            _meter.Units += _pieces[k].Count * _pieces[p].Count;
            if (Overlap(k, x, p)) into.Add(p);
        }
        into.Sort();
    }

    /// <summary>
    /// The offsets worth trying for buffer <paramref name="k"/> in <paramref name="pool"/> when others may make room:
    /// 0, and just above or just below each buffer placed there that it meets in time (aligned, within the
    /// capacity), ascending; a fixed buffer's only offset is its own.
    /// </summary>
    public void CandidateOffsets(int k, int pool, List<long> into)
    {
        into.Clear();
        var buffer = _problem.Buffers[k];
        long capacity = _problem.Pools[pool].Capacity;
        long alignment = _problem.AlignmentIn(k, pool);
        if (buffer.Offset is { } fixedOffset)
        {
            if (fixedOffset % alignment == 0 && fixedOffset + buffer.Size <= capacity) into.Add(fixedOffset);
            return;
        }
        into.Add(0);
        var neighbours = _neighbours.Of(k, buffer.Lifespan);
        _meter.Units += 1 + neighbours.Length;
        foreach (int p in neighbours)
        {
            if (PoolOf[p] != pool || p == k) continue;
            var top = _problem.Buffers[p];
            into.Add(Aligned.Up(Offsets[p] + top.Size, alignment));
            long below = Offsets[p] - buffer.Size;
            if (below > 0) into.Add(below - below % alignment);
        }
        into.RemoveAll(x => x + buffer.Size > capacity);
        into.Sort();
        _meter.Units += into.Count;
        int unique = 0;
        for (int i = 0; i < into.Count; i++)
        {
            if (i == 0 || into[i] != into[i - 1]) into[unique++] = into[i];
        }
        into.RemoveRange(unique, into.Count - unique);
    }

    // Whether k at offset x and the placed buffer p share a byte at some step (their pieces, as LowestFit sees them).
    private bool Overlap(int k, long x, int p)
    {
        foreach (var pb in _pieces[k])
        {
            if (pb.Window.Upper <= pb.Window.Lower) continue;
            foreach (var pp in _pieces[p])
            {
                if (pp.Window.Upper <= pp.Window.Lower || !pb.Steps.Overlaps(pp.Steps)) continue;
                if (x + pb.Window.Lower < Offsets[p] + pp.Window.Upper && Offsets[p] + pp.Window.Lower < x + pb.Window.Upper) return true;
            }
        }
        return false;
    }
}
