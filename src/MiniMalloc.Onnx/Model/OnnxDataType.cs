namespace MiniMalloc.Onnx.Model;

/// <summary>
/// The tensor element types of the ONNX format (TensorProto.DataType), with their storage size. Sub-byte types
/// (4-bit, 2-bit) are packed, so a tensor's size is its bit count rounded up to whole bytes.
/// </summary>
internal static class OnnxDataType
{
    public const int Undefined = 0;
    public const int Float = 1;
    public const int UInt8 = 2;
    public const int Int8 = 3;
    public const int UInt16 = 4;
    public const int Int16 = 5;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int String = 8;
    public const int Bool = 9;
    public const int Float16 = 10;
    public const int Double = 11;
    public const int UInt32 = 12;
    public const int UInt64 = 13;
    public const int Complex64 = 14;
    public const int Complex128 = 15;
    public const int BFloat16 = 16;

    private static readonly string[] Names =
    [
        "undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool", "float16",
        "double", "uint32", "uint64", "complex64", "complex128", "bfloat16", "float8e4m3fn", "float8e4m3fnuz",
        "float8e5m2", "float8e5m2fnuz", "uint4", "int4", "float4e2m1", "float8e8m0", "uint2", "int2",
    ];

    private static readonly int[] Bits =
    [
        0, 32, 8, 8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64, 64, 128, 16, 8, 8, 8, 8, 4, 4, 4, 8, 2, 2,
    ];

    /// <summary>Bits per element; 0 for a type without a fixed size (undefined, string, unknown numbers).</summary>
    public static int BitsPerElement(int type) => type >= 0 && type < Bits.Length ? Bits[type] : 0;

    /// <summary>The type's name in the format ("float", "int64", ...), or its number.</summary>
    public static string Name(int type) => type >= 0 && type < Names.Length ? Names[type] : $"type {type}";

    /// <summary>True for the types whose values the shape computation may carry as integers.</summary>
    public static bool IsInteger(int type) => type is UInt8 or Int8 or UInt16 or Int16 or Int32 or Int64 or Bool or UInt32 or UInt64;

    /// <summary>True for float, double, float16 and bfloat16.</summary>
    public static bool IsReal(int type) => type is Float or Double or Float16 or BFloat16;

    /// <summary>
    /// The bytes of <paramref name="elements"/> elements of <paramref name="type"/>, or null when it exceeds
    /// <paramref name="limit"/> (or the type has no fixed size).
    /// </summary>
    public static long? Bytes(int type, long elements, long limit)
    {
        int bits = BitsPerElement(type);
        if (bits == 0 || elements < 0) return null;
        if (elements > limit / bits * 8) return null; // elements * bits / 8 would exceed the limit
        long bytes = checked(elements / 8 * bits + (elements % 8 * bits + 7) / 8);
        return bytes <= limit ? bytes : null;
    }
}
