namespace MiniMalloc.Sweeping;

/// <summary>
/// Another buffer live at the same time as the owner, and its effective size: how far above the owner's offset
/// the other must start (the owner's size, or less when windows of gaps line up; possibly zero or negative).
/// </summary>
internal readonly record struct Overlap(int BufferIndex, long EffectiveSize);
