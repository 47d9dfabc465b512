namespace MiniMalloc.Search;

/// <summary>
/// The round robin of the paper as a numbered list of attempts: attempt j runs heuristic j mod H with a node budget
/// of n · 2^(1 + j / H), so the budget doubles every round and the search stays complete. A sequential solve runs
/// the attempts in order; a parallel one hands them out to threads and still takes the first in this order that
/// decides, so both give the same answer.
/// </summary>
internal readonly struct RoundRobinSchedule
{
    private readonly IReadOnlyList<string> _heuristics;
    private readonly long _bufferCount;

    public RoundRobinSchedule(IReadOnlyList<string> heuristics, int bufferCount)
    {
        _heuristics = heuristics;
        _bufferCount = Math.Max(1, bufferCount);
    }

    /// <summary>The heuristic of attempt <paramref name="index"/>.</summary>
    public string Heuristic(int index) => _heuristics[index % _heuristics.Count];

    /// <summary>
    /// The node budget of attempt <paramref name="index"/>; one heuristic alone gets no budget (long.MaxValue).
    /// </summary>
    public long Budget(int index)
    {
        if (_heuristics.Count == 1) return long.MaxValue;
        long budget = _bufferCount;
        for (int round = index / _heuristics.Count; round >= 0 && budget < long.MaxValue / 4; round--) budget *= 2;
        return budget;
    }
}
