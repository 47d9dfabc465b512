namespace MiniMalloc.Heuristics;

/// <summary>
/// Improves an order of the buffers (decoded by <see cref="OrderDecoder"/>) by moves aimed at the peak, with
/// late acceptance, restarting from the best order when it stalls.
/// </summary>
/// <remarks>
/// <para>
/// Moves: most break a link of the critical chain (a buffer reaching the height, the buffer it rests on, the one
/// that rests on, … down to offset 0): the upper buffer of a random link goes just before the lower one, or the
/// lower one just after the upper one. Only reordering a link of that chain can lower this peak, as in
/// critical-path neighbourhoods for scheduling. The rest move a buffer at the height to a random earlier position,
/// or reinsert a random buffer anywhere, to leave plateaus.
/// </para>
/// <para>
/// Costs compare lexicographically: the height, then the excess (how far all tops rise above the lower bound in
/// total), so that moves on a plateau of equal height still have a direction. A move is kept when its cost is no
/// worse than the current one or than the cost held <see cref="HistoryLength"/> moves ago (late acceptance
/// hill climbing, Burke and Bykov 2017): short detours uphill, without a temperature to tune. The threshold is
/// known before the move, so a move is abandoned as soon as one buffer rises above it.
/// </para>
/// </remarks>
internal sealed class LocalSearch
{
    /// <summary>How many moves back the late acceptance looks.</summary>
    public const int HistoryLength = 100;

    // Percentages of the moves: chain links below ChainShare (three quarters of them pull the upper buffer down),
    // then a buffer at the height to an earlier position below PullShare, then random reinsertions.
    private const int ChainShare = 75;
    private const int PullShare = 90;

    private readonly OrderDecoder _decoder;
    private SplitMix64 _random;
    private readonly long[] _bestOffsets;
    private readonly int[] _bestOrder;
    private readonly long[] _historyHeight = new long[HistoryLength];
    private readonly Int128[] _historyExcess = new Int128[HistoryLength];
    private int[] _chain = new int[64];

    public LocalSearch(OrderDecoder decoder, ulong seed, long[] bestOffsets, long bestHeight)
    {
        _decoder = decoder;
        _random = new SplitMix64(seed);
        _bestOffsets = bestOffsets;
        BestHeight = bestHeight;
        _bestOrder = decoder.Order.ToArray();
    }

    /// <summary>The lowest height found (at most the one the search started from).</summary>
    public long BestHeight { get; private set; }

    /// <summary>The moves tried.</summary>
    public long Iterations { get; private set; }

    /// <summary>How many times the best height went down.</summary>
    public long Improvements { get; private set; }

    /// <summary>
    /// Searches until the best height is at most <paramref name="target"/>, <paramref name="maxIterations"/> moves
    /// were tried, or <paramref name="stop"/> says so; the best plan is kept in the offsets given to the constructor.
    /// The moves do not depend on the target or the stop condition, only on the seed.
    /// </summary>
    public void Run(long target, long maxIterations, Func<bool> stop)
    {
        int movable = _decoder.MovableCount;
        if (movable < 2) return;
        // Restart after this many moves without a new best: long enough to cross plateaus, short enough to try
        // several basins within a budget.
        long stall = Math.Max(2_000, 4L * movable);
        long lastImprovement = 0;
        Array.Fill(_historyHeight, _decoder.Height);
        Array.Fill(_historyExcess, _decoder.Excess);
        while (BestHeight > target && Iterations < maxIterations && !stop())
        {
            int slot = (int)(Iterations++ % HistoryLength);
            long height = _decoder.Height;
            Int128 excess = _decoder.Excess;
            long threshold = Math.Max(height, _historyHeight[slot]);
            var (from, to) = ChooseMove(movable);
            bool accepted = false;
            if (from != to && _decoder.TryMove(from, to, threshold, stop))
            {
                long newHeight = _decoder.Height;
                Int128 newExcess = _decoder.Excess;
                accepted = NoWorse(newHeight, newExcess, height, excess) || NoWorse(newHeight, newExcess, _historyHeight[slot], _historyExcess[slot]);
                if (!accepted) _decoder.Revert();
                else if (newHeight < BestHeight)
                {
                    SaveBest();
                    lastImprovement = Iterations;
                }
            }
            _historyHeight[slot] = _decoder.Height;
            _historyExcess[slot] = _decoder.Excess;
            if (Iterations - lastImprovement >= stall && !stop())
            {
                Restart(movable, stop);
                lastImprovement = Iterations;
            }
        }
    }

    private static bool NoWorse(long height, Int128 excess, long otherHeight, Int128 otherExcess) =>
        height < otherHeight || (height == otherHeight && excess <= otherExcess);

    private (int From, int To) ChooseMove(int movable)
    {
        int top = _decoder.BufferAtHeight(_random.Below(_decoder.AtHeight));
        int rank = _decoder.RankOf(top);
        int kind = _random.Below(100);
        if (rank >= 0 && kind < ChainShare)
        {
            int length = CriticalChain(top);
            if (length >= 2)
            {
                int link = _random.Below(length - 1);
                int upper = _chain[link], lower = _chain[link + 1];
                return kind < ChainShare * 3 / 4
                    ? (_decoder.RankOf(upper), _decoder.RankOf(lower))
                    : (_decoder.RankOf(lower), _decoder.RankOf(upper));
            }
        }
        if (rank > 0 && kind < PullShare) return (rank, _random.Below(rank));
        return (_random.Below(movable), _random.Below(movable));
    }

    // The chain from the given buffer down through what each rests on (a random support at each level) into
    // _chain; returns its length.
    private int CriticalChain(int top)
    {
        int length = 0;
        for (int u = top; u >= 0; u = _decoder.Support(u, _random.Next()))
        {
            if (length == _chain.Length) Array.Resize(ref _chain, length * 2);
            _chain[length++] = u;
        }
        return length;
    }

    private void SaveBest()
    {
        BestHeight = _decoder.Height;
        Improvements++;
        _decoder.Offsets.CopyTo(_bestOffsets);
        _decoder.Order.CopyTo(_bestOrder);
    }

    private void Restart(int movable, Func<bool> stop)
    {
        _decoder.DecodeAll(_bestOrder);
        int kicks = 1 + _random.Below(Math.Max(1, Math.Min(8, movable / 16)));
        for (int i = 0; i < kicks; i++)
        {
            int from = _random.Below(movable);
            int to = _random.Below(movable);
            if (from != to) _decoder.TryMove(from, to, long.MaxValue, stop);
        }
        Array.Fill(_historyHeight, _decoder.Height);
        Array.Fill(_historyExcess, _decoder.Excess);
    }
}
