using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// Convolutions, pooling and resizing over N x C x D1 x ... x Dn tensors. The spatial output size follows the
/// operator specifications: explicit pads (auto_pad NOTSET), SAME_UPPER/SAME_LOWER (ceil(in / stride)) and VALID.
/// </summary>
internal static class SpatialRules
{
    /// <summary>Adds the rules to <paramref name="rules"/>.</summary>
    public static void Register(Dictionary<string, Action<NodeContext>> rules)
    {
        rules["Conv"] = c => Conv(c, data: 0, weight: 1, c.In(0).ElementType);
        rules["ConvInteger"] = c => Conv(c, data: 0, weight: 1, OnnxDataType.Int32);
        rules["QLinearConv"] = c => Conv(c, data: 0, weight: 3, c.In(7).ElementType);
        rules["ConvTranspose"] = ConvTranspose;
        foreach (var op in (string[])["MaxPool", "AveragePool", "LpPool"]) rules[op] = Pool;
        foreach (var op in (string[])["GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"])
        {
            rules[op] = c =>
            {
                var x = c.In(0);
                if (x.Rank < 2) throw c.Fail($"needs an input of rank 2 or more, got {ValueFacts.FormatDims(x.Dims)}");
                c.Out(0, x.ElementType, [x.Dims[0], x.Dims[1], .. Enumerable.Repeat(1L, x.Rank - 2)]);
            };
        }
        rules["Resize"] = Resize;
        rules["Upsample"] = Resize;
    }

    private static void Conv(NodeContext c, int data, int weight, int outputType)
    {
        var x = c.In(data);
        var w = c.In(weight);
        int spatial = x.Rank - 2;
        if (spatial < 0 || w.Rank != x.Rank) throw c.Fail($"input {ValueFacts.FormatDims(x.Dims)} and weight {ValueFacts.FormatDims(w.Dims)} do not fit a convolution");
        long[] kernel = c.Node.Ints("kernel_shape") ?? w.Dims[2..];
        long group = c.Node.Int("group", 1);
        if (group <= 0 || x.Dims[1] != w.Dims[1] * group)
        {
            throw c.Fail($"input channels {x.Dims[1]} do not match weight {ValueFacts.FormatDims(w.Dims)} with group {group}");
        }
        long[] output = SpatialOutput(c, x.Dims[2..], kernel, ceilMode: false);
        c.Out(0, outputType, [x.Dims[0], w.Dims[0], .. output]);
    }

    private static void Pool(NodeContext c)
    {
        var x = c.In(0);
        long[] kernel = c.Node.Ints("kernel_shape") ?? throw c.Fail("it has no kernel_shape");
        if (kernel.Length != x.Rank - 2) throw c.Fail($"kernel_shape {ValueFacts.FormatDims(kernel)} does not fit input {ValueFacts.FormatDims(x.Dims)}");
        long[] output = SpatialOutput(c, x.Dims[2..], kernel, ceilMode: c.Node.Int("ceil_mode", 0) != 0);
        long[] dims = [x.Dims[0], x.Dims[1], .. output];
        c.Out(0, x.ElementType, dims);
        c.Out(1, OnnxDataType.Int64, dims); // MaxPool's Indices
    }

    private static long[] SpatialOutput(NodeContext c, long[] input, long[] kernel, bool ceilMode)
    {
        int n = input.Length;
        if (kernel.Length != n) throw c.Fail($"kernel {ValueFacts.FormatDims(kernel)} does not fit the spatial shape {ValueFacts.FormatDims(input)}");
        long[] strides = c.Node.Ints("strides") ?? [.. Enumerable.Repeat(1L, n)];
        long[] dilations = c.Node.Ints("dilations") ?? [.. Enumerable.Repeat(1L, n)];
        long[] pads = c.Node.Ints("pads") ?? new long[2 * n];
        if (strides.Length != n || dilations.Length != n || pads.Length != 2 * n) throw c.Fail("its strides, dilations or pads do not match the spatial rank");
        string autoPad = c.Node.String("auto_pad", "NOTSET");
        var output = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (strides[i] <= 0 || dilations[i] <= 0) throw c.Fail("a stride or dilation is not positive");
            long window = (kernel[i] - 1) * dilations[i] + 1;
            output[i] = autoPad switch
            {
                "SAME_UPPER" or "SAME_LOWER" => (input[i] + strides[i] - 1) / strides[i],
                "VALID" => input[i] >= window ? (input[i] - window) / strides[i] + 1 : 0,
                _ => Explicit(input[i] + pads[i] + pads[i + n], window, strides[i], ceilMode, input[i] + pads[i]),
            };
        }
        return output;
    }

    private static long Explicit(long padded, long window, long stride, bool ceilMode, long lastStart)
    {
        if (padded < window) return 0;
        long span = padded - window;
        long count = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
        // With ceil_mode, a last window that would start in the end padding is dropped (as ONNX Runtime and
        // PyTorch do).
        if (ceilMode && (count - 1) * stride >= lastStart) count--;
        return count;
    }

    private static void ConvTranspose(NodeContext c)
    {
        var x = c.In(0);
        var w = c.In(1);
        int n = x.Rank - 2;
        if (n < 0 || w.Rank != x.Rank) throw c.Fail($"input {ValueFacts.FormatDims(x.Dims)} and weight {ValueFacts.FormatDims(w.Dims)} do not fit a transposed convolution");
        long group = c.Node.Int("group", 1);
        long[] kernel = c.Node.Ints("kernel_shape") ?? w.Dims[2..];
        long[] strides = c.Node.Ints("strides") ?? [.. Enumerable.Repeat(1L, n)];
        long[] dilations = c.Node.Ints("dilations") ?? [.. Enumerable.Repeat(1L, n)];
        long[] pads = c.Node.Ints("pads") ?? new long[2 * n];
        long[] outputPadding = c.Node.Ints("output_padding") ?? new long[n];
        long[]? outputShape = c.Node.Ints("output_shape");
        string autoPad = c.Node.String("auto_pad", "NOTSET");
        var spatial = new long[n];
        for (int i = 0; i < n; i++)
        {
            long input = x.Dims[i + 2];
            if (outputShape is not null) spatial[i] = outputShape[outputShape.Length - n + i];
            else if (autoPad is "SAME_UPPER" or "SAME_LOWER") spatial[i] = input * strides[i];
            else spatial[i] = strides[i] * (input - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1 - pads[i] - pads[i + n];
        }
        c.Out(0, x.ElementType, [x.Dims[0], w.Dims[1] * group, .. spatial]);
    }

    private static void Resize(NodeContext c)
    {
        var x = c.In(0);
        long[]? axes = c.Node.Ints("axes");
        // Inputs: Upsample and Resize-10 (X, scales); Resize-11+ (X, roi, scales, sizes).
        bool v10 = c.Node.OpType == "Upsample" || c.Opset < 11;
        int scalesInput = v10 ? 1 : 2;
        var dims = (long[])x.Dims.Clone();
        int[] targets = axes is null ? [.. Enumerable.Range(0, x.Rank)] : [.. axes.Select(a => c.Axis(a, x.Rank))];
        if (!v10 && c.Has(3) && c.In(3).ElementCount > 0)
        {
            long[] sizes = c.KnownInts(3, "sizes");
            if (sizes.Length != targets.Length) throw c.Fail($"sizes {ValueFacts.FormatDims(sizes)} do not match rank {x.Rank}");
            string policy = c.Node.String("keep_aspect_ratio_policy", "stretch");
            if (policy != "stretch")
            {
                double scale = policy == "not_larger"
                    ? targets.Select((a, k) => (double)sizes[k] / x.Dims[a]).Min()
                    : targets.Select((a, k) => (double)sizes[k] / x.Dims[a]).Max();
                foreach (int a in targets) dims[a] = (long)Math.Round(scale * x.Dims[a], MidpointRounding.ToEven);
            }
            else
            {
                for (int k = 0; k < targets.Length; k++) dims[targets[k]] = sizes[k];
            }
        }
        else
        {
            double[] scales = c.Opset < 9 && c.Node.OpType == "Upsample"
                ? [.. (c.Node.Floats("scales") ?? throw c.Fail("it has no scales")).Select(f => (double)f)]
                : c.In(scalesInput).AsReals() ?? throw new UnknownInputException(c.Node.Inputs[scalesInput], "its scales are computed at run time, so the output shape is not static");
            if (scales.Length != targets.Length) throw c.Fail($"scales [{string.Join(",", scales)}] do not match rank {x.Rank}");
            // output = floor(input * scale), in single precision as the scales are stored and runtimes compute it.
            for (int k = 0; k < targets.Length; k++) dims[targets[k]] = (long)MathF.Floor(x.Dims[targets[k]] * (float)scales[k]);
        }
        c.Out(0, x.ElementType, dims);
    }
}
