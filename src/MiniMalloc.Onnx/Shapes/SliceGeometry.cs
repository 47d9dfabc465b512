namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// What a Slice node takes of its data input, per axis: the output dimension, the first index and the step (1 and 0
/// on the axes it does not slice). One computation for the shape rule and for the lowering's views, so that a
/// view's offset is the element the shape rule starts at.
/// </summary>
internal sealed record SliceGeometry(long[] Dims, long[] First, long[] Step)
{
    /// <summary>The geometry of the Slice node of <paramref name="c"/>; fails (or throws
    /// <see cref="UnknownInputException"/>) as the shape rule does.</summary>
    public static SliceGeometry Of(NodeContext c)
    {
        var data = c.In(0);
        long[] starts, ends;
        long[]? axes, steps = null;
        if (c.Opset >= 10)
        {
            starts = c.KnownInts(1, "starts");
            ends = c.KnownInts(2, "ends");
            axes = c.Has(3) ? c.KnownInts(3, "axes") : null;
            steps = c.Has(4) ? c.KnownInts(4, "steps") : null;
        }
        else
        {
            starts = c.Node.Ints("starts") ?? throw c.Fail("it has no starts");
            ends = c.Node.Ints("ends") ?? throw c.Fail("it has no ends");
            axes = c.Node.Ints("axes");
        }
        axes ??= [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        steps ??= [.. starts.Select(_ => 1L)];
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw c.Fail("its starts, ends, axes and steps have different lengths");
        }
        var dims = (long[])data.Dims.Clone();
        var first = new long[data.Rank];
        var stride = Enumerable.Repeat(1L, data.Rank).ToArray();
        for (int k = 0; k < starts.Length; k++)
        {
            int axis = c.Axis(axes[k], data.Rank);
            long size = data.Dims[axis], step = steps[k];
            if (step == 0) throw c.Fail("a step is 0");
            // The format's clamping: negative indices count from the end; starts and ends are clamped to
            // [0, size] for positive steps and [-1, size - 1] for negative ones.
            long start = starts[k] < 0 ? starts[k] + size : starts[k];
            long end = ends[k] < 0 ? ends[k] + size : ends[k];
            if (step > 0)
            {
                start = Math.Clamp(start, 0, size);
                end = Math.Clamp(end, 0, size);
                dims[axis] = end > start ? (end - start + step - 1) / step : 0;
            }
            else
            {
                start = Math.Clamp(start, -1, size - 1);
                end = Math.Clamp(end, -1, size - 1);
                dims[axis] = start > end ? (start - end - step - 1) / -step : 0;
            }
            first[axis] = start;
            stride[axis] = step;
        }
        return new SliceGeometry(dims, first, stride);
    }
}
