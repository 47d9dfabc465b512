namespace MiniMalloc;

/// <summary>
/// Checks that a problem is well formed before it is solved: readers report positioned errors themselves, but
/// the library must not accept nonsense from callers who build problems in code.
/// </summary>
public static class ProblemChecker
{
    /// <summary>The largest value accepted for steps, sizes, offsets and capacities: 2^53, so that sums of a
    /// million of them cannot overflow 64-bit arithmetic.</summary>
    public const long MaxValue = 1L << 53;

    /// <summary>
    /// Returns a sentence describing the first malformed buffer, or null when the problem is well formed and has no
    /// aliases: what the solvers take (fold a problem with aliases with <see cref="AliasFolding.Fold(Problem)"/> first).
    /// </summary>
    public static string? FirstError(Problem problem) => FirstError(problem, allowAliases: false);

    /// <summary>
    /// Returns a sentence describing the first malformed buffer, or null when the problem is well formed.
    /// <paramref name="allowAliases"/>: well-formed aliases are accepted (what readers and the validator take);
    /// otherwise any alias is an error, since the solvers would place an alias as a buffer of its own.
    /// </summary>
    public static string? FirstError(Problem problem, bool allowAliases)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Capacity < 0 || problem.Capacity > MaxValue) return $"capacity {problem.Capacity} is outside [0, {MaxValue}]";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            var b = problem.Buffers[i];
            string name = $"buffer {i} ('{b.Id}')";
            if (b.Id is null) return $"buffer {i} has no id";
            if (!ids.Add(b.Id)) return $"{name}: the id is used twice";
            if (b.Lifespan.Lower < -MaxValue || b.Lifespan.Upper > MaxValue) return $"{name}: lifespan {b.Lifespan} is out of range";
            if (b.Lifespan.Upper <= b.Lifespan.Lower) return $"{name}: lifespan {b.Lifespan} is empty (upper must exceed lower)";
            if (b.Size <= 0 || b.Size > MaxValue) return $"{name}: size {b.Size} must be in [1, {MaxValue}]";
            if (b.Alignment <= 0 || b.Alignment > MaxValue) return $"{name}: alignment {b.Alignment} must be in [1, {MaxValue}]";
            if (b.Offset is { } o)
            {
                if (o < 0 || o > MaxValue) return $"{name}: fixed offset {o} is out of range";
                if (o % b.Alignment != 0) return $"{name}: fixed offset {o} is not a multiple of its alignment {b.Alignment}";
            }
            if (b.Hint is { } h && (h < 0 || h > MaxValue)) return $"{name}: hint {h} is out of range";
            long previousUpper = long.MinValue;
            foreach (var gap in b.Gaps)
            {
                if (gap.Lifespan.Upper <= gap.Lifespan.Lower) return $"{name}: gap {gap.Lifespan} is empty";
                if (gap.Lifespan.Lower < b.Lifespan.Lower || gap.Lifespan.Upper > b.Lifespan.Upper)
                {
                    return $"{name}: gap {gap.Lifespan} lies outside the lifespan {b.Lifespan}";
                }
                if (gap.Lifespan.Lower < previousUpper) return $"{name}: gap {gap.Lifespan} overlaps or precedes the gap before it";
                previousUpper = gap.Lifespan.Upper;
                if (gap.Window is { } w && (w.Lower < 0 || w.Upper > b.Size || w.Upper < w.Lower))
                {
                    return $"{name}: gap window {w} must lie within [0, {b.Size}]";
                }
            }
        }
        if (!problem.Buffers.Any(b => b.Alias is not null)) return null;
        if (!allowAliases)
        {
            int index = problem.Buffers.ToList().FindIndex(b => b.Alias is not null);
            var alias = problem.Buffers[index];
            return $"buffer {index} ('{alias.Id}') is an alias of '{alias.Alias!.Value.Owner}': the solvers place an alias group as one buffer; fold the problem with AliasFolding.Fold and expand the solution";
        }
        var groups = AliasGroups.Resolve(problem.Buffers);
        return groups.Errors.Count > 0 ? groups.Errors[0].Message : null;
    }
}
