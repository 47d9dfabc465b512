using MiniMalloc.Onnx.RealModels;

namespace MiniMalloc.Onnx.Tests;

/// <summary>
/// A fact on one real model of <see cref="RealModelCatalog"/>: the model is fetched into the cache outside the
/// repository when the tests are discovered, and the test is skipped, saying why, when it cannot be had.
/// </summary>
public sealed class RealModelFactAttribute : FactAttribute
{
    public RealModelFactAttribute(string key)
    {
        if (ModelCache.TryGet(RealModelCatalog.Get(key), out string? reason) is null) Skip = reason;
    }
}
