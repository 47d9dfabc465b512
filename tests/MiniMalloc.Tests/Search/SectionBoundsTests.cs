using MiniMalloc.Search;
using MiniMalloc.Sweeping;
using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Search;

/// <summary>
/// The two section bounds (<see cref="ScannedBounds"/> over the arrays, <see cref="MaximaBounds"/> over a segment
/// tree) give the same verdicts as the rule applied section by section, through random placements, floor raises
/// and undos, for each setting of the monotonic floor and section inference; their fast verdicts before a
/// placement agree with the full check after it.
/// </summary>
public class SectionBoundsTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Both_bounds_agree_with_the_rule_section_by_section(int seed)
    {
        var random = new Random(seed);
        var generated = SmallProblemGenerator.Generate(seed);
        var problem = SearchableProblem.From(generated)?.Problem ?? generated;
        var sweep = Sweeper.Sweep(problem);
        long capacity = LiveProfile.Of(problem).Peak + random.Next(0, 6);
        var techniques = (SearchTechniques)random.Next(1 << 9);
        var rule = new SectionRule(capacity, techniques);
        var scannedSide = new Side(problem, sweep);
        var maximaSide = new Side(problem, sweep);
        var maxima = new SectionMaxima(maximaSide.Sections.Floor, maximaSide.Sections.Total);
        var sub = new SubProblem([.. Enumerable.Range(0, problem.Buffers.Count)], 0, scannedSide.Sections.Count);
        var neighbours = new NeighbourMaxima(scannedSide.Sections.Count);
        var placed = new Stack<(int Buffer, int ScannedMark, int MaximaMark)>();
        var initialFloors = (long[])scannedSide.Sections.Floor.Clone();

        for (int step = 0; step < 60; step++)
        {
            var scanned = new ScannedBounds(scannedSide.Sections, scannedSide.Buffers, neighbours, rule, sub, node: step);
            var bounds = new MaximaBounds(maxima, maximaSide.Sections, maximaSide.Buffers, rule, sub);
            var unplaced = Enumerable.Range(0, problem.Buffers.Count).Where(b => !placed.Any(p => p.Buffer == b)).ToList();
            if (unplaced.Count == 0 && placed.Count == 0) break;
            if (unplaced.Count == 0 || (placed.Count > 0 && random.Next(3) == 0))
            {
                var (b, scannedMark, maximaMark) = placed.Pop();
                scanned.Undo(b, scannedMark);
                bounds.Undo(b, maximaMark);
                AssertSameState(scannedSide, maximaSide);
                continue;
            }
            int buffer = unplaced[random.Next(unplaced.Count)];
            long offset = random.Next(0, (int)capacity + 1);
            bool fast = rule.Both && sweep.Spans[buffer].Length == 1;
            bool? before = null;
            if (fast)
            {
                before = scanned.FitsBeforePlacing(buffer, offset);
                Assert.Equal(before, bounds.FitsBeforePlacing(buffer, offset));
            }
            placed.Push((buffer, scannedSide.Sections.FloorTrail.Count, maximaSide.Sections.FloorTrail.Count));
            scanned.Occupy(buffer, offset);
            bounds.Occupy(buffer, offset);
            AssertSameState(scannedSide, maximaSide);
            bool expected = Rule(rule, scannedSide.Sections, offset);
            Assert.Equal(expected, scanned.Fits(fast: false));
            Assert.Equal(expected, bounds.Fits(fast));
            if (fast)
            {
                Assert.Equal(expected, scanned.Fits(fast: true));
                Assert.Equal(expected, before);
            }

            // Raise a few floors, as the unallocated floor would; the fast re-check assumes that the check passed.
            for (int s = 0; s < scannedSide.Sections.Count; s++)
            {
                if (random.Next(4) != 0) continue;
                long floor = scannedSide.Sections.Floor[s] + 1 + random.Next(0, 4);
                scanned.RaiseFloor(s, floor);
                bounds.RaiseFloor(s, floor);
            }
            AssertSameState(scannedSide, maximaSide);
            bool afterRaise = Rule(rule, scannedSide.Sections, offset);
            Assert.Equal(afterRaise, scanned.FitsAfterRaise(fast: false));
            Assert.Equal(afterRaise, bounds.FitsAfterRaise(fast));
            if (fast && expected) Assert.Equal(afterRaise, scanned.FitsAfterRaise(fast: true));
        }

        while (placed.TryPop(out var top))
        {
            new ScannedBounds(scannedSide.Sections, scannedSide.Buffers, neighbours, rule, sub, node: -2).Undo(top.Buffer, top.ScannedMark);
            new MaximaBounds(maxima, maximaSide.Sections, maximaSide.Buffers, rule, sub).Undo(top.Buffer, top.MaximaMark);
        }
        AssertSameState(scannedSide, maximaSide);
        Assert.Equal(initialFloors, scannedSide.Sections.Floor);
        Assert.Equal(new SectionState(sweep, new WorkMeter()).Total, scannedSide.Sections.Total);
        Assert.True(maxima.Agrees(0, maximaSide.Sections.Count, maximaSide.Sections.Floor, maximaSide.Sections.Total));
    }

    private static bool Rule(SectionRule rule, SectionState sections, long offset)
    {
        for (int s = 0; s < sections.Count; s++)
        {
            long floor = rule.Monotonic ? Math.Max(sections.Floor[s], offset) : sections.Floor[s];
            if ((rule.Inference ? floor + sections.Total[s] : floor) > rule.Capacity) return false;
        }
        return true;
    }

    private static void AssertSameState(Side a, Side b)
    {
        Assert.Equal(a.Sections.Floor, b.Sections.Floor);
        Assert.Equal(a.Sections.Total, b.Sections.Total);
    }

    // One copy of the state per implementation: each changes its own.
    private sealed class Side(Problem problem, SweepResult sweep)
    {
        public BufferState Buffers { get; } = new(problem, sweep, new WorkMeter());

        public SectionState Sections { get; } = new(sweep, new WorkMeter());
    }
}
