namespace Lowering;

/// <summary>Error codes of the lowering step (LWR + 3 digits), listed in samples/README.md.</summary>
public static class ErrorCodes
{
    /// <summary>The file is not well-formed JSON (or cannot be read).</summary>
    public const string MalformedJson = "LWR001";

    /// <summary>A value has the wrong JSON type (a string where a number is expected, ...).</summary>
    public const string WrongType = "LWR002";

    /// <summary>A required property is missing.</summary>
    public const string MissingProperty = "LWR003";

    /// <summary>A property that the format does not define (a typo must not be silently ignored).</summary>
    public const string UnknownProperty = "LWR004";

    /// <summary>A value is out of range: a non-positive dimension, an unknown dtype, a bad alignment, an overflow.</summary>
    public const string InvalidValue = "LWR005";

    /// <summary>A name is defined twice, or a reference names a tensor or operator that does not exist.</summary>
    public const string BadReference = "LWR006";

    /// <summary>The graph is not executable: a cycle, a tensor with two producers, a schedule out of order.</summary>
    public const string BadGraph = "LWR007";
}
