using System.Globalization;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.Model;

/// <summary>
/// Tensors whose bytes live in another file (ONNX "external data": keys location, offset, length, beside the
/// model). Planning needs only their shapes, which the model file holds, so the data is checked (the file exists,
/// inside the model's folder, long enough) but read only for the few small tensors a shape computation needs.
/// </summary>
internal sealed class ExternalData(string modelPath)
{
    private readonly string _folder = Path.GetDirectoryName(Path.GetFullPath(modelPath)) ?? ".";

    /// <summary>Checks one tensor's external data; throws <see cref="LoweringException"/> (MMB5005) naming it.</summary>
    public void Check(TensorProto tensor)
    {
        var (path, offset, length) = Locate(tensor);
        long fileLength = new FileInfo(path).Length;
        long? needed = OnnxDataType.Bytes(tensor.DataType, new ValueFacts(tensor.DataType, [.. tensor.Dims]).ElementCount, long.MaxValue);
        long available = length ?? fileLength - offset;
        if (offset > fileLength || (length is { } l && l > fileLength - offset))
        {
            throw Fail(tensor, $"its data at offset {offset}{(length is { } n ? $", {n} bytes," : "")} lies beyond the end of \"{Location(tensor)}\" ({fileLength} bytes)");
        }
        if (needed is { } bytes && bytes > available)
        {
            throw Fail(tensor, $"it needs {bytes} bytes of \"{Location(tensor)}\" from offset {offset}, which has only {available}");
        }
    }

    /// <summary>Reads one small tensor's external bytes (after <see cref="Check"/>).</summary>
    public byte[] Read(TensorProto tensor)
    {
        var (path, offset, length) = Locate(tensor);
        long bytes = length ?? OnnxDataType.Bytes(tensor.DataType, new ValueFacts(tensor.DataType, [.. tensor.Dims]).ElementCount, long.MaxValue) ?? 0;
        using var stream = File.OpenRead(path);
        stream.Seek(offset, SeekOrigin.Begin);
        var data = new byte[checked((int)bytes)];
        stream.ReadExactly(data);
        return data;
    }

    private (string Path, long Offset, long? Length) Locate(TensorProto tensor)
    {
        string location = Location(tensor);
        if (location.Length == 0) throw Fail(tensor, "its external data has no \"location\"");
        // The format says: a path relative to the model's folder. An absolute path or one that climbs out of the
        // folder would let a model file read any file of the machine; both are refused.
        if (Path.IsPathRooted(location) || location.Contains('\0'))
        {
            throw Fail(tensor, $"its external data location \"{location}\" is not a path relative to the model's folder");
        }
        string full = Path.GetFullPath(Path.Combine(_folder, location));
        string folder = _folder.EndsWith(Path.DirectorySeparatorChar) ? _folder : _folder + Path.DirectorySeparatorChar;
        if (!full.StartsWith(folder, StringComparison.Ordinal))
        {
            throw Fail(tensor, $"its external data location \"{location}\" lies outside the model's folder");
        }
        if (!File.Exists(full)) throw Fail(tensor, $"its external data file \"{location}\" does not exist (looked for {full})");
        long offset = Number(tensor, "offset") ?? 0;
        long? length = Number(tensor, "length");
        return (full, offset, length);
    }

    private static string Location(TensorProto tensor) =>
        tensor.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "";

    private static long? Number(TensorProto tensor, string key)
    {
        string? text = tensor.ExternalData.FirstOrDefault(e => e.Key == key)?.Value;
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            throw Fail(tensor, $"its external data \"{key}\" is \"{text}\", not a non-negative integer");
        }
        return value;
    }

    private static LoweringException Fail(TensorProto tensor, string message) =>
        new(OnnxDiagnosticCodes.ExternalData, $"initializer \"{tensor.Name}\": {message}");
}
