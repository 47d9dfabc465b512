namespace MiniMalloc;

/// <summary>One fault <see cref="PoolValidator"/> found.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Buffers">The buffers involved (one, or two for an overlap or an alias; none for a count, height or cost).</param>
/// <param name="Pool">The pool involved, or -1.</param>
/// <param name="Step">The step at which two buffers overlap, or null.</param>
/// <param name="Message">A sentence naming the buffers, the pool and the values.</param>
public sealed record PoolViolation(PoolViolationKind Kind, IReadOnlyList<int> Buffers, int Pool, long? Step, string Message);
