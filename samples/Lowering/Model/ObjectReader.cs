using System.Globalization;
using Lowering.Json;

namespace Lowering.Model;

/// <summary>
/// Reads the members of one JSON object with type checks, reporting missing, mistyped and unknown members
/// to an <see cref="ErrorList"/> instead of stopping at the first one.
/// </summary>
public sealed class ObjectReader
{
    private readonly Node _node;
    private readonly ErrorList _errors;

    private ObjectReader(Node node, ErrorList errors)
    {
        _node = node;
        _errors = errors;
    }

    /// <summary>The object being read.</summary>
    public Node Node => _node;

    /// <summary>
    /// Starts reading <paramref name="node"/>, which must be an object whose members are all in
    /// <paramref name="known"/>; returns null (after reporting) when it is not an object.
    /// </summary>
    public static ObjectReader? Open(Node node, ErrorList errors, string what, params string[] known)
    {
        if (node.Kind != NodeKind.Object)
        {
            errors.Add(node, ErrorCodes.WrongType, $"{what} must be an object, found {node.Display}");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in node.Members)
        {
            string path = member.Value.Path;
            if (!seen.Add(member.Name))
            {
                errors.Add(member, path, ErrorCodes.InvalidValue, $"property \"{member.Name}\" appears twice");
            }
            else if (System.Array.IndexOf(known, member.Name) < 0)
            {
                errors.Add(member, path, ErrorCodes.UnknownProperty,
                    $"unknown property \"{member.Name}\" in {what} (expected one of: {string.Join(", ", known)})");
            }
        }

        return new ObjectReader(node, errors);
    }

    /// <summary>A member that must be present; reports and returns null when it is missing.</summary>
    public Node? Required(string name)
    {
        var value = _node[name];
        if (value is null)
        {
            _errors.Add(_node, ErrorCodes.MissingProperty, $"missing required property \"{name}\"");
        }

        return value;
    }

    /// <summary>A string member; null when absent (reported if required) or mistyped (reported).</summary>
    public string? String(string name, bool required)
    {
        var value = required ? Required(name) : _node[name];
        return value is null ? null : AsString(value, _errors);
    }

    /// <summary>An integer member no smaller than <paramref name="min"/>; null when absent or invalid.</summary>
    public long? Integer(string name, bool required, long min)
    {
        var value = required ? Required(name) : _node[name];
        return value is null ? null : AsInteger(value, _errors, min);
    }

    /// <summary>An optional alignment: a power of two no smaller than 1.</summary>
    public long? Alignment(string name)
    {
        var value = _node[name];
        long? alignment = value is null ? null : AsInteger(value, _errors, 1);
        if (alignment is { } a && (a & (a - 1)) != 0)
        {
            _errors.Add(value!, ErrorCodes.InvalidValue, $"alignment must be a power of two, found {a}");
            return null;
        }

        return alignment;
    }

    /// <summary>An array member; null when absent (reported if required) or not an array (reported).</summary>
    public IReadOnlyList<Node>? Array(string name, bool required)
    {
        var value = required ? Required(name) : _node[name];
        if (value is null)
        {
            return null;
        }

        if (value.Kind != NodeKind.Array)
        {
            _errors.Add(value, ErrorCodes.WrongType, $"\"{name}\" must be an array, found {value.Display}");
            return null;
        }

        return value.Items;
    }

    /// <summary>The text of a string value; reports and returns null for other kinds.</summary>
    public static string? AsString(Node value, ErrorList errors)
    {
        if (value.Kind != NodeKind.String)
        {
            errors.Add(value, ErrorCodes.WrongType, $"expected a string, found {value.Display}");
            return null;
        }

        return value.Text;
    }

    /// <summary>An integer value no smaller than <paramref name="min"/>; reports and returns null otherwise.</summary>
    public static long? AsInteger(Node value, ErrorList errors, long min)
    {
        if (value.Kind != NodeKind.Number)
        {
            errors.Add(value, ErrorCodes.WrongType, $"expected an integer, found {value.Display}");
            return null;
        }

        if (!long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long result))
        {
            bool integral = value.Text.All(c => char.IsAsciiDigit(c) || c == '-');
            errors.Add(value, ErrorCodes.InvalidValue, integral
                ? $"integer out of range: {value.Text}"
                : $"expected an integer, found {value.Text}");
            return null;
        }

        if (result < min)
        {
            errors.Add(value, ErrorCodes.InvalidValue, $"must be at least {min}, found {result}");
            return null;
        }

        return result;
    }
}
