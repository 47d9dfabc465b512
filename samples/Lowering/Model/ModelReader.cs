using System.Text.RegularExpressions;
using Lowering.Json;

namespace Lowering.Model;

/// <summary>
/// Reads and validates a model file (format version 1, see samples/README.md): every structural and
/// reference problem is reported with the file, line, column, JSON path and offending value.
/// </summary>
public static partial class ModelReader
{
    /// <summary>The only model format version this reader understands.</summary>
    public const int FormatVersion = 1;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="ModelException"/> when it is not a valid model.</summary>
    public static ModelDescription Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException(new ModelError(path, 0, 0, "$", ErrorCodes.MalformedJson, $"cannot read the file: {e.Message}"));
        }

        return Read(path, bytes);
    }

    /// <summary>Reads a model from its UTF-8 bytes; <paramref name="file"/> names it in errors.</summary>
    public static ModelDescription Read(string file, byte[] utf8)
    {
        // Editors on some platforms write a byte-order mark, which the JSON reader rejects.
        if (utf8.AsSpan().StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var root = Node.Parse(file, utf8);
        var errors = new ErrorList(file);
        var top = ObjectReader.Open(root, errors, "the model",
            "version", "name", "description", "capacity", "alignment", "tensors", "operators", "scratch", "schedule");
        if (top is null)
        {
            errors.ThrowIfAny();
        }

        var versionNode = top!.Required("version");
        if (versionNode is not null && ObjectReader.AsInteger(versionNode, errors, 0) is { } version && version != FormatVersion)
        {
            errors.Add(versionNode, ErrorCodes.InvalidValue, $"unsupported model format version {version} (this lowering step reads version {FormatVersion})");
        }

        string name = top.String("name", required: true) ?? "model";
        if (top.Node["name"] is { Kind: NodeKind.String } nameNode && !CIdentifier().IsMatch(name))
        {
            errors.Add(nameNode, ErrorCodes.InvalidValue,
                $"the model name must be a C identifier (letters, digits, '_'; not starting with a digit), found \"{name}\"");
        }

        top.String("description", required: false);
        long? capacity = top.Integer("capacity", required: false, min: 1);
        long? alignment = top.Alignment("alignment");

        var tensorNodes = top.Array("tensors", required: true) ?? [];
        var operatorNodes = top.Array("operators", required: true) ?? [];
        // Names declared by entries that have other errors still count as declared, so that one bad dtype is
        // one error and not one more for every reference to that tensor.
        var declared = new HashSet<string>(DeclaredNames(tensorNodes).Concat(DeclaredNames(operatorNodes)), StringComparer.Ordinal);
        var tensors = ReadTensors(tensorNodes, errors);
        var tensorsByName = new Dictionary<string, TensorSpec>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            if (!tensorsByName.TryAdd(tensor.Name, tensor))
            {
                var first = tensorsByName[tensor.Name].Source;
                errors.Add(tensor.Source, ErrorCodes.BadReference, $"tensor \"{tensor.Name}\" is defined twice (first at line {first.Line})");
            }
        }

        var operators = ReadOperators(operatorNodes, tensorsByName, declared, errors);
        var operatorsByName = new Dictionary<string, OperatorSpec>(StringComparer.Ordinal);
        foreach (var op in operators)
        {
            if (!operatorsByName.TryAdd(op.Name, op))
            {
                var first = operatorsByName[op.Name].Source;
                errors.Add(op.Source, ErrorCodes.BadReference, $"operator \"{op.Name}\" is defined twice (first at line {first.Line})");
            }
        }

        var scratch = ReadScratch(top.Array("scratch", required: false) ?? [], operatorsByName, tensorsByName, declared, errors);
        var schedule = ReadSchedule(top.Array("schedule", required: false), operatorsByName, declared, errors);

        // The graph checks assume every name resolved; with earlier errors they would only add noise.
        if (!errors.Any)
        {
            GraphChecker.Check(tensors, operators, errors);
        }

        errors.ThrowIfAny();
        return new ModelDescription(file, name, capacity, alignment, tensors, operators, scratch, schedule);
    }

    private static List<TensorSpec> ReadTensors(IReadOnlyList<Node> items, ErrorList errors)
    {
        var tensors = new List<TensorSpec>();
        foreach (var item in items)
        {
            var reader = ObjectReader.Open(item, errors, "a tensor", "name", "shape", "dtype", "kind", "alignment", "offset");
            if (reader is null)
            {
                continue;
            }

            string? name = RequireName(reader, errors);
            var shape = ReadShape(reader, errors);
            var dtype = ReadDataType(reader, errors);
            var kind = ReadKind(reader, errors);
            long? alignment = reader.Alignment("alignment");
            long? offset = reader.Integer("offset", required: false, min: 0);
            if (name is null || shape is null || dtype is null || kind is null)
            {
                continue;
            }

            if (offset is not null && kind == TensorKind.Constant)
            {
                errors.Add(item["offset"]!, ErrorCodes.InvalidValue, "a constant is not planned in the arena, so it cannot have an offset");
            }

            long? bytes = SizeOf(shape, dtype);
            if (bytes is null)
            {
                errors.Add(item["shape"]!, ErrorCodes.InvalidValue,
                    $"tensor \"{name}\" is too large: [{string.Join(", ", shape)}] x {dtype.Bytes} bytes overflows a 64-bit size");
                continue;
            }

            tensors.Add(new TensorSpec(name, shape, dtype, kind.Value, alignment, offset, bytes.Value, item));
        }

        return tensors;
    }

    private static IEnumerable<string> DeclaredNames(IReadOnlyList<Node> items) =>
        items.Select(item => item.Kind == NodeKind.Object ? item["name"] : null)
            .Where(name => name is { Kind: NodeKind.String })
            .Select(name => name!.Text);

    private static List<OperatorSpec> ReadOperators(
        IReadOnlyList<Node> items, IReadOnlyDictionary<string, TensorSpec> tensors, HashSet<string> declared, ErrorList errors)
    {
        var operators = new List<OperatorSpec>();
        foreach (var item in items)
        {
            var reader = ObjectReader.Open(item, errors, "an operator", "name", "type", "inputs", "outputs", "axis");
            if (reader is null)
            {
                continue;
            }

            string? name = RequireName(reader, errors);
            string? type = reader.String("type", required: true);
            var inputs = ReadTensorList(reader, "inputs", tensors, declared, errors);
            var outputs = ReadTensorList(reader, "outputs", tensors, declared, errors);
            long? axis = reader.Integer("axis", required: false, min: -64);
            if (outputs is { Count: 0 })
            {
                errors.Add(item["outputs"]!, ErrorCodes.BadGraph, "an operator must write at least one tensor");
            }

            if (name is not null && type is not null && inputs is not null && outputs is not null)
            {
                operators.Add(new OperatorSpec(name, type, inputs, outputs, operators.Count, item, axis));
            }
        }

        return operators;
    }

    private static List<ScratchSpec> ReadScratch(
        IReadOnlyList<Node> items,
        IReadOnlyDictionary<string, OperatorSpec> operators,
        IReadOnlyDictionary<string, TensorSpec> tensors,
        HashSet<string> declared,
        ErrorList errors)
    {
        var result = new List<ScratchSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var reader = ObjectReader.Open(item, errors, "a scratch buffer", "name", "alignment", "uses");
            if (reader is null)
            {
                continue;
            }

            string? name = RequireName(reader, errors);
            if (name is not null && (tensors.ContainsKey(name) || !names.Add(name)))
            {
                // Scratch buffers and tensors share one namespace: both become buffer ids of the plan.
                errors.Add(item["name"]!, ErrorCodes.BadReference, $"the name \"{name}\" is already used by a tensor or another scratch buffer");
            }

            long? alignment = reader.Alignment("alignment");
            var uses = new List<ScratchUse>();
            var usesNodes = reader.Array("uses", required: true);
            if (usesNodes is { Count: 0 })
            {
                errors.Add(item["uses"]!, ErrorCodes.InvalidValue, "a scratch buffer needs at least one use");
            }

            foreach (var useNode in usesNodes ?? [])
            {
                var use = ObjectReader.Open(useNode, errors, "a scratch use", "operator", "bytes");
                string? opName = use?.String("operator", required: true);
                long? bytes = use?.Integer("bytes", required: true, min: 1);
                if (opName is null || bytes is null)
                {
                    continue;
                }

                if (!operators.TryGetValue(opName, out var op))
                {
                    ReportUnknown(useNode["operator"]!, "operator", opName, declared, errors);
                }
                else if (uses.Any(u => u.Operator == op))
                {
                    errors.Add(useNode["operator"]!, ErrorCodes.BadReference, $"operator \"{opName}\" uses this scratch buffer twice");
                }
                else
                {
                    uses.Add(new ScratchUse(op, bytes.Value));
                }
            }

            if (name is not null && uses.Count > 0)
            {
                result.Add(new ScratchSpec(name, alignment, uses, item));
            }
        }

        return result;
    }

    private static List<(OperatorSpec, Node)>? ReadSchedule(
        IReadOnlyList<Node>? items, IReadOnlyDictionary<string, OperatorSpec> operators, HashSet<string> declared, ErrorList errors)
    {
        if (items is null)
        {
            return null;
        }

        var schedule = new List<(OperatorSpec, Node)>();
        foreach (var item in items)
        {
            string? name = ObjectReader.AsString(item, errors);
            if (name is null)
            {
                continue;
            }

            if (!operators.TryGetValue(name, out var op))
            {
                ReportUnknown(item, "operator", name, declared, errors);
                continue;
            }

            schedule.Add((op, item));
        }

        return schedule;
    }

    private static string? RequireName(ObjectReader reader, ErrorList errors)
    {
        string? name = reader.String("name", required: true);
        if (name is not null && name.Length == 0)
        {
            errors.Add(reader.Node["name"]!, ErrorCodes.InvalidValue, "a name must not be empty");
            return null;
        }

        return name;
    }

    private static List<long>? ReadShape(ObjectReader reader, ErrorList errors)
    {
        var dims = reader.Array("shape", required: true);
        if (dims is null)
        {
            return null;
        }

        var shape = new List<long>();
        foreach (var dim in dims)
        {
            if (ObjectReader.AsInteger(dim, errors, 1) is { } value)
            {
                shape.Add(value);
            }
        }

        return shape.Count == dims.Count ? shape : null;
    }

    private static DataType? ReadDataType(ObjectReader reader, ErrorList errors)
    {
        string? name = reader.String("dtype", required: true);
        if (name is null)
        {
            return null;
        }

        var dtype = DataType.Find(name);
        if (dtype is null)
        {
            errors.Add(reader.Node["dtype"]!, ErrorCodes.InvalidValue, $"unknown dtype \"{name}\" (expected one of: {DataType.KnownNames})");
        }

        return dtype;
    }

    private static TensorKind? ReadKind(ObjectReader reader, ErrorList errors)
    {
        string? kind = reader.String("kind", required: false);
        switch (kind)
        {
            case null when reader.Node["kind"] is null:
            case "activation":
                return TensorKind.Activation;
            case "input":
                return TensorKind.Input;
            case "output":
                return TensorKind.Output;
            case "weight" or "constant":
                return TensorKind.Constant;
            case null:
                return null;
            default:
                errors.Add(reader.Node["kind"]!, ErrorCodes.InvalidValue,
                    $"unknown tensor kind \"{kind}\" (expected one of: activation, input, output, weight, constant)");
                return null;
        }
    }

    private static List<TensorSpec>? ReadTensorList(
        ObjectReader reader, string member, IReadOnlyDictionary<string, TensorSpec> tensors, HashSet<string> declared, ErrorList errors)
    {
        var items = reader.Array(member, required: true);
        if (items is null)
        {
            return null;
        }

        var result = new List<TensorSpec>();
        bool complete = true;
        foreach (var item in items)
        {
            string? name = ObjectReader.AsString(item, errors);
            if (name is null)
            {
                complete = false;
            }
            else if (!tensors.TryGetValue(name, out var tensor))
            {
                ReportUnknown(item, "tensor", name, declared, errors);
                complete = false;
            }
            else
            {
                result.Add(tensor);
            }
        }

        return complete ? result : null;
    }

    /// <summary>Reports a reference to a name nothing declares (a name declared by a broken entry was reported there).</summary>
    private static void ReportUnknown(Node at, string what, string name, HashSet<string> declared, ErrorList errors)
    {
        if (!declared.Contains(name))
        {
            errors.Add(at, ErrorCodes.BadReference, $"unknown {what} \"{name}\"");
        }
    }

    private static long? SizeOf(IReadOnlyList<long> shape, DataType dtype)
    {
        try
        {
            long bytes = dtype.Bytes;
            foreach (long dim in shape)
            {
                bytes = checked(bytes * dim);
            }

            return bytes;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex CIdentifier();
}
