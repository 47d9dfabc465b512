using System.Text;

namespace MiniMalloc.Onnx;

/// <summary>
/// Every diagnostic of the ONNX lowering, in one table (MMB5xxx: model lowering; 50xx the file, 51xx the graph,
/// 52xx shapes and sizes, 53xx the command line and outputs, 5999 a bug). docs/onnx.md shows
/// <see cref="MarkdownTable"/>; a test keeps the two in step.
/// </summary>
public static class OnnxDiagnosticCodes
{
    /// <summary>Not an ONNX model.</summary>
    public const string NotOnnx = "MMB5001";

    /// <summary>Truncated or corrupt protobuf.</summary>
    public const string Corrupt = "MMB5002";

    /// <summary>The model file cannot be read.</summary>
    public const string Unreadable = "MMB5003";

    /// <summary>Over the size limit.</summary>
    public const string TooLarge = "MMB5004";

    /// <summary>External data missing or unusable.</summary>
    public const string ExternalData = "MMB5005";

    /// <summary>Subgraphs and model-local functions.</summary>
    public const string Unsupported = "MMB5006";

    /// <summary>A value that is not a tensor.</summary>
    public const string NotTensor = "MMB5007";

    /// <summary>Unknown data type.</summary>
    public const string DataType = "MMB5008";

    /// <summary>Two producers of one value.</summary>
    public const string TwoProducers = "MMB5101";

    /// <summary>A value read but never produced.</summary>
    public const string NeverProduced = "MMB5102";

    /// <summary>A cycle.</summary>
    public const string Cycle = "MMB5103";

    /// <summary>Warning: the stored order was sorted.</summary>
    public const string Resorted = "MMB5104";

    /// <summary>Nothing to schedule.</summary>
    public const string NothingToPlan = "MMB5105";

    /// <summary>A graph input needs --shape.</summary>
    public const string MissingShape = "MMB5201";

    /// <summary>A --shape that is malformed or contradicts the model.</summary>
    public const string BadShape = "MMB5202";

    /// <summary>No shape rule and no static value_info.</summary>
    public const string UnknownShape = "MMB5203";

    /// <summary>A node's inputs do not fit its operator.</summary>
    public const string InconsistentNode = "MMB5204";

    /// <summary>value_info contradicts the inferred shape.</summary>
    public const string ValueInfoConflict = "MMB5205";

    /// <summary>A size or count beyond the limits.</summary>
    public const string Limit = "MMB5206";

    /// <summary>A value name that cannot be a buffer id.</summary>
    public const string BadValueName = "MMB5207";

    /// <summary>Bad command line.</summary>
    public const string Usage = "MMB5301";

    /// <summary>An output cannot be written.</summary>
    public const string Output = "MMB5302";

    /// <summary>The name cannot prefix the schedule header.</summary>
    public const string BadName = "MMB5303";

    /// <summary>A bug: an unexpected exception.</summary>
    public const string InternalError = "MMB5999";

    /// <summary>Where a diagnostic's code is explained: its row of docs/onnx.md (a path that resolves from the
    /// repository's root and from the package's, which ships the page; the same convention as MiniMalloc.Build's).</summary>
    public static string HelpLink(string code) => $"docs/onnx.md#{code.ToLowerInvariant()}";

    /// <summary>The table: code, severity, meaning.</summary>
    public static IReadOnlyList<(string Code, string Severity, string Meaning)> All { get; } =
    [
        (NotOnnx, "error", "The file is not an ONNX model (not a protobuf ModelProto, or one without a graph or IR version)."),
        (Corrupt, "error", "The protobuf is truncated or corrupt (names what the parser found)."),
        (Unreadable, "error", "The model file cannot be read (missing, a folder, no permission)."),
        (TooLarge, "error", "The file is over the size limit (2 GiB, protobuf's own; larger models keep their weights in external data)."),
        (ExternalData, "error", "A tensor's external data is missing, outside the model's folder, or shorter than the tensor (names the tensor and the file)."),
        (Unsupported, "error", "A node has a subgraph (If, Loop, Scan) or calls a model-local function: not supported (names the node)."),
        (NotTensor, "error", "A value is a sequence, map, optional or sparse tensor: only dense tensors are planned (names the value)."),
        (DataType, "error", "A value's data type is unknown or has no fixed size (string) (names the value and the type)."),
        (TwoProducers, "error", "Two nodes (or a node and an initializer or graph input) produce the same value (names both)."),
        (NeverProduced, "error", "A node reads a value that no node, initializer or graph input produces (names the node and the value)."),
        (Cycle, "error", "The graph has a cycle (names the nodes on it)."),
        (Resorted, "warning", "The stored node order is not topological (a node reads a value produced later); the schedule is sorted stably."),
        (NothingToPlan, "error", "No node computes on the graph inputs: everything is a weight, nothing is left to plan."),
        (MissingShape, "error", "A graph input has a symbolic or missing dimension that no --shape gives (names the input and the dimension)."),
        (BadShape, "error", "A --shape is malformed, names no graph input, or contradicts the model's static shape (names both shapes)."),
        (UnknownShape, "error", "A value's shape cannot be determined: its operator has no shape rule here and the model gives no static value_info (names the node)."),
        (InconsistentNode, "error", "A node's inputs do not fit its operator (shapes that do not broadcast, a reshape that changes the element count, ...)."),
        (ValueInfoConflict, "error", "The model's value_info gives a value another shape than its operator does (names both)."),
        (Limit, "error", "A size or count is beyond the lifetimes format's limits (a size above 2^53, more than 1,000,000 buffers, an id over 256 characters)."),
        (BadValueName, "error", "A value's name cannot be a buffer id of the planned header: it has no letter or digit, or it gives the same C identifier as another value's name or as the arena's own macro (names the values)."),
        (Usage, "error", "The command line is wrong (unknown option, missing --input or --output, an option given twice, a --views that is not all, in-place, views or none)."),
        (Output, "error", "An output file cannot be written; nothing was written."),
        (BadName, "error", "The model name cannot prefix the schedule header's macros (it must be letters, digits and single underscores)."),
        (InternalError, "error", "minimalloc-onnx failed unexpectedly: an exception (a bug: please report it), or, in a build, the command could not start; nothing was written."),
    ];

    /// <summary>The table as Markdown, as docs/onnx.md shows it.</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder("| Code | Severity | Meaning |\n| --- | --- | --- |\n");
        foreach (var (code, severity, meaning) in All)
        {
            text.Append("| <a id=\"").Append(code.ToLowerInvariant()).Append("\"></a>").Append(code).Append(" | ").Append(severity).Append(" | ").Append(meaning).Append(" |\n");
        }
        return text.ToString();
    }
}
