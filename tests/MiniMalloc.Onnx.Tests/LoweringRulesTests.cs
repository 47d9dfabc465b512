using MiniMalloc.Onnx.Format;
using static MiniMalloc.Onnx.Tests.ModelBuilder;

namespace MiniMalloc.Onnx.Tests;

/// <summary>The lowering rules of docs/onnx.md, each on a model small enough to state the expected lifetimes.</summary>
public sealed class LoweringRulesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>x -> relu -> a; a -> sigmoid -> dead (unread); a + (-k) -> b; b * x -> c (output); k and -k are weights.</summary>
    private static ModelBuilder Chain(bool storedOutOfOrder = false)
    {
        var k = new TensorProto { Name = "k", DataType = Float, Dims = { 4 }, FloatData = { 1, 2, 3, 4 } };
        var model = new ModelBuilder().Input("x", Float, 1, 4).Output("c", Float, 1, 4)
            .Node("Constant", [], ["k"], "const_k", Tensor("value", k))
            .Node("Neg", ["k"], ["nk"], "neg_k")
            .Node("Relu", ["x"], ["a"], "relu")
            .Node("Sigmoid", ["a"], ["dead"], "sig");
        if (storedOutOfOrder) model.Node("Mul", ["b", "x"], ["c"], "mul").Node("Add", ["a", "nk"], ["b"], "add");
        else model.Node("Add", ["a", "nk"], ["b"], "add").Node("Mul", ["b", "x"], ["c"], "mul");
        return model;
    }

    private LoweredModel Lower(ModelBuilder model, params InputShape[] shapes)
    {
        var result = OnnxLowering.Lower(new LoweringRequest(model.Save(_folder.Path)) { Shapes = shapes });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private LoweringDiagnostic Error(ModelBuilder model, params InputShape[] shapes)
    {
        var result = OnnxLowering.Lower(new LoweringRequest(model.Save(_folder.Path)) { Shapes = shapes });
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics, d => d.Severity == LoweringSeverity.Error);
    }

    [Fact]
    public void Lifetimes_follow_producers_and_last_readers()
    {
        var model = Lower(Chain());
        Assert.Equal(["relu", "sig", "add", "mul"], model.Steps.Select(s => s.Name));
        var spans = model.Buffers.ToDictionary(b => b.Id, b => (b.Start, b.End, b.Size));
        Assert.Equal((0, 4, 16), spans["x"]);    // graph input: from step 0 to one past its last reader (mul, step 3)
        Assert.Equal((0, 3, 16), spans["a"]);    // produced at 0, last read by add at step 2
        Assert.Equal((1, 2, 16), spans["dead"]); // nobody reads it: one step
        Assert.Equal((2, 4, 16), spans["b"]);
        Assert.Equal((3, 4, 16), spans["c"]);    // graph output: to the end of the schedule
        Assert.DoesNotContain("k", spans.Keys);  // a Constant node's output: a weight
        Assert.DoesNotContain("nk", spans.Keys); // computed from weights only: a weight
        Assert.Equal(2, model.WeightNodeCount);
        Assert.Empty(model.Warnings);
        Assert.Equal(["x", "a", "dead", "b", "c"], model.Buffers.Select(b => b.Id)); // by start, then inputs and output order
    }

    [Fact]
    public void Stored_order_that_is_not_topological_is_sorted_stably_with_a_warning()
    {
        var result = OnnxLowering.Lower(new LoweringRequest(Chain(storedOutOfOrder: true).Save(_folder.Path)));
        Assert.True(result.Succeeded);
        Assert.Equal(["relu", "sig", "add", "mul"], result.Model!.Steps.Select(s => s.Name));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(OnnxDiagnosticCodes.Resorted, warning.Code);
        Assert.Equal(LoweringSeverity.Warning, warning.Severity);
        Assert.Contains("node \"mul\" (Mul) reads \"b\", which node \"add\" (Add) produces later", warning.Message);
    }

    [Fact]
    public void A_cycle_is_an_error_naming_its_nodes()
    {
        var model = new ModelBuilder().Input("x", Float, 1).Output("z", Float, 1)
            .Node("Add", ["x", "w"], ["y"], "first")
            .Node("Relu", ["y"], ["w"], "second")
            .Node("Relu", ["y"], ["z"], "third");
        var error = Error(model);
        Assert.Equal(OnnxDiagnosticCodes.Cycle, error.Code);
        Assert.Contains("node \"first\" (Add)", error.Message);
        Assert.Contains("node \"second\" (Relu)", error.Message);
        Assert.DoesNotContain("third", error.Message);
    }

    [Fact]
    public void Two_producers_and_a_value_never_produced_are_errors_naming_node_and_value()
    {
        var twice = new ModelBuilder().Input("x", Float, 1).Output("y", Float, 1)
            .Node("Relu", ["x"], ["y"], "one").Node("Neg", ["x"], ["y"], "two");
        var error = Error(twice);
        Assert.Equal(OnnxDiagnosticCodes.TwoProducers, error.Code);
        Assert.Contains("value \"y\": produced by node \"one\" (Relu) and by node \"two\" (Neg)", error.Message);

        var missing = new ModelBuilder().Input("x", Float, 1).Output("y", Float, 1).Node("Add", ["x", "ghost"], ["y"], "adder");
        error = Error(missing);
        Assert.Equal(OnnxDiagnosticCodes.NeverProduced, error.Code);
        Assert.Contains("node \"adder\" (Add): reads value \"ghost\"", error.Message);
    }

    [Fact]
    public void Symbolic_input_dimensions_need_a_shape_and_a_given_shape_must_agree()
    {
        ModelBuilder Model() => new ModelBuilder().Input("x", Float, "batch", 3).Input("y", Float, "batch", 3).Output("z", Float)
            .Node("Add", ["x", "y"], ["z"], "add");
        var error = Error(Model());
        Assert.Equal(OnnxDiagnosticCodes.MissingShape, error.Code);
        Assert.Contains("graph input \"x\" [batch,3]: dimension 0 is symbolic (\"batch\")", error.Message);
        Assert.Contains("--shape=x=D0,3", error.Message);

        // One --shape binds "batch" for both inputs.
        var lowered = Lower(Model(), new InputShape("x", [2, 3]));
        Assert.Equal([2L, 3], lowered.Buffers.Single(b => b.Id == "y").Shape);
        Assert.Equal(24, lowered.Buffers.Single(b => b.Id == "z").Size);

        error = Error(Model(), new InputShape("x", [2, 4]));
        Assert.Equal(OnnxDiagnosticCodes.BadShape, error.Code);
        Assert.Contains("--shape=x=2,4 contradicts the model, where input \"x\" has the shape [batch,3]", error.Message);

        error = Error(Model(), new InputShape("x", [2, 3]), new InputShape("y", [5, 3]));
        Assert.Equal(OnnxDiagnosticCodes.BadShape, error.Code);
        Assert.Contains("\"batch\"", error.Message);

        error = Error(Model(), new InputShape("nope", [1]));
        Assert.Contains("\"nope\" is not a graph input", error.Message);
    }

    [Fact]
    public void A_static_shape_may_be_restated_but_not_changed()
    {
        Assert.Equal(16, Lower(Chain(), new InputShape("x", [1, 4])).Buffers[0].Size);
        var error = Error(Chain(), new InputShape("x", [1, 5]));
        Assert.Equal(OnnxDiagnosticCodes.BadShape, error.Code);
        Assert.Contains("--shape=x=1,5 contradicts the model, where input \"x\" has the shape [1,4]", error.Message);
    }

    [Theory]
    [InlineData(10, 2 * 6)]   // float16
    [InlineData(7, 8 * 6)]    // int64
    [InlineData(9, 6)]        // bool
    [InlineData(22, 3)]       // int4: two per byte
    [InlineData(1, 4 * 6)]    // float
    public void Sizes_are_element_count_times_element_size(int type, long bytes)
    {
        var model = new ModelBuilder().Input("x", Float, 2, 3).Output("y", type)
            .Node("Cast", ["x"], ["y"], "cast", Int("to", type));
        Assert.Equal(bytes, Lower(model).Buffers.Single(b => b.Id == "y").Size);
    }

    [Fact]
    public void Strings_and_unknown_types_are_errors_naming_the_value()
    {
        var model = new ModelBuilder().Input("x", Float, 2).Output("y", StringType).Node("Cast", ["x"], ["y"], "cast", Int("to", StringType));
        var error = Error(model);
        Assert.Equal(OnnxDiagnosticCodes.DataType, error.Code);
        Assert.Contains("value \"y\" has the element type string", error.Message);

        error = Error(new ModelBuilder().Input("x", 99, 2).Output("y", Float).Node("Relu", ["x"], ["y"]));
        Assert.Equal(OnnxDiagnosticCodes.DataType, error.Code);
        Assert.Contains("graph input \"x\" has the element type type 99", error.Message);
    }

    [Fact]
    public void Zero_size_values_are_left_out()
    {
        var model = new ModelBuilder().Input("x", Float, 0, 4).Input("y", Float, 2).Output("z", Float, 2).Output("e", Float, 0, 4)
            .Node("Relu", ["x"], ["e"], "empty").Node("Neg", ["y"], ["z"], "neg");
        var lowered = Lower(model);
        Assert.Equal(["y", "z"], lowered.Buffers.Select(b => b.Id));
        Assert.Equal(2, lowered.Steps.Count);
        Assert.Empty(lowered.Steps[0].Writes);
    }

    [Fact]
    public void Shape_arguments_computed_from_static_shapes_are_evaluated()
    {
        // The exporters' idiom: Reshape(x, Concat(Gather(Shape(x), 0), [-1])) flattens all but the first axis.
        var model = new ModelBuilder().Input("x", Float, 2, 3, 4).Output("y", Float)
            .Initializer("zero", Int64Type, [], [0])
            .Initializer("minus_one", Int64Type, [1], [-1])
            .Node("Shape", ["x"], ["s"], "shape")
            .Node("Gather", ["s", "zero"], ["n"], "gather")
            .Node("Unsqueeze", ["n", "axes"], ["n1"], "unsqueeze")
            .Initializer("axes", Int64Type, [1], [0])
            .Node("Concat", ["n1", "minus_one"], ["target"], "concat", Int("axis", 0))
            .Node("Reshape", ["x", "target"], ["y"], "reshape");
        var lowered = Lower(model);
        Assert.Equal([2L, 12], lowered.Buffers.Single(b => b.Id == "y").Shape);
        Assert.Equal(8 * 3, lowered.Buffers.Single(b => b.Id == "s").Size); // Shape reads an activation: a step, int64[3]
    }

    [Fact]
    public void Operators_without_a_rule_use_static_value_info_or_fail_naming_the_node()
    {
        ModelBuilder Model() => new ModelBuilder().Input("x", Float, 1, 8).Output("y", Float)
            .Node("FancyOp", ["x"], ["t"], "fancy").Node("Relu", ["t"], ["y"], "relu");
        var error = Error(Model());
        Assert.Equal(OnnxDiagnosticCodes.UnknownShape, error.Code);
        Assert.Contains("cannot determine the shape of \"t\", output of node \"fancy\" (FancyOp): operator FancyOp has no shape rule", error.Message);

        var lowered = Lower(Model().ValueInfo("t", Float, 1, 2, 8));
        Assert.Equal(64, lowered.Buffers.Single(b => b.Id == "y").Size);

        error = Error(Chain().ValueInfo("b", Float, 1, 5));
        Assert.Equal(OnnxDiagnosticCodes.ValueInfoConflict, error.Code);
        Assert.Contains("node \"add\" (Add): the model declares output \"b\" as float[1,5], but the operator gives float[1,4]", error.Message);
    }

    [Fact]
    public void Inconsistent_shapes_are_errors_naming_the_node()
    {
        var model = new ModelBuilder().Input("x", Float, 2, 3).Input("y", Float, 4).Output("z", Float).Node("Add", ["x", "y"], ["z"], "bad_add");
        var error = Error(model);
        Assert.Equal(OnnxDiagnosticCodes.InconsistentNode, error.Code);
        Assert.Contains("node \"bad_add\" (Add): its input shapes [2,3] and [4] do not broadcast", error.Message);
    }

    [Fact]
    public void Subgraphs_and_local_functions_are_rejected_naming_the_node()
    {
        var branch = new GraphProto { Name = "then" };
        var model = new ModelBuilder().Input("c", Bool).Output("y", Float)
            .Node("If", ["c"], ["y"], "choose", new AttributeProto { Name = "then_branch", G = branch, Type = AttributeProto.Types.AttributeType.Graph });
        var error = Error(model);
        Assert.Equal(OnnxDiagnosticCodes.Unsupported, error.Code);
        Assert.Contains("node \"choose\" (If): holds a subgraph (then_branch)", error.Message);

        var function = new ModelBuilder().Input("x", Float, 1).Output("y", Float).Node("MyFn", ["x"], ["y"], "call");
        function.Graph.Node[0].Domain = "local";
        function.Model.Functions.Add(new FunctionProto { Name = "MyFn", Domain = "local" });
        error = Error(function);
        Assert.Equal(OnnxDiagnosticCodes.Unsupported, error.Code);
        Assert.Contains("node \"call\" (MyFn): calls the model-local function \"local.MyFn\"", error.Message);
    }

    [Fact]
    public void A_model_of_weights_only_has_nothing_to_plan()
    {
        var model = new ModelBuilder().Output("y", Float).Initializer("w", Float, [2]).Node("Neg", ["w"], ["y"], "neg");
        Assert.Equal(OnnxDiagnosticCodes.NothingToPlan, Error(model).Code);
    }

    [Fact]
    public void External_data_needs_no_read_when_present_and_is_an_error_naming_tensor_and_file_when_missing()
    {
        ModelBuilder Model(string location)
        {
            var model = new ModelBuilder().Input("x", Float, 1, 4).Output("y", Float).Node("Add", ["x", "w"], ["y"], "add");
            var w = new TensorProto { Name = "w", DataType = Float, Dims = { 4 }, DataLocation = TensorProto.Types.DataLocation.External };
            w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
            model.Graph.Initializer.Add(w);
            return model;
        }
        File.WriteAllBytes(_folder.File("weights.bin"), new byte[16]);
        Assert.Equal(16, Lower(Model("weights.bin")).Buffers.Single(b => b.Id == "y").Size);

        var error = Error(Model("missing.bin"));
        Assert.Equal(OnnxDiagnosticCodes.ExternalData, error.Code);
        Assert.Contains("initializer \"w\": its external data file \"missing.bin\" does not exist", error.Message);

        File.WriteAllBytes(_folder.File("short.bin"), new byte[8]);
        error = Error(Model("short.bin"));
        Assert.Contains("initializer \"w\": it needs 16 bytes of \"short.bin\"", error.Message);

        error = Error(Model("../outside.bin"));
        Assert.Contains("lies outside the model's folder", error.Message);
    }

    [Fact]
    public void Files_that_are_not_onnx_or_are_damaged_are_coded_errors()
    {
        string path = Chain().Save(_folder.Path);
        byte[] bytes = File.ReadAllBytes(path);

        LoweringDiagnostic Of(byte[] content, long limit = int.MaxValue)
        {
            string file = _folder.File($"{Guid.NewGuid():N}.onnx");
            File.WriteAllBytes(file, content);
            var result = OnnxLowering.Lower(new LoweringRequest(file) { MaxFileBytes = limit });
            Assert.False(result.Succeeded);
            Assert.Equal(file, result.Diagnostics.Single().File);
            return result.Diagnostics.Single();
        }

        Assert.Equal(OnnxDiagnosticCodes.NotOnnx, Of("{ \"version\": 1 }"u8.ToArray()).Code);
        Assert.Equal(OnnxDiagnosticCodes.NotOnnx, Of([]).Code);
        Assert.Equal(OnnxDiagnosticCodes.Corrupt, Of(bytes[..(bytes.Length / 2)]).Code);
        Assert.Equal(OnnxDiagnosticCodes.TooLarge, Of(bytes, limit: 10).Code);
        var missing = OnnxLowering.Lower(new LoweringRequest(_folder.File("absent.onnx")));
        Assert.Equal(OnnxDiagnosticCodes.Unreadable, missing.Diagnostics.Single().Code);
    }
}

/// <summary>Value names the planned header cannot use are rejected at lowering, with the planner's own verdicts.</summary>
public sealed class BufferIdTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("!", "value \"!\": its name has no letter or digit")]
    [InlineData("", "value \"\": its name has no letter or digit")]
    [InlineData("Arena", "value \"Arena\": its name gives the C identifier PREFIX_ARENA_SIZE")]
    [InlineData("X", "values \"x\" and \"X\" give the same C identifier fragment X")]
    public void A_name_the_planner_would_reject_is_an_error_naming_the_values(string name, string message)
    {
        var model = new ModelBuilder().Input("x", ModelBuilder.Float, 2).Output(name, ModelBuilder.Float).Node("Relu", ["x"], [name], "relu");
        if (name.Length == 0) model.Graph.Output.Clear(); // an unnamed output: an optional output left out
        var result = OnnxLowering.Lower(new LoweringRequest(model.Save(_folder.Path)));
        if (name.Length == 0)
        {
            Assert.True(result.Succeeded); // "" is the format's "no value": nothing to plan for it
            return;
        }
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(OnnxDiagnosticCodes.BadValueName, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_rule_agrees_with_the_planners_header_writer()
    {
        string[] names = ["conv1/out", "Conv1.Out", "größe", "gre", "x__y", "_x_", "onnx::Add_5", "39", "a b", "ARENA", "arena_x", "\u0001", " ", "日本", "a\u00e9", "A\u00c9"];
        foreach (string name in names)
        {
            Assert.Equal(MiniMalloc.Planning.CIdentifier.Fragment(name), MiniMalloc.Onnx.Lowering.BufferIds.Fragment(name));
        }
        for (int i = 0; i < names.Length; i++)
        {
            for (int j = 0; j < names.Length; j++)
            {
                if (i == j) continue;
                string[] pair = [names[i], names[j]];
                bool planner = MiniMalloc.Planning.CIdentifier.FindConflicts(pair).Count == 0;
                bool lowering;
                try
                {
                    MiniMalloc.Onnx.Lowering.BufferIds.Check(pair);
                    lowering = true;
                }
                catch (Exception e) when (e.GetType().Name == "LoweringException")
                {
                    lowering = false;
                }
                Assert.True(planner == lowering, $"{names[i]} / {names[j]}: planner {planner}, lowering {lowering}");
            }
        }
    }
}
