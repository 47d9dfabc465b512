namespace MiniMalloc.Tests.Heuristics;

/// <summary>The constructive plans (sweep allocator, best-fit decreasing) honour everything a plan must.</summary>
public class SweepAllocatorTests
{
    [Fact]
    public void Sweep_allocator_plans_are_valid_with_alignment_gaps_and_fixed_offsets()
    {
        var random = new Random(11);
        for (int round = 0; round < 50; round++)
        {
            var buffers = new List<Buffer>();
            for (int i = 0; i < 40; i++)
            {
                long lower = random.Next(0, 30);
                long upper = lower + random.Next(2, 10);
                var buffer = new Buffer($"b{i}", lower, upper, random.Next(1, 100)) { Alignment = 1L << random.Next(0, 4) };
                if (random.Next(5) == 0) buffer = buffer with { Gaps = [new Gap(new Lifespan(lower + 1, upper - 1), random.Next(2) == 0 ? null : new Window(0, 1))] };
                buffers.Add(buffer);
            }
            buffers.Add(new Buffer("fixed", 5, 20, 64) { Offset = 128, Alignment = 64 });
            var problem = new Problem(buffers, 0);
            foreach (var plan in new[] { SweepAllocator.Solve(problem), BestFitDecreasing.Solve(problem) })
            {
                var verdict = Validator.Validate(problem.WithCapacity(plan.Height), plan);
                Assert.True(verdict.IsValid, verdict.Message);
                Assert.Equal(128, plan.Offsets[^1]);
            }
        }
    }
}
