namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>A fact that needs gcc: skipped, with the reason, on a machine without it.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (!Gcc.IsAvailable) Skip = Gcc.MissingReason;
    }
}
