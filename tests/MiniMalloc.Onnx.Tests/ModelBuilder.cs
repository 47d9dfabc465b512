using Google.Protobuf;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.Tests;

/// <summary>Builds small ONNX models with the protobuf classes, for tests that need a precise graph.</summary>
internal static class ModelBytes
{
    public static byte[] ToByteArrayForTests(this ModelProto model) => model.ToByteArray();
}

internal sealed class ModelBuilder
{
    public const int Float = 1, Int64Type = 7, Float16 = 10, Bool = 9, Int4 = 22, StringType = 8;

    public ModelProto Model { get; } = new()
    {
        IrVersion = 8,
        ProducerName = "tests",
        Graph = new GraphProto { Name = "g" },
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
    };

    public GraphProto Graph => Model.Graph;

    public ModelBuilder Input(string name, int type, params object[] dims)
    {
        Graph.Input.Add(Value(name, type, dims));
        return this;
    }

    public ModelBuilder Output(string name, int type = Float, params object[] dims)
    {
        Graph.Output.Add(dims.Length == 0 ? new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new() { ElemType = type } } } : Value(name, type, dims));
        return this;
    }

    public ModelBuilder ValueInfo(string name, int type, params object[] dims)
    {
        Graph.ValueInfo.Add(Value(name, type, dims));
        return this;
    }

    public ModelBuilder Initializer(string name, int type, long[] dims, long[]? ints = null)
    {
        var tensor = new TensorProto { Name = name, DataType = type };
        tensor.Dims.AddRange(dims);
        if (ints is not null) tensor.Int64Data.AddRange(ints);
        Graph.Initializer.Add(tensor);
        return this;
    }

    /// <summary>A float initializer with data (a small pattern), as a runtime needs it.</summary>
    public ModelBuilder Weights(string name, params long[] dims)
    {
        long count = dims.Aggregate(1L, (a, b) => a * b);
        var tensor = new TensorProto { Name = name, DataType = Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(Enumerable.Range(0, (int)count).Select(i => (float)((i % 7) - 3) / 8));
        Graph.Initializer.Add(tensor);
        return this;
    }

    public static AttributeProto Str(string name, string value) => new() { Name = name, S = Google.Protobuf.ByteString.CopyFromUtf8(value), Type = AttributeProto.Types.AttributeType.String };

    public ModelBuilder Opset(long version)
    {
        Model.OpsetImport[0].Version = version;
        return this;
    }

    public ModelBuilder Node(string op, string[] inputs, string[] outputs, string? name = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name ?? "" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return this;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, I = value, Type = AttributeProto.Types.AttributeType.Int };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Tensor(string name, TensorProto tensor) => new() { Name = name, T = tensor, Type = AttributeProto.Types.AttributeType.Tensor };

    public string Save(string folder, string fileName = "model.onnx")
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, Model.ToByteArray());
        return path;
    }

    private static ValueInfoProto Value(string name, int type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d switch
            {
                string p => new TensorShapeProto.Types.Dimension { DimParam = p },
                null => new TensorShapeProto.Types.Dimension(),
                _ => new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) },
            });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = type, Shape = shape } } };
    }
}
