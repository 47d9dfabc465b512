using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>What one run of the tool was asked to do, after parsing and checking the flags.</summary>
/// <param name="Request">The planning request the flags make: the same type the MSBuild task fills.</param>
/// <param name="Validate">Print PASS or FAIL from the validator on the summary line.</param>
internal sealed record CliOptions(PlanRequest Request, bool Validate);
