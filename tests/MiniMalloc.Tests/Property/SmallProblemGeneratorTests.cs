using System.Diagnostics;
using Xunit.Abstractions;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// The property tests are only as good as the problems they see: these check that the generator is deterministic
/// and produces every feature often enough, including problems whose optimum lies above the live-bytes bound.
/// </summary>
public class SmallProblemGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void Same_seed_gives_the_same_problem() =>
        Assert.Equal(ProblemCsv.Format(SmallProblemGenerator.Generate(42)), ProblemCsv.Format(SmallProblemGenerator.Generate(42)));

    [Fact]
    public void Problems_are_well_formed_and_cover_every_feature()
    {
        const int Count = 512;
        int gaps = 0, windows = 0, raisedWindows = 0, aligned = 0, fixedOffsets = 0, hints = 0, eightBuffers = 0;
        int usable = 0, aboveBound = 0;
        var watch = Stopwatch.StartNew();
        for (int seed = 0; seed < Count; seed++)
        {
            var problem = SmallProblemGenerator.Generate(seed);
            Assert.Null(ProblemChecker.FirstError(problem));
            var buffers = problem.Buffers;
            if (buffers.Any(b => b.Gaps.Count > 0)) gaps++;
            if (buffers.Any(b => b.Gaps.Any(g => g.Window is not null))) windows++;
            if (buffers.Any(b => b.Gaps.Any(g => g.Window is { Lower: > 0 }))) raisedWindows++;
            if (buffers.Any(b => b.Alignment > 1)) aligned++;
            if (buffers.Any(b => b.Offset is not null)) fixedOffsets++;
            if (buffers.Any(b => b.Hint is not null)) hints++;
            if (buffers.Count == 8) eightBuffers++;
            var brute = new BruteForceSolver(problem);
            (long Height, long[] Offsets)? found;
            try
            {
                found = brute.Minimize();
            }
            catch (TimeoutException)
            {
                continue;
            }
            if (found is { } best)
            {
                usable++;
                if (best.Height > brute.LowerBound) aboveBound++;
            }
        }
        output.WriteLine($"{Count} problems in {watch.Elapsed.TotalSeconds:F1} s: usable {usable}, optimum above the bound {aboveBound}, " +
            $"gaps {gaps}, windows {windows} (raised {raisedWindows}), aligned {aligned}, fixed {fixedOffsets}, hints {hints}, eight buffers {eightBuffers}");
        Assert.True(usable > Count * 9 / 10, $"usable {usable}");
        Assert.True(aboveBound > Count / 10, $"above the bound {aboveBound}");
        Assert.True(gaps > Count / 4 && windows > Count / 8 && raisedWindows > Count / 20, $"gaps {gaps}, windows {windows}, raised {raisedWindows}");
        Assert.True(aligned > Count / 2 && fixedOffsets > Count / 16 && hints > Count / 20, $"aligned {aligned}, fixed {fixedOffsets}, hints {hints}");
        Assert.True(eightBuffers > Count / 8, $"eight buffers {eightBuffers}");
    }
}
