namespace MiniMalloc.Planning;

/// <summary>Where a value sits in a lifetimes file: 1-based line and column (in characters) and its JSON path.</summary>
/// <param name="Line">1-based line; 0 when unknown.</param>
/// <param name="Column">1-based column, counting characters (not bytes); 0 when unknown.</param>
/// <param name="JsonPath">The JSON path, like <c>$.buffers[3].end</c>.</param>
internal readonly record struct SourceLocation(int Line, int Column, string JsonPath)
{
    /// <summary>A location that names no position (used for problems that did not come from JSON).</summary>
    public static SourceLocation Unknown { get; } = new(0, 0, "$");
}
