using System.Buffers.Binary;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.Model;

/// <summary>
/// Decodes the elements of small constant tensors (initializers, Constant nodes), which shape computations read:
/// a Reshape's target shape, a Slice's bounds, a Resize's scales. Large tensors (weights) are never decoded; their
/// data is not needed to plan memory.
/// </summary>
internal static class TensorData
{
    /// <summary>
    /// The facts of <paramref name="tensor"/>: type and dims always; its elements when it has at most
    /// <see cref="ValueFacts.MaxKnownElements"/> of an integer or real type and they can be read
    /// (<paramref name="external"/> reads external data; null: do not).
    /// </summary>
    public static ValueFacts Facts(TensorProto tensor, Func<TensorProto, byte[]?>? external)
    {
        var facts = new ValueFacts(tensor.DataType, [.. tensor.Dims]);
        long count = facts.ElementCount;
        if (count > ValueFacts.MaxKnownElements) return facts;
        int n = (int)count;
        byte[]? raw = null;
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            raw = external?.Invoke(tensor);
            if (raw is null) return facts;
        }
        else if (tensor.HasRawData)
        {
            raw = tensor.RawData.ToByteArray();
        }

        int type = tensor.DataType;
        if (OnnxDataType.IsInteger(type))
        {
            long[]? ints = raw is not null ? RawInts(raw, type, n) : TypedInts(tensor, type, n);
            return ints is null ? facts : facts with { Ints = ints };
        }
        if (OnnxDataType.IsReal(type))
        {
            double[]? reals = raw is not null ? RawReals(raw, type, n) : TypedReals(tensor, type, n);
            return reals is null ? facts : facts with { Reals = reals };
        }
        return facts;
    }

    private static long[]? RawInts(byte[] raw, int type, int n)
    {
        int width = OnnxDataType.BitsPerElement(type) / 8;
        if (raw.Length < (long)n * width) return null;
        var values = new long[n];
        for (int i = 0; i < n; i++)
        {
            var span = raw.AsSpan(i * width, width);
            values[i] = type switch
            {
                OnnxDataType.Int8 => (sbyte)span[0],
                OnnxDataType.UInt8 => span[0],
                OnnxDataType.Bool => span[0] != 0 ? 1 : 0,
                OnnxDataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(span),
                OnnxDataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(span),
                OnnxDataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(span),
                OnnxDataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(span),
                OnnxDataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(span),
                _ => (long)BinaryPrimitives.ReadUInt64LittleEndian(span), // uint64: values above 2^63 wrap; shapes never hold them
            };
        }
        return values;
    }

    private static double[]? RawReals(byte[] raw, int type, int n)
    {
        int width = OnnxDataType.BitsPerElement(type) / 8;
        if (raw.Length < (long)n * width) return null;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            var span = raw.AsSpan(i * width, width);
            values[i] = type switch
            {
                OnnxDataType.Float => BinaryPrimitives.ReadSingleLittleEndian(span),
                OnnxDataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(span),
                OnnxDataType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(span),
                _ => BFloat16(BinaryPrimitives.ReadUInt16LittleEndian(span)),
            };
        }
        return values;
    }

    private static long[]? TypedInts(TensorProto tensor, int type, int n)
    {
        if (type == OnnxDataType.Int64 && tensor.Int64Data.Count == n) return [.. tensor.Int64Data];
        if (type is OnnxDataType.UInt32 or OnnxDataType.UInt64 && tensor.Uint64Data.Count == n) return [.. tensor.Uint64Data.Select(v => (long)v)];
        if (tensor.Int32Data.Count == n && type is not (OnnxDataType.Int64 or OnnxDataType.UInt32 or OnnxDataType.UInt64))
        {
            return [.. tensor.Int32Data.Select(v => type == OnnxDataType.Bool ? (v != 0 ? 1L : 0L) : v)];
        }
        return n == 0 ? [] : null;
    }

    private static double[]? TypedReals(TensorProto tensor, int type, int n)
    {
        if (type == OnnxDataType.Float && tensor.FloatData.Count == n) return [.. tensor.FloatData.Select(v => (double)v)];
        if (type == OnnxDataType.Double && tensor.DoubleData.Count == n) return [.. tensor.DoubleData];
        if (type is OnnxDataType.Float16 or OnnxDataType.BFloat16 && tensor.Int32Data.Count == n)
        {
            // 16-bit floats are stored bit for bit in int32_data.
            return [.. tensor.Int32Data.Select(v => type == OnnxDataType.Float16 ? (double)BitConverter.UInt16BitsToHalf((ushort)v) : BFloat16((ushort)v))];
        }
        return n == 0 ? [] : null;
    }

    private static double BFloat16(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);
}
