using System.CommandLine;
using System.CommandLine.Help;

namespace MiniMalloc.Onnx.Cli;

/// <summary>The flags of minimalloc-onnx, parsed by System.CommandLine (which also writes --help and --version).</summary>
internal sealed class OnnxCommand
{
    private readonly Option<string?> _input = new("--input") { HelpName = "MODEL.onnx", Description = "The ONNX model." };
    private readonly Option<string?> _output = new("--output") { HelpName = "FILE", Description = "The lifetimes JSON to write (for minimalloc or MiniMalloc.Build)." };
    private readonly Option<string[]> _shape = new("--shape") { HelpName = "NAME=D1,D2,...", Description = "The shape of a graph input with symbolic or missing dimensions (repeat for several inputs). A static input's shape may be restated; a different one is an error.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _name = new("--name") { HelpName = "NAME", Description = "The lifetimes file's name, the default symbol prefix of the planned header (default: made from the model file's name)." };
    private readonly Option<string?> _views = new("--views") { HelpName = "all|in-place|views|none", Description = "Which values share bytes: views (Reshape, Flatten, Squeeze, Unsqueeze, Identity outputs, contiguous Split and Slice parts) as aliases of their input; in-place: also elementwise outputs written over an input that dies at that node; all (the default): also Concat inputs produced into their slices of the output; none: every value a buffer of its own." };
    private readonly Option<string?> _schedule = new("--schedule-header") { HelpName = "FILE", Description = "Also write a C header of the schedule (step count, node and operator of every step) for firmware that walks it." };

    private readonly Command _root;

    public OnnxCommand()
    {
        _root = new Command("minimalloc-onnx", "minimalloc-onnx: lowers an ONNX model to tensor lifetimes. One step per node in the file's order, "
            + "one buffer per value (graph inputs and node outputs; weights are not planned), sizes from static shapes; "
            + "values that are the same bytes (views, in-place outputs, Concat slices) as aliases of another (--views).\n"
            + "Exit codes: 0 written (or already up to date), 2 bad model, flags or output (nothing written), 4 internal error.");
        foreach (var option in new Option[] { _input, _output, _shape, _name, _views, _schedule }) _root.Options.Add(option);
        _root.Options.Add(new HelpOption());
        _root.Options.Add(new VersionOption());
    }

    /// <summary>Parses <paramref name="args"/>: options, usage errors, or an action (help, version) to invoke.</summary>
    public (ParseResult Result, OnnxCliOptions? Options, IReadOnlyList<string> Errors) Parse(string[] args)
    {
        var result = _root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0) return (result, null, [.. result.Errors.Select(e => e.Message)]);
        if (result.Action is not null) return (result, null, []);

        var errors = new List<string>();
        string? input = result.GetValue(_input);
        string? output = result.GetValue(_output);
        if (string.IsNullOrWhiteSpace(input)) errors.Add("--input=MODEL.onnx is required");
        if (string.IsNullOrWhiteSpace(output)) errors.Add("--output=FILE is required");
        foreach (var option in new[] { _input, _output, _name, _views, _schedule })
        {
            if (result.GetResult(option) is { } given && given.Tokens.Count > 1) errors.Add($"{option.Name} is given more than once");
        }
        var shapes = new List<InputShape>();
        foreach (var text in result.GetValue(_shape) ?? [])
        {
            if (InputShape.Parse(text, out var error) is { } shape) shapes.Add(shape);
            else errors.Add(error!);
        }
        string? name = result.GetValue(_name);
        if (name is { Length: 0 }) errors.Add("--name is empty");
        string? schedule = result.GetValue(_schedule);
        if (schedule is { Length: 0 }) errors.Add("--schedule-header is empty");
        var views = ViewLevels.Default;
        if (result.GetValue(_views) is { } word)
        {
            if (ViewLevels.Parse(word) is { } level) views = level;
            else errors.Add($"--views={word}: expected {ViewLevels.Words}");
        }
        if (errors.Count > 0) return (result, null, errors);
        return (result, new OnnxCliOptions(input!, output!) { Shapes = shapes, Name = name, ScheduleHeader = schedule, Views = views }, []);
    }
}
