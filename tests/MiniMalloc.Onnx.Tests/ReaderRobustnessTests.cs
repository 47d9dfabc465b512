using MiniMalloc.Onnx.Output;
using MiniMalloc.Planning;
using static MiniMalloc.Onnx.Tests.ModelBuilder;

namespace MiniMalloc.Onnx.Tests;

/// <summary>
/// The reader on damaged files, deterministically (the AFL++ target "onnx" of tests/MiniMalloc.Fuzz goes further):
/// bit flips, truncations, inserted and deleted bytes of valid models must give a model or coded diagnostics, never
/// an exception; and what still lowers must give a lifetimes file that the planner's reader accepts.
/// </summary>
public sealed class ReaderRobustnessTests
{
    private static IEnumerable<byte[]> Seeds()
    {
        yield return new ModelBuilder().Input("x", Float, "batch", 4).Output("y", Float)
            .Initializer("shape", Int64Type, [2], [2, -1])
            .Node("Relu", ["x"], ["a"], "relu").Node("Reshape", ["a", "shape"], ["b"], "reshape")
            .Node("Transpose", ["b"], ["c"], "transpose").Node("Softmax", ["c"], ["y"], "softmax").Model.ToByteArrayForTests();
        yield return new ModelBuilder().Input("x", Float, 1, 3, 8, 8).Output("y", Float)
            .Initializer("w", Float, [4, 3, 3, 3])
            .Node("Conv", ["x", "w"], ["c"], "conv", Ints("pads", 1, 1, 1, 1)).Node("MaxPool", ["c"], ["p"], "pool", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2))
            .Node("GlobalAveragePool", ["p"], ["g"], "gap").Node("Flatten", ["g"], ["y"], "flatten").Model.ToByteArrayForTests();
    }

    [Fact]
    public void Damaged_models_give_a_model_or_coded_diagnostics()
    {
        var random = new Random(20261203);
        int lowered = 0, rejected = 0;
        foreach (byte[] seed in Seeds())
        {
            for (int i = 0; i < 1500; i++)
            {
                byte[] bytes = Mutate(seed, random);
                var result = OnnxLowering.Lower(new LoweringRequest("damaged.onnx") { Shapes = [new InputShape("x", [2, 4])] }, bytes);
                if (result.Model is { } model)
                {
                    lowered++;
                    var read = LifetimesReader.Read("damaged.lifetimes.json", System.Text.Encoding.UTF8.GetBytes(LifetimesWriter.Render(model)));
                    Assert.True(read.Succeeded && !read.Diagnostics.Any(d => d.IsError), string.Join("\n", read.Diagnostics));
                }
                else
                {
                    rejected++;
                    Assert.All(result.Diagnostics.Where(d => d.Severity == LoweringSeverity.Error), d => Assert.Matches("^MMB5[0-9]{3}$", d.Code));
                }
            }
        }
        Assert.True(lowered > 0 && rejected > 0, $"lowered {lowered}, rejected {rejected}: the mutations should do both");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                default: bytes.RemoveAt(at); break;
            }
        }
        return [.. bytes];
    }
}
