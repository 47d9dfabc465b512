namespace MiniMalloc.Cli;

/// <summary>What one run of the tool was asked to do, after parsing and checking the flags.</summary>
internal sealed record CliOptions
{
    /// <summary>The input: a CSV file in the reference's format, or a lifetimes JSON file (by extension).</summary>
    public required string InputPath { get; init; }

    /// <summary>The CSV to write (the input with an offset column); "-" or null with no other output: standard output.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The capacity in bytes given by flag (null: the lifetimes file's, if any).</summary>
    public long? Capacity { get; init; }

    /// <summary>Minimize the height instead of only fitting the capacity.</summary>
    public bool MinimizeCapacity { get; init; }

    /// <summary>Print PASS or FAIL from the validator on the summary line.</summary>
    public bool Validate { get; init; }

    /// <summary>Technique switches, preordering heuristics and the timeout.</summary>
    public required SolverOptions Solver { get; init; }

    /// <summary>The C header to write, or null.</summary>
    public string? HeaderPath { get; init; }

    /// <summary>The header's symbol prefix (null: the lifetimes file's name, else the input file's name).</summary>
    public string? SymbolPrefix { get; init; }

    /// <summary>The HTML report to write, or null.</summary>
    public string? ReportPath { get; init; }

    /// <summary>True when the CSV goes to standard output.</summary>
    public bool CsvToStandardOutput => OutputPath == "-" || (OutputPath is null && HeaderPath is null && ReportPath is null);
}
