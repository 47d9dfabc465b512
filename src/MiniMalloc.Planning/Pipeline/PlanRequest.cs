namespace MiniMalloc.Planning;

/// <summary>
/// One run of the planning pipeline, as either front asks for it: the MSBuild task maps an item, its metadata and
/// the project's properties onto it, the CLI its flags. Settings arrive as validated values (each front parses
/// its text once, with <see cref="Planning.Capacity.TryParse"/> and its siblings); a value set here wins over the
/// input file's own. Everything users see behind this type (limits, fallback, explanation budget, outputs) is
/// therefore the same for both fronts.
/// </summary>
internal sealed record PlanRequest
{
    private readonly SolverOptions _solver = new();

    /// <summary>The input: a lifetimes file when its name ends in .json, else a CSV file in the reference's format.</summary>
    public required string InputPath { get; init; }

    /// <summary>The capacity; null: the file's, else none (then the height is minimized, or an error says one is needed).</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>
    /// The pools, in order of preference (fastest first); null: the file's, if any. Set, they replace the file's
    /// (one firmware target, several memory maps) and make any input a pool problem; a capacity cannot be set
    /// beside them (it would say which pool's?).
    /// </summary>
    public IReadOnlyList<PoolSpec>? Pools { get; init; }

    /// <summary>The default buffer alignment; null: the file's, else 1. For CSV input, a floor for every buffer's alignment.</summary>
    public Alignment? Alignment { get; init; }

    /// <summary>
    /// True: minimize the height (within the capacity, if any). False: only fit the capacity, which is then
    /// required. Null: minimize exactly when there is no capacity.
    /// </summary>
    public bool? MinimizeCapacity { get; init; }

    /// <summary>
    /// The time limit of the whole search (after it, the heuristic fallback). The one place a timeout is given.
    /// Default <see cref="PlanBudget.DefaultTimeout"/>: a safety net behind the work budgets (<see cref="SearchNodes"/>,
    /// <see cref="MinimizeNodes"/>); <see cref="TimeLimit.None"/> for none.
    /// </summary>
    public TimeLimit Timeout { get; init; } = PlanBudget.DefaultTimeout;

    /// <summary>
    /// The search nodes the minimizer may spend when the height is minimized; null: its default. Together with
    /// <see cref="Timeout"/> (a safety net) it bounds a minimization: a longer timeout alone cannot search further.
    /// </summary>
    public NodeBudget? MinimizeNodes { get; init; }

    /// <summary>
    /// The search nodes the exact search may spend when it fits a capacity (not minimizing); null: its default,
    /// <see cref="PlanBudget.SearchNodes(int)"/>. Work, not time, so that where it stops is the same on every machine.
    /// </summary>
    public NodeBudget? SearchNodes { get; init; }

    /// <summary>Problems of more buffers than this get a heuristic plan first (anytime); internal, for tests.</summary>
    internal int AnytimeThreshold { get; init; } = PlanBudget.AnytimeThreshold;

    /// <summary>Technique switches, preordering heuristics and threads. Its own timeout must stay unset: <see cref="Timeout"/> is the limit.</summary>
    /// <exception cref="ArgumentException">The options carry a timeout.</exception>
    public SolverOptions Solver
    {
        get => _solver;
        init => _solver = value?.Timeout is null
            ? value ?? new SolverOptions()
            : throw new ArgumentException("set the time limit with PlanRequest.Timeout, not in the solver options", nameof(value));
    }

    /// <summary>The C header to write; null: none.</summary>
    public string? HeaderPath { get; init; }

    /// <summary>The header's symbol prefix; null: the lifetimes file's name, else the input's file name.</summary>
    public string? SymbolPrefix { get; init; }

    /// <summary>The HTML report to write, also when there is no plan (it then shows why); null: none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The CSV to write (the input with an offset column, as the reference program writes it); null: none.</summary>
    public string? CsvPath { get; init; }

    /// <summary>True to get that CSV's text in <see cref="PlanOutcome.Csv"/> (for standard output) instead of, or besides, a file.</summary>
    public bool ReturnCsv { get; init; }

    /// <summary>The plan cache folder; null: no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Warm start: the last plan of this input is read from and written to this file (null: no warm start).</summary>
    public string? PreviousPlanPath { get; init; }

    /// <summary>Check only (MSBuild -question): report a header that would be written as an error and write nothing.</summary>
    public bool QuestionOnly { get; init; }
}
