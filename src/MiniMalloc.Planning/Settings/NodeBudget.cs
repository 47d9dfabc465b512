using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// How many search nodes the capacity minimizer may spend in all (bound, probes and subset bounds together): a
/// whole number in [0, 2^53]. It counts work, not time, so that a minimized plan is the same on a fast and a slow
/// machine; the time limit stays a safety net above it. With none given the minimizer takes its default
/// (<see cref="MinimizeOptions.NodeBudgetFor(int)"/>: 500,000, or ten per buffer when that is more).
/// </summary>
internal readonly record struct NodeBudget
{
    /// <summary>The largest budget: 2^53, the format's limit for every number.</summary>
    public const long MaxNodes = ProblemChecker.MaxValue;

    /// <summary>What a node budget setting must be, for messages.</summary>
    public const string Expected = "a whole number of search nodes in [0, 2^53]";

    private NodeBudget(long nodes) => Nodes = nodes;

    /// <summary>The number of search nodes.</summary>
    public long Nodes { get; }

    /// <summary>True when <paramref name="nodes"/> is a budget: in [0, <see cref="MaxNodes"/>].</summary>
    public static bool IsValid(long nodes) => nodes is >= 0 and <= MaxNodes;

    /// <summary>A budget of <paramref name="nodes"/> nodes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodes"/> is outside [0, 2^53].</exception>
    public static NodeBudget Of(long nodes) =>
        IsValid(nodes) ? new NodeBudget(nodes) : throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"a node budget is {Expected}");

    /// <summary>
    /// Parses a setting's text: digits only (no sign, no separators), blanks around them ignored. Otherwise
    /// <paramref name="error"/> is <see cref="DiagnosticCodes.InvalidNodeBudget"/> naming <paramref name="setting"/> and the text.
    /// </summary>
    public static bool TryParse(string text, string setting, out NodeBudget budget, [NotNullWhen(false)] out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long nodes) && IsValid(nodes))
        {
            budget = new NodeBudget(nodes);
            error = null;
            return true;
        }
        budget = default;
        error = SettingError.Invalid(DiagnosticCodes.InvalidNodeBudget, setting, text, Expected);
        return false;
    }

    /// <summary>The nodes, in the invariant culture.</summary>
    public override string ToString() => Nodes.ToString(CultureInfo.InvariantCulture);
}
