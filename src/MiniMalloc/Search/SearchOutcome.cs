namespace MiniMalloc.Search;

/// <summary>How a (sub-)search ended; mirrors the reference's status codes so that the control flow is comparable.</summary>
internal enum SearchOutcome
{
    /// <summary>A solution was found.</summary>
    Found,

    /// <summary>The search space was exhausted: no solution.</summary>
    NotFound,

    /// <summary>The node budget of the current round-robin attempt ran out.</summary>
    BudgetExhausted,

    /// <summary>The time limit ran out or the caller cancelled.</summary>
    Stopped,
}
