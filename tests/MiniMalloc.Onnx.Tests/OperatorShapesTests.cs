using MiniMalloc.Onnx.RealModels;
using static MiniMalloc.Onnx.Tests.ModelBuilder;

namespace MiniMalloc.Onnx.Tests;

/// <summary>
/// The shape rules of operators and attribute combinations the real models do not exercise, each checked against
/// ONNX Runtime running the same one- or two-node model: every value's inferred shape must be the one the runtime
/// produces.
/// </summary>
public sealed class OperatorShapesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Cases => [.. Models.Keys];

    private static readonly Dictionary<string, Func<ModelBuilder>> Models = new()
    {
        ["conv_pads_strides_dilations_group"] = () => X(1, 4, 11, 13).Weights("w", 6, 2, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], "conv", Ints("pads", 1, 2, 0, 1), Ints("strides", 2, 3), Ints("dilations", 2, 1), Int("group", 2)),
        ["conv_same_upper"] = () => X(1, 3, 10, 9).Weights("w", 4, 3, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], "conv", Str("auto_pad", "SAME_UPPER"), Ints("strides", 2, 2)),
        ["conv_transpose_output_padding"] = () => X(1, 4, 5, 6).Weights("w", 4, 3, 3, 3)
            .Node("ConvTranspose", ["x", "w"], ["y"], "deconv", Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Ints("output_padding", 1, 0)),
        ["maxpool_ceil_mode"] = () => X(1, 2, 10, 7)
            .Node("MaxPool", ["x"], ["y"], "pool", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Int("ceil_mode", 1)),
        ["maxpool_ceil_mode_padding"] = () => X(1, 2, 6, 6)
            .Node("MaxPool", ["x"], ["y"], "pool", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1)),
        ["averagepool_pads"] = () => X(1, 2, 9, 8)
            .Node("AveragePool", ["x"], ["y"], "pool", Ints("kernel_shape", 3, 2), Ints("pads", 1, 0, 1, 1), Ints("strides", 2, 1)),
        ["resize_scales"] = () => X(1, 2, 5, 7).Reals("scales", 1, 1, 2, 1.5f)
            .Node("Resize", ["x", "", "scales"], ["y"], "resize"),
        ["resize_sizes"] = () => X(1, 2, 5, 7).Longs("sizes", 1, 2, 9, 4)
            .Node("Resize", ["x", "", "", "sizes"], ["y"], "resize"),
        ["gemm_transposed"] = () => X(5, 3).Weights("b", 4, 3).Weights("c", 4)
            .Node("Gemm", ["x", "b", "c"], ["y"], "gemm", Int("transB", 1)),
        ["matmul_broadcast"] = () => X(2, 1, 3, 4).Weights("b", 5, 4, 6).Node("MatMul", ["x", "b"], ["y"], "matmul"),
        ["matmul_vector"] = () => X(4).Weights("b", 3, 4, 6).Node("MatMul", ["x", "b"], ["y"], "matmul"),
        ["reduce_mean_axes"] = () => X(2, 3, 4).Node("ReduceMean", ["x"], ["y"], "mean", Ints("axes", 0, -1), Int("keepdims", 0)),
        ["reduce_sum_axes_input"] = () => X(2, 3, 4).Longs("axes", 1).Node("ReduceSum", ["x", "axes"], ["y"], "sum"),
        ["argmax"] = () => X(2, 3, 4).Node("ArgMax", ["x"], ["y"], "argmax", Int("axis", 1), Int("keepdims", 0)),
        ["topk"] = () => X(2, 9).Longs("k", 3).Node("TopK", ["x", "k"], ["y", "i"], "topk"),
        ["transpose"] = () => X(2, 3, 4, 5).Node("Transpose", ["x"], ["y"], "t", Ints("perm", 0, 2, 3, 1)),
        ["concat_split"] = () => X(2, 3).Weights("z", 2, 5).Longs("parts", 2, 6)
            .Node("Concat", ["x", "z"], ["c"], "concat", Int("axis", 1)).Node("Split", ["c", "parts"], ["y", "w"], "split", Int("axis", 1)),
        ["slice_negative_step"] = () => X(10, 6).Longs("starts", -1, 1).Longs("ends", -100, 5).Longs("axes", 0, 1).Longs("steps", -3, 2)
            .Node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"], "slice"),
        ["gather_matrix_indices"] = () => X(3, 7, 2).Longs2("idx", [2, 2], 0, 6, -1, 3).Node("Gather", ["x", "idx"], ["y"], "gather", Int("axis", 1)),
        ["pad"] = () => X(2, 3).Longs("pads", 1, 0, 2, 4).Node("Pad", ["x", "pads"], ["y"], "pad"),
        ["tile_expand"] = () => X(2, 1, 3).Longs("reps", 1, 4, 2).Longs("shape", 5, 2, 4, 6)
            .Node("Tile", ["x", "reps"], ["t"], "tile").Node("Expand", ["t", "shape"], ["y"], "expand"),
        ["squeeze_unsqueeze_flatten"] = () => X(2, 1, 3, 1).Longs("sq", 1, 3).Longs("un", 0, 3)
            .Node("Squeeze", ["x", "sq"], ["s"], "squeeze").Node("Unsqueeze", ["s", "un"], ["u"], "unsqueeze").Node("Flatten", ["u"], ["y"], "flatten", Int("axis", 2)),
        ["depth_to_space"] = () => X(1, 8, 3, 5).Node("DepthToSpace", ["x"], ["y"], "d2s", Int("blocksize", 2)),
        ["space_to_depth"] = () => X(1, 2, 6, 4).Node("SpaceToDepth", ["x"], ["y"], "s2d", Int("blocksize", 2)),
        ["lstm_bidirectional"] = () => X(7, 2, 5).Weights("w", 2, 32, 5).Weights("r", 2, 32, 8)
            .Node("LSTM", ["x", "w", "r"], ["y", "h", "c"], "lstm", Int("hidden_size", 8), Str("direction", "bidirectional")),
        ["layer_norm_softmax"] = () => X(2, 3, 8).Weights("g", 8).Weights("b", 8)
            .Node("LayerNormalization", ["x", "g", "b"], ["n"], "ln", Int("axis", -1)).Node("Softmax", ["n"], ["y"], "softmax", Int("axis", 1)),
        ["where_equal_cast"] = () => X(3, 1).Weights("z", 1, 4)
            .Node("Equal", ["x", "z"], ["e"], "equal").Node("Where", ["e", "x", "z"], ["w"], "where").Node("Cast", ["w"], ["y"], "cast", Int("to", Float16)),
        ["shape_chain_reshape"] = () => X(2, 3, 4).Scalar("zero", 0).Longs("minus", -1).Longs("axes", 0)
            .Node("Shape", ["x"], ["s"], "shape").Node("Gather", ["s", "zero"], ["n"], "gather")
            .Node("Unsqueeze", ["n", "axes"], ["n1"], "unsqueeze").Node("Concat", ["n1", "minus"], ["t"], "concat", Int("axis", 0))
            .Node("Reshape", ["x", "t"], ["y"], "reshape"),
        ["constant_of_shape_range"] = () => X(4).Longs("shape", 2, 3).Scalar("start", 1).Scalar("limit", 10).Scalar("delta", 3)
            .Node("ConstantOfShape", ["shape"], ["k"], "cos").Node("Range", ["start", "limit", "delta"], ["r"], "range")
            .Node("Relu", ["x"], ["y"], "relu"),
    };

    // The output is declared without a type: the runtime takes the operator's, as the lowering does.
    private static ModelBuilder X(params long[] dims)
    {
        var model = new ModelBuilder().Opset(17).Input("x", Float, [.. dims.Cast<object>()]);
        model.Graph.Output.Add(new MiniMalloc.Onnx.Format.ValueInfoProto { Name = "y" });
        return model;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Inferred_shapes_are_the_runtime_shapes(string name)
    {
        string path = Models[name]().Save(_folder.Path, name + ".onnx");
        var result = OnnxLowering.Lower(new LoweringRequest(path));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var (actual, _) = OnnxRuntimeShapes.Run(path, result.Model!);
        foreach (var buffer in result.Model!.Buffers.Where(b => b.Role != BufferRole.Input))
        {
            Assert.True(actual.TryGetValue(buffer.Id, out var shape), $"ONNX Runtime gave no output {buffer.Id}");
            Assert.True(shape.SequenceEqual(buffer.Shape), $"{name}: {buffer.Id}: inferred [{string.Join(",", buffer.Shape)}], ONNX Runtime [{string.Join(",", shape)}]");
        }
    }
}

internal static class ConstantInputs
{
    public static ModelBuilder Longs(this ModelBuilder model, string name, params long[] values) =>
        model.Initializer(name, ModelBuilder.Int64Type, [values.Length], values);

    public static ModelBuilder Scalar(this ModelBuilder model, string name, long value) =>
        model.Initializer(name, ModelBuilder.Int64Type, [], [value]);

    public static ModelBuilder Longs2(this ModelBuilder model, string name, long[] dims, params long[] values) =>
        model.Initializer(name, ModelBuilder.Int64Type, dims, values);

    public static ModelBuilder Reals(this ModelBuilder model, string name, params float[] values)
    {
        var tensor = new MiniMalloc.Onnx.Format.TensorProto { Name = name, DataType = ModelBuilder.Float, Dims = { values.Length } };
        tensor.FloatData.AddRange(values);
        model.Graph.Initializer.Add(tensor);
        return model;
    }
}
