namespace MiniMalloc.Search;

/// <summary>The unallocated floor switched off: floors are what the placements themselves set.</summary>
internal readonly struct NoFloor : IUnallocatedFloor
{
    public void Placed(int buffer)
    {
    }

    public void Raised(int buffer)
    {
    }

    public void Clear()
    {
    }

    public bool Raise<TBounds>(ref TBounds bounds, long ceiling) where TBounds : struct, ISectionBounds => false;

    public void Lowered(int buffer)
    {
    }

    public void Unplaced(int buffer)
    {
    }
}
