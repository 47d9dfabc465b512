using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MiniMalloc.Onnx.Output;

namespace MiniMalloc.Onnx.Cli;

/// <summary>
/// The command: flags -> <see cref="LoweringRequest"/> -> <see cref="OnnxLowering.Lower"/> -> files and one summary
/// line. Diagnostics go to standard error in MSBuild's canonical form (<c>MODEL.onnx: error MMB5102: ...</c>), so
/// the MSBuild package's Exec logs them against the model; nothing is written when there is an error.
/// </summary>
internal static class OnnxCli
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (result, options, errors) = new OnnxCommand().Parse(args);
        if (errors.Count > 0)
        {
            foreach (var error in errors) stderr.WriteLine($"minimalloc-onnx: error {OnnxDiagnosticCodes.Usage}: {error}");
            stderr.WriteLine("Run minimalloc-onnx --help for the options.");
            return ExitCodes.BadInput;
        }
        if (options is null) return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });

        try
        {
            return Lower(options, stdout, stderr);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"{options.Input}: error {OnnxDiagnosticCodes.InternalError}: internal error, please report it: {e}");
            return ExitCodes.InternalError;
        }
    }

    private static int Lower(OnnxCliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var lowering = OnnxLowering.Lower(new LoweringRequest(options.Input) { Shapes = options.Shapes, Name = options.Name, Views = options.Views });
        foreach (var diagnostic in lowering.Diagnostics) stderr.WriteLine(diagnostic);
        if (lowering.Model is not { } model) return ExitCodes.BadInput;
        if (options.ScheduleHeader is not null && LoweringOutputs.ScheduleHeaderNameProblem(model) is { } problem)
        {
            stderr.WriteLine(new LoweringDiagnostic(OnnxDiagnosticCodes.BadName, LoweringSeverity.Error, options.Input, problem));
            return ExitCodes.BadInput;
        }

        OutputsWritten written;
        try
        {
            written = LoweringOutputs.Write(model, options.Output, options.ScheduleHeader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(new LoweringDiagnostic(OnnxDiagnosticCodes.Output, LoweringSeverity.Error, options.Output, $"cannot write the outputs: {e.Message}"));
            return ExitCodes.BadInput;
        }
        var (maxLive, at) = model.MaxLive;
        string state = written.Written.Count == 0 ? "unchanged" : "written";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"minimalloc-onnx: {model.SourceFile}: {model.NodeCount} nodes ({model.WeightNodeCount} on weights only), {model.Steps.Count} steps, {model.Buffers.Count} buffers ({model.AliasCount} sharing another's bytes), {model.SumOfSizes} bytes in all, max live {maxLive} bytes at step {at}, lowered in {clock.Elapsed.TotalMilliseconds:F0} ms -> {options.Output} ({state})"));
        return ExitCodes.Lowered;
    }
}
