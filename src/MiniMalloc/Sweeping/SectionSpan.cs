namespace MiniMalloc.Sweeping;

/// <summary>A run of sections [<see cref="Lower"/>, <see cref="Upper"/>) in which a buffer occupies <see cref="Window"/> of its space.</summary>
internal readonly record struct SectionSpan(int Lower, int Upper, Window Window);
