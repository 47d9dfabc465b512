using System.Globalization;

namespace MiniMalloc.Tests.Csv;

public class CsvProblemWriterTests
{
    private static readonly Problem Example = new(
    [
        new Buffer("b1", 0, 3, 4),
        new Buffer("b2", 3, 9, 4),
        new Buffer("b3", 0, 9, 4),
    ], 12);

    [Fact]
    public void Writes_the_reference_columns_with_an_offset_column()
    {
        string csv = CsvProblemWriter.Write(Example, new Solution([0, 0, 4], 8));
        Assert.Equal("id,lower,upper,size,offset\nb1,0,3,4,0\nb2,3,9,4,0\nb3,0,9,4,4\n", csv);
    }

    [Fact]
    public void Without_a_solution_there_is_no_offset_column()
    {
        Assert.Equal("id,lower,upper,size\nb1,0,3,4\nb2,3,9,4\nb3,0,9,4\n", CsvProblemWriter.Write(Example));
    }

    [Fact]
    public void Optional_columns_appear_only_when_some_buffer_needs_them_in_the_reference_order()
    {
        var problem = new Problem(
        [
            new Buffer("a", 0, 10, 8) { Alignment = 4, Hint = 16, Gaps = [new Gap(new Lifespan(2, 4)), new Gap(new Lifespan(5, 7), new Window(2, 6))] },
            new Buffer("b", 1, 3, 2),
        ], 64);
        string csv = CsvProblemWriter.Write(problem, new Solution([16, 0], 24));
        Assert.Equal("id,lower,upper,size,alignment,hint,gaps,offset\na,0,10,8,4,16,2-4 5-7@2:6,16\nb,1,3,2,1,-1,,0\n", csv);
    }

    [Fact]
    public void Output_is_culture_invariant_and_deterministic()
    {
        var problem = new Problem([new Buffer("a", -5, 1000000, 123456) { Hint = null, Alignment = 2 }, new Buffer("b", 0, 1, 1) { Hint = 3 }], 0);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE"); // writes negatives with U+2212 and groups digits
            string first = CsvProblemWriter.Write(problem);
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal(first, CsvProblemWriter.Write(problem));
            Assert.Equal("id,lower,upper,size,alignment,hint\na,-5,1000000,123456,2,-1\nb,0,1,1,1,3\n", first);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Ids_that_need_it_are_quoted_and_read_back_unchanged()
    {
        string[] ids = ["a,b", "say \"hi\"", "two\nlines", " padded ", "conv1/out", "ünïcödé"];
        var problem = new Problem([.. ids.Select((id, i) => new Buffer(id, i, i + 1, 1))], 0);
        string csv = CsvProblemWriter.Write(problem);
        Assert.Contains("\"a,b\",0,1,1\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nconv1/out,", csv, StringComparison.Ordinal);
        Assert.Equal(ids, CsvProblemReader.Parse(csv).Buffers.Select(b => b.Id));
    }

    [Fact]
    public void Extra_columns_follow_the_offset_in_the_same_row_as_their_buffer_quoted_as_ids_are()
    {
        // A quoted id may hold a line break, so a caller cannot add columns to the text's lines (the pool plan's CSV
        // did, and threw); the writer adds them to each buffer's row.
        var problem = new Problem([new Buffer("a\nb", 0, 2, 4), new Buffer("c", 1, 3, 4)], 8);
        var names = new[] { "x,y", " z" };
        string csv = CsvProblemWriter.Write(problem, new Solution([0, 4], 8), [new CsvExtraColumn("pool", i => names[i]), new CsvExtraColumn("n", i => i.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal("id,lower,upper,size,offset,pool,n\n\"a\nb\",0,2,4,0,\"x,y\",0\nc,1,3,4,4,\" z\",1\n", csv);
    }

    [Fact]
    public void A_written_problem_reads_back_as_the_same_problem()
    {
        var problem = new Problem(
        [
            new Buffer("a", 0, 10, 8) { Alignment = 4, Hint = 16, Gaps = [new Gap(new Lifespan(2, 4)), new Gap(new Lifespan(5, 7), new Window(2, 6))] },
            new Buffer("b", 1, 3, 2) { Offset = 6 },
            new Buffer("c", 4, 9, 5) { Gaps = [new Gap(new Lifespan(4, 9), new Window(0, 0))] },
        ], 0);
        // Fixed offsets are written through the solution's offset column, as the reference does.
        var solution = new Solution([0, 6, 8], 13);
        var back = CsvProblemReader.Parse(CsvProblemWriter.Write(problem, solution));
        var expected = problem with { Buffers = [.. problem.Buffers.Select((b, i) => b with { Offset = solution.Offsets[i] })] };
        Assert.Equal(CsvProblemReaderTests.Describe(expected), CsvProblemReaderTests.Describe(back));
    }

    [Fact]
    public void Rejects_a_solution_of_another_size()
    {
        Assert.Throws<ArgumentException>(() => CsvProblemWriter.Write(Example, new Solution([0], 4)));
    }
}
