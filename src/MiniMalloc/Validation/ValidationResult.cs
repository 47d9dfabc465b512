namespace MiniMalloc;

/// <summary>The verdict of <see cref="Validator.Validate(Problem, Solution)"/>: valid, or the first violation found.</summary>
/// <param name="Kind">What is wrong, or <see cref="ViolationKind.None"/>.</param>
/// <param name="Message">A sentence naming the buffers and values involved (empty when valid).</param>
/// <param name="BufferIndex">The first buffer involved, or -1.</param>
/// <param name="OtherBufferIndex">The second buffer involved in an overlap, or -1.</param>
public sealed record ValidationResult(ViolationKind Kind, string Message, int BufferIndex = -1, int OtherBufferIndex = -1)
{
    /// <summary>The verdict for a valid solution.</summary>
    public static ValidationResult Valid { get; } = new(ViolationKind.None, string.Empty);

    /// <summary>True when no violation was found.</summary>
    public bool IsValid => Kind == ViolationKind.None;
}
