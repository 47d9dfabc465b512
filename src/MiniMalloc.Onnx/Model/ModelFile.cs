using Google.Protobuf;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.Model;

/// <summary>
/// Reads an ONNX file into its protobuf message. Any bytes give a model or a coded error, never an exception:
/// the protobuf runtime bounds-checks every length and limits nesting (100 levels), and the file is limited to
/// 2 GiB, protobuf's own maximum message size (larger models keep their weights in external data files).
/// </summary>
internal static class ModelFile
{
    /// <summary>The largest file read (protobuf's own limit: a message is at most 2 GiB - 1 bytes).</summary>
    public const long DefaultMaxBytes = int.MaxValue;

    /// <summary>Reads and parses <paramref name="path"/>; throws <see cref="LoweringException"/> with MMB5001–5004.</summary>
    public static ModelProto Read(string path, long maxBytes)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                string what = Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
                throw new LoweringException(OnnxDiagnosticCodes.Unreadable, $"the model file {what}");
            }
            if (info.Length > maxBytes)
            {
                throw new LoweringException(OnnxDiagnosticCodes.TooLarge,
                    $"the model file has {info.Length} bytes, more than the limit of {maxBytes} (protobuf's maximum message size); store the weights as external data");
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LoweringException(OnnxDiagnosticCodes.Unreadable, $"the model file cannot be read: {e.Message}");
        }
        return Parse(bytes);
    }

    /// <summary>Parses the bytes of a model file; throws <see cref="LoweringException"/> with MMB5001 or MMB5002.</summary>
    public static ModelProto Parse(byte[] bytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            // Serializers write fields in number order, so an ONNX file starts with ir_version (field 1, varint:
            // tag byte 0x08). A file that starts so and then fails to parse is an ONNX file that is damaged; one
            // that does not is something else.
            if (bytes.Length > 0 && bytes[0] == 0x08)
            {
                throw new LoweringException(OnnxDiagnosticCodes.Corrupt, $"the model file is truncated or corrupt: {e.Message}");
            }
            throw new LoweringException(OnnxDiagnosticCodes.NotOnnx, $"the file is not an ONNX model (not a protobuf ModelProto: {e.Message})");
        }
        if (!model.HasIrVersion || model.IrVersion <= 0 || model.Graph is null)
        {
            string missing = model.Graph is null ? "no graph" : "no IR version";
            throw new LoweringException(OnnxDiagnosticCodes.NotOnnx, $"the file is not an ONNX model ({missing})");
        }
        return model;
    }
}
