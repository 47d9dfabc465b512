using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// Matrix products (MatMul, Gemm and their quantized forms), reductions, normalizations, quantization and the
/// recurrent layers (LSTM, GRU, RNN).
/// </summary>
internal static class LinearAlgebraRules
{
    private static readonly string[] Reductions =
    [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceSumSquare",
    ];

    /// <summary>Adds the rules to <paramref name="rules"/>.</summary>
    public static void Register(Dictionary<string, Action<NodeContext>> rules)
    {
        rules["MatMul"] = c => MatMul(c, c.In(0), c.In(1), c.In(0).ElementType);
        rules["MatMulInteger"] = c => MatMul(c, c.In(0), c.In(1), OnnxDataType.Int32);
        rules["QLinearMatMul"] = c => MatMul(c, c.In(0), c.In(3), c.In(7).ElementType);
        rules["Gemm"] = Gemm;
        foreach (var op in Reductions) rules[op] = Reduce;
        rules["ArgMax"] = ArgReduce;
        rules["ArgMin"] = ArgReduce;
        rules["TopK"] = TopK;
        rules["BatchNormalization"] = c =>
        {
            var x = c.In(0);
            c.Out(0, x with { Ints = null, Reals = null });
            if (x.Rank >= 2)
            {
                for (int i = 1; i < 5; i++) c.Out(i, x.ElementType, [x.Dims[1]]); // training-mode statistics
            }
        };
        rules["LayerNormalization"] = c =>
        {
            var x = c.In(0);
            int axis = c.Axis(c.Node.Int("axis", -1), x.Rank);
            c.Out(0, x with { Ints = null, Reals = null });
            long[] statistics = [.. x.Dims[..axis], .. Enumerable.Repeat(1L, x.Rank - axis)];
            c.Out(1, (int)c.Node.Int("stash_type", OnnxDataType.Float), statistics);
            c.Out(2, (int)c.Node.Int("stash_type", OnnxDataType.Float), statistics);
        };
        rules["GroupNormalization"] = c => c.Out(0, c.In(0) with { Ints = null, Reals = null });
        rules["QuantizeLinear"] = c =>
        {
            var x = c.In(0);
            int type = c.Optional(2)?.ElementType ?? (int)c.Node.Int("output_dtype", OnnxDataType.UInt8);
            c.Out(0, type == 0 ? OnnxDataType.UInt8 : type, x.Dims);
        };
        rules["DequantizeLinear"] = c =>
        {
            var x = c.In(0);
            int type = (int)c.Node.Int("output_dtype", 0);
            c.Out(0, type != 0 ? type : c.In(1).ElementType, x.Dims);
        };
        rules["DynamicQuantizeLinear"] = c =>
        {
            var x = c.In(0);
            c.Out(0, OnnxDataType.UInt8, x.Dims);
            c.Out(1, OnnxDataType.Float, []);
            c.Out(2, OnnxDataType.UInt8, []);
        };
        foreach (var op in (string[])["LSTM", "GRU", "RNN"]) rules[op] = Recurrent;
    }

    private static void MatMul(NodeContext c, ValueFacts a, ValueFacts b, int type)
    {
        if (a.Rank == 0 || b.Rank == 0) throw c.Fail("a matrix product needs inputs of rank 1 or more");
        // numpy.matmul: a 1-D operand is promoted to a matrix (a row for the left, a column for the right) and
        // that dimension is dropped from the result; the leading dimensions broadcast.
        long[] left = a.Rank == 1 ? [1, a.Dims[0]] : a.Dims;
        long[] right = b.Rank == 1 ? [b.Dims[0], 1] : b.Dims;
        if (left[^1] != right[^2]) throw c.Fail($"cannot multiply {ValueFacts.FormatDims(a.Dims)} by {ValueFacts.FormatDims(b.Dims)}");
        long[] batch = Broadcast.Shape([left[..^2], right[..^2]])
            ?? throw c.Fail($"the batch dimensions of {ValueFacts.FormatDims(a.Dims)} and {ValueFacts.FormatDims(b.Dims)} do not broadcast");
        var dims = new List<long>(batch);
        if (a.Rank > 1) dims.Add(left[^2]);
        if (b.Rank > 1) dims.Add(right[^1]);
        c.Out(0, type, [.. dims]);
    }

    private static void Gemm(NodeContext c)
    {
        var a = c.In(0);
        var b = c.In(1);
        if (a.Rank != 2 || b.Rank != 2) throw c.Fail($"Gemm needs matrices, got {ValueFacts.FormatDims(a.Dims)} and {ValueFacts.FormatDims(b.Dims)}");
        bool ta = c.Node.Int("transA", 0) != 0, tb = c.Node.Int("transB", 0) != 0;
        long m = ta ? a.Dims[1] : a.Dims[0], k = ta ? a.Dims[0] : a.Dims[1];
        long kb = tb ? b.Dims[1] : b.Dims[0], n = tb ? b.Dims[0] : b.Dims[1];
        if (k != kb) throw c.Fail($"cannot multiply {ValueFacts.FormatDims(a.Dims)} by {ValueFacts.FormatDims(b.Dims)} (transA {ta}, transB {tb})");
        c.Out(0, a.ElementType, [m, n]);
    }

    private static void Reduce(NodeContext c)
    {
        var x = c.In(0);
        bool axesAsInput = c.Opset >= 18 || (c.Node.OpType == "ReduceSum" && c.Opset >= 13);
        long[]? axes = axesAsInput ? (c.Has(1) ? c.KnownInts(1, "axes") : null) : c.Node.Ints("axes");
        bool keep = c.Node.Int("keepdims", 1) != 0;
        if (axes is { Length: 0 }) axes = null;
        if (axes is null && c.Node.Int("noop_with_empty_axes", 0) != 0)
        {
            c.Out(0, x);
            return;
        }
        var reduced = axes is null ? Enumerable.Range(0, x.Rank).ToHashSet() : axes.Select(a => c.Axis(a, x.Rank)).ToHashSet();
        var dims = new List<long>();
        for (int i = 0; i < x.Rank; i++)
        {
            if (!reduced.Contains(i)) dims.Add(x.Dims[i]);
            else if (keep) dims.Add(1);
        }
        var result = new ValueFacts(x.ElementType, [.. dims]);
        if (x.Rank == 1 && x.Ints is { } values)
        {
            long? v = c.Node.OpType switch
            {
                "ReduceProd" => values.Aggregate(1L, (p, q) => p * q),
                "ReduceSum" => values.Sum(),
                "ReduceMax" when values.Length > 0 => values.Max(),
                "ReduceMin" when values.Length > 0 => values.Min(),
                _ => null,
            };
            if (v is not null) result = result with { Ints = [v.Value] };
        }
        c.Out(0, result);
    }

    private static void ArgReduce(NodeContext c)
    {
        var x = c.In(0);
        int axis = c.Axis(c.Node.Int("axis", 0), x.Rank);
        bool keep = c.Node.Int("keepdims", 1) != 0;
        long[] dims = keep ? [.. x.Dims.Select((d, i) => i == axis ? 1 : d)] : [.. x.Dims.Where((_, i) => i != axis)];
        c.Out(0, OnnxDataType.Int64, dims);
    }

    private static void TopK(NodeContext c)
    {
        var x = c.In(0);
        long k = c.Opset >= 10 ? c.KnownInts(1, "k").Single() : c.Node.Int("k", 0);
        int axis = c.Axis(c.Node.Int("axis", -1), x.Rank);
        if (k < 0 || k > x.Dims[axis]) throw c.Fail($"k = {k} is out of range for axis {axis} of {ValueFacts.FormatDims(x.Dims)}");
        long[] dims = [.. x.Dims.Select((d, i) => i == axis ? k : d)];
        c.Out(0, x.ElementType, dims);
        c.Out(1, OnnxDataType.Int64, dims);
    }

    private static void Recurrent(NodeContext c)
    {
        var x = c.In(0);
        if (x.Rank != 3) throw c.Fail($"needs a rank-3 input, got {ValueFacts.FormatDims(x.Dims)}");
        long hidden = c.Node.Int("hidden_size", 0);
        if (hidden <= 0) hidden = c.In(2).Dims[^1];
        long directions = c.Node.String("direction", "forward") == "bidirectional" ? 2 : 1;
        bool batchFirst = c.Node.Int("layout", 0) != 0;
        long sequence = batchFirst ? x.Dims[1] : x.Dims[0];
        long batch = batchFirst ? x.Dims[0] : x.Dims[1];
        c.Out(0, x.ElementType, batchFirst ? [batch, sequence, directions, hidden] : [sequence, directions, batch, hidden]);
        long[] state = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
        c.Out(1, x.ElementType, state);
        c.Out(2, x.ElementType, state);
    }
}
