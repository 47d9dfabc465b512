namespace MiniMalloc.Onnx;

/// <summary>
/// How much sharing of memory the lowering marks (<c>--views=</c>, the <c>Views</c> metadata); each level includes
/// the ones before it. The same words as the sample lowering's <c>--views</c>.
/// </summary>
public enum ViewLevel
{
    /// <summary><c>none</c>: every value is a buffer of its own.</summary>
    None,

    /// <summary><c>views</c>: outputs of view operators (Reshape, Flatten, Squeeze, Unsqueeze, Identity, and Split and
    /// Slice where the part is one contiguous byte range of the input) are aliases of their input.</summary>
    Views,

    /// <summary><c>in-place</c>: also elementwise outputs written over an input whose bytes die at that step.</summary>
    InPlace,

    /// <summary><c>all</c> (the default): also Concat inputs produced directly into their slice of the output.</summary>
    All,
}

/// <summary>The words of <see cref="ViewLevel"/>, parsed in one place for the command and the MSBuild metadata.</summary>
public static class ViewLevels
{
    /// <summary>The accepted words, as usage messages list them.</summary>
    public const string Words = "all, in-place, views or none";

    /// <summary>The level the lowering uses when none is given.</summary>
    public const ViewLevel Default = ViewLevel.All;

    /// <summary>The level of <paramref name="word"/> (exact, lower case), or null when it is none of <see cref="Words"/>.</summary>
    public static ViewLevel? Parse(string word) => word switch
    {
        "all" => ViewLevel.All,
        "in-place" => ViewLevel.InPlace,
        "views" => ViewLevel.Views,
        "none" => ViewLevel.None,
        _ => null,
    };

    /// <summary>The word of <paramref name="level"/>.</summary>
    public static string Word(ViewLevel level) => level switch
    {
        ViewLevel.All => "all",
        ViewLevel.InPlace => "in-place",
        ViewLevel.Views => "views",
        _ => "none",
    };
}
