namespace MiniMalloc;

/// <summary>A fault of one buffer's alias, found by <see cref="AliasGroups.Resolve(IReadOnlyList{Buffer})"/>.</summary>
/// <param name="BufferIndex">The buffer whose alias is at fault.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence naming the buffers and values involved, without a position (readers add theirs).</param>
public readonly record struct AliasError(int BufferIndex, AliasErrorKind Kind, string Message);
