namespace Lowering.Lifetimes;

/// <summary>A buffer that lives in another's bytes: the lifetimes file's <c>alias</c>.</summary>
/// <param name="Owner">The owner's id.</param>
/// <param name="Offset">Where this buffer's bytes begin in the owner's.</param>
/// <param name="Kind">View, in-place output or Concat slice.</param>
public sealed record PlannedAlias(string Owner, long Offset, AliasKind Kind);
