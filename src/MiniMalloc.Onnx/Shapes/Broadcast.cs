namespace MiniMalloc.Onnx.Shapes;

/// <summary>Numpy-style (multidirectional) broadcasting of shapes, as ONNX's elementwise operators use it.</summary>
internal static class Broadcast
{
    /// <summary>The broadcast shape of <paramref name="shapes"/>, or null when two dimensions disagree.</summary>
    public static long[]? Shape(IReadOnlyList<long[]> shapes)
    {
        int rank = shapes.Max(s => s.Length);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long dim = 1;
            foreach (var shape in shapes)
            {
                int j = i - (rank - shape.Length);
                if (j < 0) continue;
                long d = shape[j];
                if (d == 1) continue;
                if (dim != 1 && dim != d) return null;
                dim = d;
            }
            result[i] = dim;
        }
        return result;
    }

    /// <summary>The flat index into a tensor of <paramref name="shape"/> for output index <paramref name="flat"/> of <paramref name="output"/>.</summary>
    public static long SourceIndex(long flat, long[] output, long[] shape)
    {
        long index = 0, stride = 1;
        for (int i = output.Length - 1, j = shape.Length - 1; i >= 0; i--, j--)
        {
            long coordinate = flat % output[i];
            flat /= output[i];
            if (j < 0) continue;
            if (shape[j] != 1) index += coordinate * stride;
            stride *= shape[j];
        }
        return index;
    }
}
