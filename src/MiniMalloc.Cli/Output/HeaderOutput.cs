using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// Renders the C header for --header=FILE with the planning library's writer and the same inputs the planner
/// gives it (prefix, arena alignment, tool version, file name, input hash), so the CLI and the MSBuild task
/// write the same bytes for the same input and plan.
/// </summary>
internal static class HeaderOutput
{
    /// <summary>The header text, or null after adding the errors that prevent it (bad prefix, ids that make no identifiers).</summary>
    public static string? Render(CliOptions options, LoadedInput input, Solution solution, List<Diagnostic> diagnostics)
    {
        string file = options.InputPath;
        string prefixSource = options.SymbolPrefix ?? CIdentifier.DefaultPrefixSource(input.ModelName, file);
        if (CIdentifier.Prefix(prefixSource) is null)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InvalidSymbolPrefix, DiagnosticSeverity.Error,
                $"the symbol prefix '{prefixSource}' has no letter or digit to build C identifiers from; give one with --prefix=NAME", file));
            return null;
        }
        // Lifetimes files are checked for this while read; CSV ids (free text in the reference) only matter here.
        var conflicts = CIdentifier.FindConflicts([.. input.Problem.Buffers.Select(b => b.Id)]);
        foreach (var conflict in conflicts)
        {
            diagnostics.Add(new Diagnostic(conflict.Fragment is null ? DiagnosticCodes.InvalidId : DiagnosticCodes.IdentifierCollision,
                DiagnosticSeverity.Error, conflict.Reason, file));
        }
        if (conflicts.Count > 0) return null;
        if (OffsetsHeaderWriter.ArenaAlignment(input.Problem, input.DefaultAlignment) is not { } arenaAlignment)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InvalidAlignment, DiagnosticSeverity.Error,
                "the buffers' alignments have no common multiple within 2^30 for the arena", file));
            return null;
        }
        return OffsetsHeaderWriter.Render(OffsetsHeaderInput.ForPlan(
            input.Problem, solution, prefixSource, input.Capacity, arenaAlignment, file, input.ContentHash));
    }
}
