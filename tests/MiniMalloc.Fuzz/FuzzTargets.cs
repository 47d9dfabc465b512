using MiniMalloc.Planning;

namespace MiniMalloc.Fuzz;

/// <summary>
/// What a fuzzer may throw at: the readers must turn any bytes into a document or coded diagnostics (the CSV
/// reader into a <see cref="CsvFormatException"/>), and whatever parses must solve, validate and minimize without
/// an exception. Any other exception, or a plan that fails validation, is a crash for the fuzzer.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["json"] = Json,
        ["csv"] = bytes => Csv(bytes),
        ["solve"] = Solve,
        ["onnx"] = Onnx,
        ["pools"] = PoolsTarget.Run,
    };

    // Any bytes as an ONNX model: a lowered model or coded diagnostics, never an exception; and what lowers must
    // give a lifetimes file that the planner's reader accepts without an error.
    private static void Onnx(byte[] bytes)
    {
        var result = MiniMalloc.Onnx.OnnxLowering.Lower(new MiniMalloc.Onnx.LoweringRequest(Path.Combine(Path.GetTempPath(), "fuzz.onnx")), bytes);
        if (result.Model is not { } model) return;
        string json = MiniMalloc.Onnx.Output.LifetimesWriter.Render(model);
        var read = LifetimesReader.Read("fuzz.lifetimes.json", System.Text.Encoding.UTF8.GetBytes(json));
        if (!read.Succeeded || read.Diagnostics.Any(d => d.IsError))
        {
            throw new InvalidOperationException("a lowered model's lifetimes file is rejected: " + string.Join("; ", read.Diagnostics));
        }
    }

    private static void Json(byte[] bytes)
    {
        // Reading converts the document to a problem as well: a crash anywhere in either is a finding.
        var result = LifetimesReader.Read("fuzz.lifetimes.json", bytes);
        if (result.Succeeded && result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("a read that succeeded reported an error");
        }
    }

    private static Problem? Csv(byte[] bytes)
    {
        try
        {
            return CsvProblemReader.Parse(System.Text.Encoding.UTF8.GetString(bytes), "fuzz.csv");
        }
        catch (CsvFormatException)
        {
            return null;
        }
    }

    // Small problems only, with a short time limit: the point is robustness, not search time.
    private static void Solve(byte[] bytes)
    {
        if (Csv(bytes) is not { } original || original.Buffers.Count > 12) return;
        if (ProblemChecker.FirstError(original.WithCapacity(ProblemChecker.MaxValue), allowAliases: true) is not null) return;
        if (original.Buffers.Any(b => b.Size > 1 << 20 || b.Lifespan.Width > 1000)) return;
        // Alias groups are solved folded, as the planner solves them; every plan is checked expanded, with the aliases.
        var folded = AliasFolding.Fold(original);
        var problem = folded.Problem;
        var options = new SolverOptions { Timeout = TimeSpan.FromMilliseconds(200) };
        var minimized = new CapacityMinimizer(options).Minimize(problem.WithCapacity(0));
        if (minimized.Solution is { } best)
        {
            var expanded = folded.Expand(best);
            if (expanded.Height != best.Height) throw new InvalidOperationException("expanding changed the height");
            if (!Validator.Validate(original.WithCapacity(best.Height), expanded).IsValid) throw new InvalidOperationException("expanded plan is invalid");
            var verdict = Validator.Validate(problem.WithCapacity(best.Height), best);
            if (!verdict.IsValid) throw new InvalidOperationException("minimized plan is invalid: " + verdict.Message);
            var again = new Solver(options).Solve(problem.WithCapacity(best.Height));
            if (again.Solution is { } plan && !Validator.Validate(problem.WithCapacity(best.Height), plan).IsValid)
            {
                throw new InvalidOperationException("plan at the minimized height is invalid");
            }
            if (again.Status == SolveStatus.Infeasible) throw new InvalidOperationException("infeasible at a height that has a plan");
        }
    }
}
