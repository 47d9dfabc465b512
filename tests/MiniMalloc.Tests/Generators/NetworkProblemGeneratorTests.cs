namespace MiniMalloc.Generators;

/// <summary>The scale benchmark's generator: deterministic, the promised shape, and problems the solver can plan.</summary>
public class NetworkProblemGeneratorTests
{
    [Fact]
    public void Same_seed_gives_the_same_problem_and_another_seed_another()
    {
        var a = NetworkProblemGenerator.Generate(2_000, seed: 7);
        var b = NetworkProblemGenerator.Generate(2_000, seed: 7);
        var c = NetworkProblemGenerator.Generate(2_000, seed: 8);
        Assert.Equal(a.Capacity, b.Capacity);
        Assert.Equal(a.Buffers, b.Buffers);
        Assert.NotEqual(a.Buffers, c.Buffers);
    }

    [Fact]
    public void Problems_have_the_promised_shape()
    {
        var problem = NetworkProblemGenerator.Generate(20_000, seed: 1);
        Assert.Equal(20_000, problem.Buffers.Count);
        Assert.Null(ProblemChecker.FirstError(problem));
        Assert.All(problem.Buffers, b => Assert.InRange(b.Size, NetworkProblemGenerator.MinSize, NetworkProblemGenerator.MaxSize));
        long peak = LiveProfile.Of(problem).Peak;
        Assert.Equal((long)Math.Ceiling(peak * 1.25), problem.Capacity);

        // Mostly short-lived, some long-lived: about 10 % live longer than four steps.
        double longLived = problem.Buffers.Count(b => b.Lifespan.Width > 4) / (double)problem.Buffers.Count;
        Assert.InRange(longLived, 0.07, 0.13);
        Assert.Contains(problem.Buffers, b => b.Lifespan.Width > 100);

        // Log-uniform sizes: each of the 14 binary orders of magnitude from 64 B to 1 MiB holds about 1/14 of them.
        var perOctave = problem.Buffers.GroupBy(b => (int)Math.Floor(Math.Log2(b.Size / 64.0))).ToDictionary(g => g.Key, g => g.Count());
        for (int octave = 0; octave < 14; octave++)
        {
            Assert.InRange(perOctave.GetValueOrDefault(octave), 20_000 / 14 * 0.8, 20_000 / 14 * 1.2);
        }
    }

    [Fact]
    public void Generated_problems_are_solved_within_their_slack_and_validate()
    {
        var problem = NetworkProblemGenerator.Generate(300, seed: 3);
        var result = new Solver(new SolverOptions { Timeout = TimeSpan.FromSeconds(60) }).Solve(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.True(Validator.Validate(problem, result.Solution!).IsValid);
    }
}
