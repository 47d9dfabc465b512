using System.Globalization;

namespace MiniMalloc.Onnx;

/// <summary>
/// A graph input's shape given by the caller (<c>--shape=NAME=D1,D2,...</c>, or the MSBuild item's
/// <c>Shapes</c> metadata), for inputs with symbolic or missing dimensions.
/// </summary>
public sealed record InputShape(string Input, IReadOnlyList<long> Dims)
{
    /// <summary>
    /// Parses <c>NAME=D1,D2,...</c> (dimensions are non-negative integers; <c>NAME=</c> is a scalar). The last
    /// '=' separates the name, so a name may contain '='. Returns null and sets <paramref name="error"/> when the
    /// text is malformed.
    /// </summary>
    public static InputShape? Parse(string text, out string? error)
    {
        error = null;
        int equals = text.LastIndexOf('=');
        if (equals <= 0)
        {
            error = $"--shape \"{text}\" is not NAME=D1,D2,... (for example --shape=input=1,3,224,224)";
            return null;
        }
        string name = text[..equals];
        string list = text[(equals + 1)..];
        var dims = new List<long>();
        if (list.Length > 0)
        {
            foreach (var part in list.Split(','))
            {
                if (!long.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long d) || d > 1L << 53)
                {
                    error = $"--shape \"{text}\": \"{part}\" is not a dimension (a non-negative integer)";
                    return null;
                }
                dims.Add(d);
            }
        }
        return new InputShape(name, dims);
    }

    /// <summary>"NAME=D1,D2".</summary>
    public override string ToString() => $"{Input}={string.Join(",", Dims)}";
}
