namespace MiniMalloc.Tests;

/// <summary>Small problems shared by several test classes.</summary>
internal static class Examples
{
    /// <summary>The five-buffer example of the reference's README: fits in 12 bytes and not in 11.</summary>
    public static Problem ReadmeExample(long capacity) => new(
    [
        new Buffer("b1", 0, 3, 4),
        new Buffer("b2", 3, 9, 4),
        new Buffer("b3", 0, 9, 4),
        new Buffer("b4", 9, 21, 4),
        new Buffer("b5", 0, 21, 4),
    ], capacity);
}
