namespace MiniMalloc.Search;

/// <summary>An undo record: the previous value of slot <see cref="Index"/> of some array of the search state.</summary>
internal readonly record struct Change(int Index, long Value);
