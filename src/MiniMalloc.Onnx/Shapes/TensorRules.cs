using MiniMalloc.Onnx.Format;
using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// Operators that move, select or create elements: Shape, Size, Reshape, Flatten, Squeeze, Unsqueeze, Transpose,
/// Concat, Split, Slice, Gather (and its variants), Expand, Tile, Pad, ConstantOfShape, Range, Constant, OneHot,
/// DepthToSpace, SpaceToDepth. Known elements pass through where the operator only rearranges them.
/// </summary>
internal static class TensorRules
{
    /// <summary>Adds the rules to <paramref name="rules"/>.</summary>
    public static void Register(Dictionary<string, Action<NodeContext>> rules)
    {
        rules["Constant"] = Constant;
        rules["Shape"] = Shape;
        rules["Size"] = c => c.Out(0, new ValueFacts(OnnxDataType.Int64, []) { Ints = [c.In(0).ElementCount] });
        rules["Reshape"] = Reshape;
        rules["Flatten"] = Flatten;
        rules["Squeeze"] = Squeeze;
        rules["Unsqueeze"] = Unsqueeze;
        rules["Transpose"] = Transpose;
        rules["Concat"] = Concat;
        rules["Split"] = Split;
        rules["Slice"] = Slice;
        rules["Gather"] = Gather;
        rules["GatherElements"] = c => c.Out(0, c.In(0).ElementType, c.In(1).Dims);
        rules["GatherND"] = GatherND;
        rules["ScatterND"] = c => c.Out(0, c.In(0) with { Ints = null, Reals = null });
        rules["ScatterElements"] = c => c.Out(0, c.In(0) with { Ints = null, Reals = null });
        rules["Scatter"] = c => c.Out(0, c.In(0) with { Ints = null, Reals = null });
        rules["Expand"] = Expand;
        rules["Tile"] = Tile;
        rules["Pad"] = Pad;
        rules["ConstantOfShape"] = ConstantOfShape;
        rules["Range"] = Range;
        rules["OneHot"] = OneHot;
        rules["DepthToSpace"] = c => SpaceDepth(c, toDepth: false);
        rules["SpaceToDepth"] = c => SpaceDepth(c, toDepth: true);
        rules["EyeLike"] = c => c.Out(0, (int)c.Node.Int("dtype", c.In(0).ElementType), c.In(0).Dims);
    }

    private static void Constant(NodeContext c)
    {
        var attribute = c.Node.Proto.Attribute.FirstOrDefault() ?? throw c.Fail("it has no value attribute");
        ValueFacts value = attribute.Name switch
        {
            "value" => TensorData.Facts(attribute.T ?? throw c.Fail("its value is not a tensor"), null),
            "value_float" => new ValueFacts(OnnxDataType.Float, []) { Reals = [attribute.F] },
            "value_floats" => new ValueFacts(OnnxDataType.Float, [attribute.Floats.Count]) { Reals = [.. attribute.Floats.Select(f => (double)f)] },
            "value_int" => new ValueFacts(OnnxDataType.Int64, []) { Ints = [attribute.I] },
            "value_ints" => new ValueFacts(OnnxDataType.Int64, [attribute.Ints.Count]) { Ints = [.. attribute.Ints] },
            "sparse_value" => new ValueFacts(attribute.SparseTensor?.Values?.DataType ?? 0, [.. attribute.SparseTensor?.Dims ?? []]),
            _ => throw c.Fail($"its attribute \"{attribute.Name}\" is not a numeric tensor"),
        };
        c.Out(0, value);
    }

    private static void Shape(NodeContext c)
    {
        var dims = c.In(0).Dims;
        int rank = dims.Length;
        long start = Clamp(c.Node.Int("start", 0), rank);
        long end = Clamp(c.Node.Int("end", rank), rank);
        long[] slice = end > start ? dims[(int)start..(int)end] : [];
        c.Out(0, new ValueFacts(OnnxDataType.Int64, [slice.Length]) { Ints = slice });
    }

    private static long Clamp(long index, int rank) => Math.Clamp(index < 0 ? index + rank : index, 0, rank);

    private static void Reshape(NodeContext c)
    {
        var data = c.In(0);
        long[] shape = c.Opset >= 5 ? c.KnownInts(1, "target shape") : c.Node.Ints("shape") ?? throw c.Fail("it has no shape");
        bool allowZero = c.Node.Int("allowzero", 0) != 0;
        var dims = new long[shape.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            long d = shape[i];
            if (d == -1)
            {
                if (inferred >= 0) throw c.Fail($"its target shape {ValueFacts.FormatDims(shape)} has more than one -1");
                inferred = i;
                continue;
            }
            if (d == 0 && !allowZero)
            {
                if (i >= data.Rank) throw c.Fail($"its target shape {ValueFacts.FormatDims(shape)} copies dimension {i} of a rank-{data.Rank} input");
                d = data.Dims[i];
            }
            if (d < 0) throw c.Fail($"its target shape {ValueFacts.FormatDims(shape)} has the dimension {d}");
            dims[i] = d;
            known *= d;
        }
        long count = data.ElementCount;
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0) throw c.Fail($"cannot reshape {ValueFacts.FormatDims(data.Dims)} to {ValueFacts.FormatDims(shape)}");
            dims[inferred] = count / known;
        }
        else if (known != count)
        {
            throw c.Fail($"cannot reshape {ValueFacts.FormatDims(data.Dims)} ({count} elements) to {ValueFacts.FormatDims(dims)} ({known} elements)");
        }
        c.Out(0, data with { Dims = dims });
    }

    private static void Flatten(NodeContext c)
    {
        var data = c.In(0);
        long axis = c.Node.Int("axis", 1);
        int a = (int)(axis < 0 ? axis + data.Rank : axis);
        if (a < 0 || a > data.Rank) throw c.Fail($"axis {axis} is out of range for rank {data.Rank}");
        long outer = 1, inner = 1;
        for (int i = 0; i < data.Rank; i++)
        {
            if (i < a) outer *= data.Dims[i];
            else inner *= data.Dims[i];
        }
        c.Out(0, data with { Dims = [outer, inner] });
    }

    private static long[]? Axes(NodeContext c, int input, long opsetWithInput)
    {
        if (c.Opset >= opsetWithInput) return c.Has(input) ? c.KnownInts(input, "axes") : null;
        return c.Node.Ints("axes");
    }

    private static void Squeeze(NodeContext c)
    {
        var data = c.In(0);
        long[]? axes = Axes(c, 1, 13);
        var drop = new HashSet<int>();
        if (axes is null)
        {
            for (int i = 0; i < data.Rank; i++) if (data.Dims[i] == 1) drop.Add(i);
        }
        else
        {
            foreach (long axis in axes)
            {
                int a = c.Axis(axis, data.Rank);
                if (data.Dims[a] != 1) throw c.Fail($"cannot squeeze axis {axis} of {ValueFacts.FormatDims(data.Dims)}: its size is not 1");
                drop.Add(a);
            }
        }
        c.Out(0, data with { Dims = [.. data.Dims.Where((_, i) => !drop.Contains(i))] });
    }

    private static void Unsqueeze(NodeContext c)
    {
        var data = c.In(0);
        long[] axes = Axes(c, 1, 13) ?? throw c.Fail("it has no axes");
        int rank = data.Rank + axes.Length;
        var inserted = new HashSet<int>();
        foreach (long axis in axes)
        {
            if (!inserted.Add(c.Axis(axis, rank))) throw c.Fail($"axis {axis} is given twice");
        }
        var dims = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) dims[i] = inserted.Contains(i) ? 1 : data.Dims[j++];
        c.Out(0, data with { Dims = dims });
    }

    private static void Transpose(NodeContext c)
    {
        var data = c.In(0);
        long[] perm = c.Node.Ints("perm") ?? [.. Enumerable.Range(0, data.Rank).Reverse().Select(i => (long)i)];
        if (perm.Length != data.Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= data.Rank))
        {
            throw c.Fail($"perm {ValueFacts.FormatDims(perm)} is not a permutation of the {data.Rank} axes");
        }
        c.Out(0, new ValueFacts(data.ElementType, [.. perm.Select(p => data.Dims[p])]));
    }

    private static void Concat(NodeContext c)
    {
        var parts = Enumerable.Range(0, c.InputCount).Where(c.Has).Select(c.In).ToList();
        if (parts.Count == 0) throw c.Fail("it has no inputs");
        int rank = parts[0].Rank;
        int axis = c.Axis(c.Node.Int("axis", 0), rank);
        var dims = (long[])parts[0].Dims.Clone();
        dims[axis] = 0;
        foreach (var part in parts)
        {
            if (part.Rank != rank) throw c.Fail($"its inputs have different ranks ({ValueFacts.FormatDims(parts[0].Dims)} and {ValueFacts.FormatDims(part.Dims)})");
            for (int i = 0; i < rank; i++)
            {
                if (i != axis && part.Dims[i] != dims[i]) throw c.Fail($"its inputs {ValueFacts.FormatDims(parts[0].Dims)} and {ValueFacts.FormatDims(part.Dims)} differ outside axis {axis}");
            }
            dims[axis] += part.Dims[axis];
        }
        var result = new ValueFacts(parts[0].ElementType, dims);
        if (rank == 1 && parts.All(p => p.Ints is not null)) result = result with { Ints = [.. parts.SelectMany(p => p.Ints!)] };
        else if (rank == 1 && parts.All(p => p.AsReals() is not null) && OnnxDataType.IsReal(result.ElementType)) result = result with { Reals = [.. parts.SelectMany(p => p.AsReals()!)] };
        c.Out(0, result);
    }

    private static void Split(NodeContext c)
    {
        var data = c.In(0);
        int axis = c.Axis(c.Node.Int("axis", 0), data.Rank);
        long length = data.Dims[axis];
        int outputs = c.OutputCount;
        long[] sizes;
        long[]? given = c.Opset >= 13 ? (c.Has(1) ? c.KnownInts(1, "split sizes") : null) : c.Node.Ints("split");
        if (given is not null)
        {
            if (given.Length != outputs || given.Sum() != length) throw c.Fail($"its split sizes {ValueFacts.FormatDims(given)} do not divide axis {axis} of {ValueFacts.FormatDims(data.Dims)} into {outputs} outputs");
            sizes = given;
        }
        else
        {
            // Without sizes: equal parts; since opset 18 (num_outputs) the last part may be smaller.
            long chunk = (length + outputs - 1) / outputs;
            if (c.Opset < 18 && length % outputs != 0) throw c.Fail($"axis {axis} of {ValueFacts.FormatDims(data.Dims)} does not split into {outputs} equal parts");
            sizes = [.. Enumerable.Range(0, outputs).Select(i => Math.Max(0, Math.Min(chunk, length - i * chunk)))];
        }
        for (int i = 0; i < outputs; i++)
        {
            var dims = (long[])data.Dims.Clone();
            dims[axis] = sizes[i];
            c.Out(i, new ValueFacts(data.ElementType, dims));
        }
    }

    private static void Slice(NodeContext c)
    {
        var data = c.In(0);
        var (dims, first, stride) = SliceGeometry.Of(c);
        var result = new ValueFacts(data.ElementType, dims);
        if (data.Rank == 1 && data.Ints is { } ints)
        {
            result = result with { Ints = [.. Enumerable.Range(0, (int)dims[0]).Select(i => ints[first[0] + i * stride[0]])] };
        }
        c.Out(0, result);
    }

    private static void Gather(NodeContext c)
    {
        var data = c.In(0);
        var indices = c.In(1);
        int axis = c.Axis(c.Node.Int("axis", 0), data.Rank);
        long[] dims = [.. data.Dims[..axis], .. indices.Dims, .. data.Dims[(axis + 1)..]];
        var result = new ValueFacts(data.ElementType, dims);
        if (data.Ints is { } values && indices.AsInts() is { } picks && result.ElementCount <= ValueFacts.MaxKnownElements)
        {
            long outer = data.Dims[..axis].Aggregate(1L, (a, b) => a * b);
            long inner = data.Dims[(axis + 1)..].Aggregate(1L, (a, b) => a * b);
            long size = data.Dims[axis];
            var gathered = new List<long>();
            for (long o = 0; o < outer; o++)
            {
                foreach (long pick in picks)
                {
                    long p = pick < 0 ? pick + size : pick;
                    if (p < 0 || p >= size) throw c.Fail($"index {pick} is out of range for axis {axis} of {ValueFacts.FormatDims(data.Dims)}");
                    for (long i = 0; i < inner; i++) gathered.Add(values[(o * size + p) * inner + i]);
                }
            }
            result = result with { Ints = [.. gathered] };
        }
        c.Out(0, result);
    }

    private static void GatherND(NodeContext c)
    {
        var data = c.In(0);
        var indices = c.In(1);
        int batch = (int)c.Node.Int("batch_dims", 0);
        long last = indices.Dims[^1];
        if (indices.Rank < 1 || batch + last > data.Rank) throw c.Fail($"indices {ValueFacts.FormatDims(indices.Dims)} do not fit data {ValueFacts.FormatDims(data.Dims)}");
        c.Out(0, data.ElementType, [.. indices.Dims[..^1], .. data.Dims[(int)(batch + last)..]]);
    }

    private static void Expand(NodeContext c)
    {
        var data = c.In(0);
        long[] shape = c.KnownInts(1, "target shape");
        var dims = Broadcast.Shape([data.Dims, shape]) ?? throw c.Fail($"cannot expand {ValueFacts.FormatDims(data.Dims)} to {ValueFacts.FormatDims(shape)}");
        var result = new ValueFacts(data.ElementType, dims);
        if (data.Ints is { } values && result.ElementCount <= ValueFacts.MaxKnownElements)
        {
            result = result with { Ints = [.. Enumerable.Range(0, (int)result.ElementCount).Select(k => values[Broadcast.SourceIndex(k, dims, data.Dims)])] };
        }
        c.Out(0, result);
    }

    private static void Tile(NodeContext c)
    {
        var data = c.In(0);
        long[] repeats = c.KnownInts(1, "repeats");
        if (repeats.Length != data.Rank) throw c.Fail($"repeats {ValueFacts.FormatDims(repeats)} do not match rank {data.Rank}");
        c.Out(0, data.ElementType, [.. data.Dims.Select((d, i) => d * repeats[i])]);
    }

    private static void Pad(NodeContext c)
    {
        var data = c.In(0);
        long[] pads = c.Opset >= 11 ? c.KnownInts(1, "pads") : c.Node.Ints("pads") ?? c.Node.Ints("paddings") ?? throw c.Fail("it has no pads");
        long[] axes = c.Opset >= 18 && c.Has(3) ? c.KnownInts(3, "axes") : [.. Enumerable.Range(0, data.Rank).Select(i => (long)i)];
        if (pads.Length != 2 * axes.Length) throw c.Fail($"pads {ValueFacts.FormatDims(pads)} do not match {axes.Length} axes");
        var dims = (long[])data.Dims.Clone();
        for (int k = 0; k < axes.Length; k++)
        {
            int axis = c.Axis(axes[k], data.Rank);
            dims[axis] += pads[k] + pads[k + axes.Length];
        }
        c.Out(0, data.ElementType, dims);
    }

    private static void ConstantOfShape(NodeContext c)
    {
        long[] dims = c.KnownInts(0, "shape");
        var value = c.Node.Attribute("value")?.T is { } tensor ? TensorData.Facts(tensor, null) : new ValueFacts(OnnxDataType.Float, [1]) { Reals = [0] };
        var result = new ValueFacts(value.ElementType, dims);
        if (result.ElementCount <= ValueFacts.MaxKnownElements)
        {
            if (value.Ints is { Length: 1 } i) result = result with { Ints = Enumerable.Repeat(i[0], (int)result.ElementCount).ToArray() };
            if (value.Reals is { Length: 1 } r) result = result with { Reals = Enumerable.Repeat(r[0], (int)result.ElementCount).ToArray() };
        }
        c.Out(0, result);
    }

    private static void Range(NodeContext c)
    {
        var start = c.In(0);
        var limit = c.In(1);
        var delta = c.In(2);
        if (start.AsReals() is not [double s] || limit.AsReals() is not [double l] || delta.AsReals() is not [double d])
        {
            throw new UnknownInputException(c.Node.Inputs[0], "its start, limit and delta are computed at run time, so the output length is not static");
        }
        if (d == 0) throw c.Fail("its delta is 0");
        long count = Math.Max((long)Math.Ceiling((l - s) / d), 0);
        var result = new ValueFacts(start.ElementType, [count]);
        if (count <= ValueFacts.MaxKnownElements && start.Ints is [long si] && delta.Ints is [long di])
        {
            result = result with { Ints = [.. Enumerable.Range(0, (int)count).Select(i => si + i * di)] };
        }
        c.Out(0, result);
    }

    private static void OneHot(NodeContext c)
    {
        var indices = c.In(0);
        long[] depth = c.KnownInts(1, "depth");
        var values = c.In(2);
        int rank = indices.Rank + 1;
        int axis = c.Axis(c.Node.Int("axis", -1), rank);
        var dims = new List<long>(indices.Dims);
        dims.Insert(axis, depth[0]);
        c.Out(0, values.ElementType, [.. dims]);
    }

    private static void SpaceDepth(NodeContext c, bool toDepth)
    {
        var data = c.In(0);
        long b = c.Node.Int("blocksize", 0);
        if (data.Rank != 4 || b <= 0) throw c.Fail($"needs a rank-4 input and a positive blocksize (got {ValueFacts.FormatDims(data.Dims)}, {b})");
        long[] d = data.Dims;
        if (toDepth)
        {
            if (d[2] % b != 0 || d[3] % b != 0) throw c.Fail($"blocksize {b} does not divide {ValueFacts.FormatDims(d)}");
            c.Out(0, data.ElementType, [d[0], d[1] * b * b, d[2] / b, d[3] / b]);
        }
        else
        {
            if (d[1] % (b * b) != 0) throw c.Fail($"blocksize {b} does not divide the channels of {ValueFacts.FormatDims(d)}");
            c.Out(0, data.ElementType, [d[0], d[1] / (b * b), d[2] * b, d[3] * b]);
        }
    }
}
