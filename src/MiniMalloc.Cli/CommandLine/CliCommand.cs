using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// The tool's flags, in the reference's spelling (<c>--capacity=12</c>, <c>--canonical_only=false</c>) with dashed
/// aliases, parsed by System.CommandLine (which also writes <c>--help</c> and <c>--version</c>).
/// </summary>
internal sealed class CliCommand
{
    private const int MaxThreads = 256;

    private readonly Option<string?> _input = new("--input") { HelpName = "FILE", Description = "The problem: a CSV file (id,lower,upper,size[,alignment,hint,gaps,offset]) or a lifetimes .json file." };
    private readonly Option<string?> _output = new("--output") { HelpName = "FILE", Description = "Where to write the input CSV with an offset column ('-': standard output, the default when no other output is asked for)." };
    private readonly Option<string?> _capacity = new("--capacity") { HelpName = "BYTES", Description = "The memory capacity in bytes (0 means zero bytes, as in the reference: nothing fits). Required unless --minimize-capacity (then an upper limit) or a lifetimes file gives one." };
    private readonly Option<string?> _timeout = new("--timeout") { HelpName = "DURATION", Description = "Time limit of the search, e.g. 10s, 500ms, 1h30m, plain seconds (2.5), 00:01:30, or inf (none); default 60s, a safety net behind the node budgets. After it, a heuristic plan that fits is written (exit code 5)." };
    private readonly Option<string?> _searchNodes = new("--search-nodes", "--search_nodes") { HelpName = "N", Description = "Search nodes the exact search may spend when fitting the capacity (default: 1,000,000, or twenty per buffer when that is more, beside a budget of work that bounds the time on every shape; a number given here is the whole budget). It counts work, so where the search stops is the same on any machine; after it, a heuristic plan that fits is used." };
    private readonly Option<string?> _nodeBudget = new("--node-budget", "--node_budget") { HelpName = "N", Description = "Search nodes the minimizer may spend when minimizing the height (default: 500,000, or ten per buffer when that is more). It counts work, so the plan is the same on any machine; a longer --timeout alone does not search further." };
    private readonly Option<string[]> _pools = new("--pool") { HelpName = "NAME:CAPACITY[:ALIGNMENT[:COST]]", Arity = ArgumentArity.ZeroOrMore, Description = "A memory pool; repeat it for several, fastest first (cost default: the pool's position, 0, 1, 2, ...). Replaces a lifetimes file's pools; a CSV input may then have a pools column (names separated by spaces)." };
    private readonly SwitchOption _validate = new("--validate", [], false, "Check the plan with the validator and print PASS or FAIL.");
    private readonly SwitchOption _minimize = new("--minimize-capacity", ["--minimize_capacity"], false, "Find the lowest height (within --capacity when given).");
    private readonly Option<string?> _heuristics = new("--preordering-heuristics", "--preordering_heuristics") { HelpName = "LIST", Description = "Comma-separated preordering heuristics over the letters A C L O T U W Z (default: WAT,TAW,TWA)." };
    private readonly Option<string?> _threads = new("--threads") { HelpName = "N", Description = "Search threads (default 1; 0: one per core). The plan is the same with any number: the threads share the round robin's attempts." };
    private readonly Option<string?> _header = new("--header") { HelpName = "FILE", Description = "Also write a C header with the offsets (as the MSBuild task does)." };
    private readonly Option<string?> _prefix = new("--prefix") { HelpName = "NAME", Description = "The header's symbol prefix (default: the lifetimes file's name, else the input file's name)." };
    private readonly Option<string?> _report = new("--report") { HelpName = "FILE", Description = "Also write an HTML report picturing the plan (or, when nothing fits, why)." };

    /// <summary>The technique switches of the paper, each on by default, with how each sets <see cref="SolverOptions"/>.</summary>
    private readonly (SwitchOption Switch, Func<SolverOptions, bool, SolverOptions> Apply)[] _techniques =
    [
        (Technique("canonical_only", "Explore canonical solutions only."), (o, v) => o with { CanonicalOnly = v }),
        (Technique("section_inference", "Prune with section inference."), (o, v) => o with { SectionInference = v }),
        (Technique("dynamic_ordering", "Order buffers dynamically."), (o, v) => o with { DynamicOrdering = v }),
        (Technique("check_dominance", "Skip dominated placements that leave holes."), (o, v) => o with { CheckDominance = v }),
        (Technique("unallocated_floor", "Raise section floors to unallocated buffers' min offsets."), (o, v) => o with { UnallocatedFloor = v }),
        (Technique("static_preordering", "Preorder buffers by the heuristics."), (o, v) => o with { StaticPreordering = v }),
        (Technique("dynamic_decomposition", "Split into independent sub-problems."), (o, v) => o with { DynamicDecomposition = v }),
        (Technique("monotonic_floor", "Require the solution floor to rise monotonically."), (o, v) => o with { MonotonicFloor = v }),
        (Technique("hatless_pruning", "Prune alternatives once a buffer has nothing overhead."), (o, v) => o with { HatlessPruning = v }),
    ];

    private readonly Command _root;

    public CliCommand()
    {
        // A named command rather than a RootCommand, whose name would be the host's (MiniMalloc.Cli, dotnet or testhost).
        _root = new Command("minimalloc", "minimalloc: plans static memory (MiniMalloc, ASPLOS 2023). Reads buffers with lifespans and sizes, "
            + "assigns each an offset so that no two live buffers overlap, within a capacity or at minimal height.\n"
            + "Exit codes: 0 solved, 1 no solution within the capacity, 2 bad input or usage, 3 timed out or cancelled with no plan, "
            + "4 internal error (a plan failed validation), 5 a heuristic plan written after a timeout (not the search's answer).");
        foreach (var option in new Option[] { _input, _output, _capacity, _pools, _timeout, _validate.Option, _minimize.Option, _nodeBudget, _searchNodes })
        {
            _root.Options.Add(option);
        }
        foreach (var (technique, _) in _techniques) _root.Options.Add(technique.Option);
        foreach (var option in new Option[] { _heuristics, _threads, _header, _prefix, _report }) _root.Options.Add(option);
        _root.Options.Add(new HelpOption());
        _root.Options.Add(new VersionOption());
    }

    /// <summary>Parses <paramref name="args"/>: options, or the usage errors found, or an action (help, version) to invoke.</summary>
    public CliParse Parse(string[] args)
    {
        // No response files: '@' may start an ordinary path, and the reference has no such feature.
        var result = _root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0) return new CliParse(result, null, [.. result.Errors.Select(e => "minimalloc: error: " + e.Message)]);
        if (result.Action is not null) return new CliParse(result, null, []);

        var errors = new List<string>();
        string? input = result.GetValue(_input);
        if (string.IsNullOrWhiteSpace(input)) errors.Add("minimalloc: error: --input=FILE is required");

        // Settings are read by their value types, as the MSBuild task reads its properties: one rule and one message each.
        Capacity? capacity = null;
        if (result.GetValue(_capacity) is { } capacityText)
        {
            if (Capacity.TryParse(capacityText, "--capacity option", out var value, out var error)) capacity = value;
            else errors.Add(error.ToString());
        }
        List<PoolSpec>? pools = null;
        foreach (string poolText in result.GetValue(_pools) ?? [])
        {
            if (PoolSpec.TryParse(poolText, "--pool option", out var pool, out var error)) (pools ??= []).Add(pool);
            else errors.Add(error.ToString());
        }
        if (pools is not null && PoolSpec.CheckList(pools, "--pool options") is { } poolsError) errors.Add(poolsError.ToString());
        var timeout = PlanBudget.DefaultTimeout;
        if (result.GetValue(_timeout) is { } timeoutText && !TimeLimit.TryParse(timeoutText, "--timeout option", out timeout, out var timeoutError))
        {
            errors.Add(timeoutError.ToString());
        }

        NodeBudget? nodeBudget = null;
        if (result.GetValue(_nodeBudget) is { } nodeBudgetText)
        {
            if (NodeBudget.TryParse(nodeBudgetText, "--node-budget option", out var value, out var error)) nodeBudget = value;
            else errors.Add(error.ToString());
        }

        NodeBudget? searchNodes = null;
        if (result.GetValue(_searchNodes) is { } searchNodesText)
        {
            if (NodeBudget.TryParse(searchNodesText, "--search-nodes option", out var value, out var error)) searchNodes = value;
            else errors.Add(error.ToString());
        }

        var solver = new SolverOptions();
        foreach (var (technique, apply) in _techniques) solver = apply(solver, technique.ValueIn(result));
        if (result.GetValue(_heuristics) is { } heuristicsText)
        {
            solver = solver with { PreorderingHeuristics = heuristicsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        }
        if (solver.Validate() is { } solverError) errors.Add($"minimalloc: error: --preordering-heuristics: {solverError}");
        if (result.GetValue(_threads) is { } threadsText)
        {
            if (!int.TryParse(threadsText, NumberStyles.None, CultureInfo.InvariantCulture, out int threads) || threads > MaxThreads)
            {
                errors.Add($"minimalloc: error: --threads must be a whole number from 0 (one per core) to {MaxThreads}, not '{threadsText}'");
            }
            else
            {
                solver = solver with { Parallelism = threads == 0 ? Environment.ProcessorCount : threads };
            }
        }

        string? output = result.GetValue(_output), header = result.GetValue(_header), prefix = result.GetValue(_prefix), report = result.GetValue(_report);
        if (prefix is not null && header is null) errors.Add("minimalloc: error: --prefix is only used with --header=FILE");
        if (errors.Count > 0) return new CliParse(result, null, errors);

        var request = new PlanRequest
        {
            InputPath = input!,
            Capacity = capacity,
            Pools = pools,
            // The reference has no minimizing: without the flag, the capacity is required (as the reference needs one).
            MinimizeCapacity = _minimize.ValueIn(result),
            Timeout = timeout,
            MinimizeNodes = nodeBudget,
            SearchNodes = searchNodes,
            Solver = solver,
            HeaderPath = header,
            SymbolPrefix = prefix,
            ReportPath = report,
            CsvPath = output is null or "-" ? null : output,
            // '-', or no output of any kind asked for: the CSV goes to standard output, as the reference's tools pipe it.
            ReturnCsv = output == "-" || (output is null && header is null && report is null),
        };
        return new CliParse(result, new CliOptions(request, _validate.ValueIn(result)), []);
    }

    private static SwitchOption Technique(string name, string description) =>
        new("--" + name, ["--" + name.Replace('_', '-')], true, description);
}

/// <summary>The outcome of <see cref="CliCommand.Parse(string[])"/>.</summary>
/// <param name="Result">System.CommandLine's parse result (for help and version).</param>
/// <param name="Options">The options, when the flags are usable and no action was asked for.</param>
/// <param name="Errors">Usage errors, one line each as printed (coded, for a setting's value).</param>
internal sealed record CliParse(ParseResult Result, CliOptions? Options, IReadOnlyList<string> Errors);
