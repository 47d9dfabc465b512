using Xunit.Abstractions;

namespace MiniMalloc.Tests.Property;

/// <summary>The second half of the shards of <see cref="SolverAgreesWithBruteForceTests"/>, in its own class to run in parallel.</summary>
public class SolverAgreesWithBruteForceSecondHalfTests(ITestOutputHelper output)
{
    public static TheoryData<int> LastShards =>
        [.. Enumerable.Range(SolverAgreesWithBruteForceTests.ShardCount / 2, SolverAgreesWithBruteForceTests.ShardCount / 2)];

    [Theory]
    [MemberData(nameof(LastShards))]
    public void Every_technique_combination_agrees_with_brute_force(int shard) => SolverAgreesWithBruteForceTests.CheckShard(shard, output);
}
