namespace MiniMalloc.Cli;

/// <summary>A problem read from the input file, with what the header and report need to know about it.</summary>
/// <param name="Problem">The problem; its capacity is <paramref name="Capacity"/> or 0.</param>
/// <param name="Capacity">The effective capacity (flag, else the lifetimes file's), or null when none was given.</param>
/// <param name="ModelName">The lifetimes file's <c>name</c>, or null.</param>
/// <param name="DefaultAlignment">The lifetimes file's effective default alignment (1 for CSV).</param>
/// <param name="ContentHash">SHA-256 of the input's bytes, lower-case hex.</param>
internal sealed record LoadedInput(Problem Problem, long? Capacity, string? ModelName, long DefaultAlignment, string ContentHash);
