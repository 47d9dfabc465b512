namespace MiniMalloc.Tests.Property;

/// <summary>
/// The oracle of the property tests: exact minimal height and feasibility for tiny problems (capacity at most 64
/// bytes, at most 64 steps, a few buffers), written independently of the library. It shares none of its sweep,
/// search, occupancy or validation code, only the model types; occupancy is a bit mask per buffer and step
/// (<see cref="TinyOccupancy"/>).
/// </summary>
/// <remarks>
/// Two exact methods, each with its argument in its own remarks: <see cref="OrderEnumeration"/> (every order,
/// each buffer at its lowest fitting offset) for problems without windows, and <see cref="OffsetEnumeration"/>
/// (every offset of every buffer) for any problem. Tests check each against the other and against plain
/// enumeration. The minimal height of the offset enumeration is the first capacity, counting up from the
/// live-bytes bound, at which a solution exists: feasibility is monotone in the capacity.
/// </remarks>
internal sealed class BruteForceSolver
{
    /// <summary>The largest capacity (and so height) handled.</summary>
    public const int MaxCapacity = TinyOccupancy.MaxCapacity;

    /// <summary>
    /// Search nodes allowed per question before giving up with <see cref="TimeoutException"/>: enough for all but
    /// about one generated problem in a hundred, which the property tests skip.
    /// </summary>
    public const long DefaultNodeBudget = 100_000;

    private readonly TinyOccupancy _model;
    private readonly long _nodeBudget;
    private readonly bool _byOrders;

    /// <summary>Prepares <paramref name="problem"/> (its capacity is ignored).</summary>
    /// <param name="problem">A well-formed tiny problem.</param>
    /// <param name="method">"orders", "offsets", or null: orders when the problem has no windows, else offsets.</param>
    /// <param name="nodeBudget">Search nodes allowed per question.</param>
    public BruteForceSolver(Problem problem, string? method = null, long nodeBudget = DefaultNodeBudget)
        : this(problem.Buffers.Count > 16 ? throw new ArgumentException("at most 16 buffers are supported") : new TinyOccupancy(problem), method, nodeBudget)
    {
    }

    /// <summary>Prepares a model built elsewhere (for example one placement per alias group, <see cref="AliasOccupancy"/>).</summary>
    public BruteForceSolver(TinyOccupancy model, string? method = null, long nodeBudget = DefaultNodeBudget)
    {
        _model = model;
        _nodeBudget = nodeBudget;
        _byOrders = method switch
        {
            null => _model.AllOrNothing,
            "orders" => true,
            "offsets" => false,
            _ => throw new ArgumentException($"unknown method '{method}'", nameof(method)),
        };
    }

    /// <summary>"orders" or "offsets": the method in use.</summary>
    public string Method => _byOrders ? "orders" : "offsets";

    /// <summary>The largest number of bytes held at one step: no solution is lower.</summary>
    public long LowerBound => _model.LowerBound;

    /// <summary>Offsets that fit every buffer within <paramref name="capacity"/>, or null when none exist.</summary>
    /// <exception cref="TimeoutException">The node budget ran out before the question was decided.</exception>
    public long[]? FindOffsets(long capacity)
    {
        if (capacity > MaxCapacity) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"at most {MaxCapacity} is supported");
        if (capacity < 0) return null;
        return _byOrders
            ? new OrderEnumeration(_model).Minimize((int)capacity, _nodeBudget)?.Offsets
            : new OffsetEnumeration(_model).FindOffsets((int)capacity, _nodeBudget);
    }

    /// <summary>The minimal height and offsets achieving it, or null when nothing fits within <see cref="MaxCapacity"/>.</summary>
    /// <exception cref="TimeoutException">The node budget ran out before the question was decided.</exception>
    public (long Height, long[] Offsets)? Minimize()
    {
        if (_byOrders) return new OrderEnumeration(_model).Minimize(MaxCapacity, _nodeBudget);
        var search = new OffsetEnumeration(_model);
        long budget = _nodeBudget;
        for (long capacity = LowerBound; capacity <= MaxCapacity; capacity++)
        {
            if (search.FindOffsets((int)capacity, budget) is { } offsets) return (capacity, offsets);
            budget -= search.Nodes;
        }
        return null;
    }

    /// <summary>The first fault of <paramref name="offsets"/> under the brute force's own model, or null.</summary>
    public string? FindViolation(IReadOnlyList<long> offsets, long capacity) => _model.FindViolation(offsets, capacity);
}
