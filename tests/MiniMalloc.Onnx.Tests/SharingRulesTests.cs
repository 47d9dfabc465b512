using MiniMalloc.Onnx.Output;
using MiniMalloc.Onnx.RealModels;
using static MiniMalloc.Onnx.Tests.ModelBuilder;

namespace MiniMalloc.Onnx.Tests;

/// <summary>
/// The rules for values that share bytes (docs/aliases.md, "The ONNX lowering"), each on a model small enough to
/// state the expected aliases, with the cases where sharing would be wrong. Every lowered model is also planned,
/// replayed over its arena, and run by ONNX Runtime node by node inside it, so a rule that marked an alias whose
/// bytes the operator does not actually leave there (a wrong view offset, an input overwritten too early) fails
/// here too.
/// </summary>
public sealed class SharingRulesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private LoweredModel Lower(ModelBuilder model, ViewLevel views = ViewLevel.All)
    {
        string path = model.Save(_folder.Path);
        var result = OnnxLowering.Lower(new LoweringRequest(path) { Views = views });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var lowered = result.Model!;
        string lifetimes = _folder.File($"{Guid.NewGuid():N}.lifetimes.json");
        LoweringOutputs.Write(lowered, lifetimes, null);
        var plan = LoweredPlan.Minimize(lifetimes);
        Assert.True(plan.Valid);
        Assert.Null(ScheduleReplay.Run(lowered, plan.Offsets, plan.Height));
        Assert.Null(ArenaExecution.Run(path, lowered, plan.Offsets, plan.Height));
        return lowered;
    }

    private static LoweredAlias? AliasOf(LoweredModel model, string id) => model.Buffers.Single(b => b.Id == id).Alias;

    private static ModelBuilder Net(params object[] dims) =>
        new ModelBuilder().Opset(17).Input("x", Float, dims).Node("Relu", ["x"], ["a"], "relu");

    [Fact]
    public void View_operators_alias_their_input_from_byte_0()
    {
        var model = Net(2, 1, 3).Longs("shape", 6).Longs("un", 0)
            .Node("Reshape", ["a", "shape"], ["r"], "reshape")
            .Node("Identity", ["r"], ["i"], "identity")
            .Node("Unsqueeze", ["i", "un"], ["u"], "unsqueeze")
            .Node("Flatten", ["u"], ["f"], "flatten", Int("axis", 1))
            .Node("Reshape", ["f", "shape"], ["g"], "reshape2")
            .Output("g");
        var lowered = Lower(model, ViewLevel.Views);
        Assert.Equal(new LoweredAlias("a", 0, AliasKind.View), AliasOf(lowered, "r"));
        Assert.Equal(new LoweredAlias("r", 0, AliasKind.View), AliasOf(lowered, "i"));
        Assert.Equal(new LoweredAlias("i", 0, AliasKind.View), AliasOf(lowered, "u"));
        Assert.Equal(new LoweredAlias("u", 0, AliasKind.View), AliasOf(lowered, "f"));
        Assert.Null(AliasOf(lowered, "a")); // the relu's own output: its graph input x is no view
        Assert.Equal(48, lowered.MaxLive.Bytes); // x and a at step 0; later every view is a's 24 bytes, counted once
        Assert.Equal(24, lowered.Buffers.Where(b => b.Start >= 1).Select(b => b.Size).Distinct().Single());
    }

    [Fact]
    public void Squeeze_is_a_view()
    {
        var lowered = Lower(Net(1, 4).Longs("axes", 0).Node("Squeeze", ["a", "axes"], ["s"], "squeeze").Node("Neg", ["s"], ["y"], "neg").Output("y"), ViewLevel.Views);
        Assert.Equal(new LoweredAlias("a", 0, AliasKind.View), AliasOf(lowered, "s"));
    }

    [Fact]
    public void Split_parts_are_views_at_their_offsets_when_every_dimension_before_the_axis_is_1()
    {
        var lowered = Lower(Net(1, 6, 2).Longs("parts", 2, 4)
            .Node("Split", ["a", "parts"], ["p", "q"], "split", Int("axis", 1))
            .Node("Neg", ["p"], ["y"], "neg").Node("Neg", ["q"], ["z"], "neg2").Output("y").Output("z"), ViewLevel.Views);
        Assert.Equal(new LoweredAlias("a", 0, AliasKind.View), AliasOf(lowered, "p"));
        Assert.Equal(new LoweredAlias("a", 2 * 2 * 4, AliasKind.View), AliasOf(lowered, "q"));
    }

    [Fact]
    public void Split_parts_that_are_not_contiguous_are_buffers_of_their_own()
    {
        // [2,6] split along axis 1: each part takes a range of every row, not one range of bytes.
        var lowered = Lower(Net(2, 6).Longs("parts", 2, 4)
            .Node("Split", ["a", "parts"], ["p", "q"], "split", Int("axis", 1))
            .Node("Neg", ["p"], ["y"], "neg").Node("Neg", ["q"], ["z"], "neg2").Output("y").Output("z"), ViewLevel.Views);
        Assert.Null(AliasOf(lowered, "p"));
        Assert.Null(AliasOf(lowered, "q"));
    }

    [Fact]
    public void A_contiguous_slice_is_a_view_at_its_first_element()
    {
        // [1,8,3] rows 2..5 of axis 1: bytes 2*3*4 on, 4*3*4 of them.
        var lowered = Lower(Net(1, 8, 3).Longs("starts", 2).Longs("ends", 6).Longs("axes", 1)
            .Node("Slice", ["a", "starts", "ends", "axes"], ["s"], "slice").Node("Neg", ["s"], ["y"], "neg").Output("y"), ViewLevel.Views);
        Assert.Equal(new LoweredAlias("a", 2 * 3 * 4, AliasKind.View), AliasOf(lowered, "s"));
    }

    [Theory]
    [InlineData(new long[] { 1, 8, 3 }, 2L, 0L, 2L, 1L)] // the last axis cut while axis 1 has 8 rows: strided
    [InlineData(new long[] { 1, 8, 3 }, 1L, 0L, 8L, 2L)] // every other row: strided
    [InlineData(new long[] { 1, 8, 3 }, 1L, 7L, -100L, -1L)] // reversed
    [InlineData(new long[] { 2, 8, 3 }, 1L, 2L, 6L, 1L)] // rows of both batch entries
    public void A_slice_that_is_not_one_contiguous_range_is_a_buffer_of_its_own(long[] dims, long axis, long start, long end, long step)
    {
        var lowered = Lower(Net([.. dims.Cast<object>()]).Longs("starts", start).Longs("ends", end).Longs("axes", axis).Longs("steps", step)
            .Node("Slice", ["a", "starts", "ends", "axes", "steps"], ["s"], "slice").Node("Neg", ["s"], ["y"], "neg").Output("y"), ViewLevel.Views);
        Assert.Null(AliasOf(lowered, "s"));
    }

    [Fact]
    public void An_elementwise_output_is_written_over_an_input_that_dies_there()
    {
        var lowered = Lower(Net(2, 4).Node("Sigmoid", ["a"], ["b"], "sigmoid").Node("Mul", ["b", "x2"], ["c"], "mul")
            .Input("x2", Float, 2, 4).Node("Clip", ["c"], ["y"], "clip").Output("y"));
        Assert.Equal(new LoweredAlias("a", 0, AliasKind.InPlace), AliasOf(lowered, "b"));
        Assert.Equal(new LoweredAlias("b", 0, AliasKind.InPlace), AliasOf(lowered, "c")); // over b, not the graph input x2
        Assert.Equal(new LoweredAlias("c", 0, AliasKind.InPlace), AliasOf(lowered, "y")); // a graph output may be written in place
        Assert.Null(AliasOf(lowered, "a")); // the relu reads the graph input x: never written over
    }

    [Fact]
    public void An_input_read_later_is_not_written_over()
    {
        var lowered = Lower(Net(2, 4).Node("Sigmoid", ["a"], ["b"], "sigmoid").Node("Add", ["a", "b"], ["y"], "add").Output("y"));
        Assert.Null(AliasOf(lowered, "b")); // a is read again by the add
        Assert.Equal(new LoweredAlias("a", 0, AliasKind.InPlace), AliasOf(lowered, "y")); // a dies at the add; b too, but a comes first
    }

    [Fact]
    public void Graph_inputs_and_outputs_are_not_written_over()
    {
        var lowered = Lower(new ModelBuilder().Opset(17).Input("x", Float, 2, 4).Node("Relu", ["x"], ["a"], "relu")
            .Node("Neg", ["a"], ["y"], "neg").Output("a").Output("y"));
        Assert.Null(AliasOf(lowered, "a")); // x is the caller's
        Assert.Null(AliasOf(lowered, "y")); // a is the caller's result
    }

    [Fact]
    public void Element_type_and_broadcast_decide_which_input_may_be_written_over()
    {
        // The comparison's bool output dies at the Where, whose float output has its shape but not its type; the
        // Add broadcasts p [1,4] over q [2,4]: only q has the output's shape.
        var lowered = Lower(new ModelBuilder().Opset(17).Input("x", Float, 2, 4).Input("v", Float, 1, 4).Weights("w", 2, 4)
            .Node("Relu", ["v"], ["p"], "relu").Node("Greater", ["x", "w"], ["g"], "greater")
            .Node("Where", ["g", "x", "w"], ["q"], "where").Node("Add", ["p", "q"], ["y"], "add").Output("y"));
        Assert.Null(AliasOf(lowered, "q"));
        Assert.Equal(new LoweredAlias("q", 0, AliasKind.InPlace), AliasOf(lowered, "y"));
    }

    [Fact]
    public void An_input_whose_bytes_another_input_of_the_node_shares_is_not_written_over()
    {
        // r is a's bytes under another shape; the add reads both, so writing over a would change r under it.
        var lowered = Lower(Net(1, 4).Longs("shape", 4).Node("Reshape", ["a", "shape"], ["r"], "reshape")
            .Node("Add", ["a", "r"], ["y"], "add").Output("y"));
        Assert.Equal(new LoweredAlias("a", 0, AliasKind.View), AliasOf(lowered, "r"));
        Assert.Null(AliasOf(lowered, "y"));
    }

    [Fact]
    public void Concat_inputs_read_by_nothing_else_are_produced_into_their_slices()
    {
        var lowered = Lower(new ModelBuilder().Opset(17).Input("x", Float, 1, 2, 4).Input("z", Float, 1, 3, 4)
            .Node("Relu", ["x"], ["a"], "relu").Node("Relu", ["z"], ["b"], "relu2").Node("Neg", ["z"], ["d"], "neg")
            .Node("Concat", ["a", "b", "d", "x"], ["c"], "concat", Int("axis", 1)).Node("Add", ["c", "c"], ["y"], "add")
            .Node("Neg", ["d"], ["e"], "neg2").Output("y").Output("e"));
        Assert.Equal(new LoweredAlias("c", 0, AliasKind.Slice), AliasOf(lowered, "a"));
        Assert.Equal(new LoweredAlias("c", 2 * 4 * 4, AliasKind.Slice), AliasOf(lowered, "b"));
        Assert.Null(AliasOf(lowered, "d")); // read again by neg2
        Assert.Null(AliasOf(lowered, "x")); // the caller's
    }

    [Fact]
    public void Parts_of_any_size_get_their_offsets()
    {
        // 3 floats (12 bytes): split 1 + 2, each part through an operator that does not run in place, joined again.
        var lowered = Lower(Net(1, 3).Longs("parts", 1, 2)
            .Node("Split", ["a", "parts"], ["p", "q"], "split", Int("axis", 1))
            .Node("Softmax", ["p"], ["m"], "softmax").Node("Softmax", ["q"], ["n"], "softmax2")
            .Node("Concat", ["m", "n"], ["y"], "concat", Int("axis", 1)).Output("y"));
        Assert.Equal(new LoweredAlias("a", 4, AliasKind.View), AliasOf(lowered, "q"));
        Assert.Equal(new LoweredAlias("y", 4, AliasKind.Slice), AliasOf(lowered, "n"));
    }

    [Fact]
    public void Concat_slices_need_every_dimension_before_the_axis_to_be_1()
    {
        var lowered = Lower(new ModelBuilder().Opset(17).Input("x", Float, 2, 2, 4).Input("z", Float, 2, 3, 4)
            .Node("Relu", ["x"], ["a"], "relu").Node("Relu", ["z"], ["b"], "relu2")
            .Node("Concat", ["a", "b"], ["y"], "concat", Int("axis", 1)).Output("y"));
        Assert.Null(AliasOf(lowered, "a"));
        Assert.Null(AliasOf(lowered, "b"));
    }

    [Theory]
    [InlineData(ViewLevel.None, 0, false, false)]
    [InlineData(ViewLevel.Views, 1, false, false)]
    [InlineData(ViewLevel.InPlace, 2, true, false)]
    [InlineData(ViewLevel.All, 3, true, true)]
    public void Each_level_adds_one_kind(ViewLevel level, int aliases, bool inPlace, bool slices)
    {
        var lowered = Lower(new ModelBuilder().Opset(17).Input("x", Float, 1, 4).Longs("shape", 1, 4)
            .Node("Relu", ["x"], ["a"], "relu").Node("Reshape", ["a", "shape"], ["r"], "reshape")
            .Node("Neg", ["r"], ["n"], "neg").Node("Relu", ["x"], ["b"], "relu2")
            .Node("Concat", ["n", "b"], ["y"], "concat", Int("axis", 1)).Output("y"), level);
        Assert.Equal(aliases, lowered.AliasCount);
        Assert.Equal(inPlace, AliasOf(lowered, "n") is { Kind: AliasKind.InPlace });
        Assert.Equal(slices, AliasOf(lowered, "b") is { Kind: AliasKind.Slice });
    }

    [Fact]
    public void The_files_carry_the_aliases_and_their_kinds()
    {
        var lowered = Lower(Net(1, 4).Longs("shape", 4).Node("Reshape", ["a", "shape"], ["r"], "reshape").Node("Neg", ["r"], ["y"], "neg").Output("y"));
        string lifetimes = LifetimesWriter.Render(lowered);
        Assert.Contains("{ \"id\": \"r\", \"start\": 1, \"end\": 3, \"size\": 16, \"alias\": { \"of\": \"a\", \"offset\": 0 } }", lifetimes);
        string header = ScheduleHeaderWriter.Render(lowered);
        Assert.Contains("#define MODEL_SCHEDULE_ALIASES(X) \\\n    X(\"r\", \"a\", 0, \"view\") \\\n    X(\"y\", \"r\", 0, \"in-place\") \\\n    /* end of aliases */", header);
    }
}
