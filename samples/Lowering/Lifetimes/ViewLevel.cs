namespace Lowering.Lifetimes;

/// <summary>How much sharing of memory the lowering marks (<c>--views=</c>); each level includes the ones before it.</summary>
public enum ViewLevel
{
    /// <summary><c>none</c>: every tensor is a buffer of its own.</summary>
    None,

    /// <summary><c>views</c>: outputs of view operators are aliases of their input.</summary>
    Views,

    /// <summary><c>in-place</c>: also elementwise outputs written over an input that dies at that step.</summary>
    InPlace,

    /// <summary><c>all</c> (the default): also Concat inputs produced directly into their slice of the output.</summary>
    All,
}
