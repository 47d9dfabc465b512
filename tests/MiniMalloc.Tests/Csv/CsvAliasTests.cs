namespace MiniMalloc.Tests.Csv;

public class CsvAliasTests
{
    [Fact]
    public void The_alias_column_reads_owner_and_offset_and_an_owner_may_hold_an_at_sign()
    {
        var problem = CsvProblemReader.Parse("id,lower,upper,size,alias\nx@1,0,4,16,\nv,2,6,8,x@1@8\nw,3,5,16,\"x@1@0\"\n", "a.csv");

        Assert.Null(problem.Buffers[0].Alias);
        Assert.Equal(new BufferAlias("x@1", 8), problem.Buffers[1].Alias);
        Assert.Equal(new BufferAlias("x@1", 0), problem.Buffers[2].Alias);
    }

    [Fact]
    public void The_writer_writes_the_alias_column_and_absolute_offsets_and_reads_back_the_same_problem()
    {
        var problem = new Problem(
        [
            new Buffer("c", 4, 8, 32),
            new Buffer("a,1", 1, 5, 16) { Alias = new BufferAlias("c", 0) },
            new Buffer("b", 2, 5, 16) { Alias = new BufferAlias("c", 16) },
        ], 64);

        string text = CsvProblemWriter.Write(problem, new Solution([32, 32, 48], 64));

        Assert.Equal("id,lower,upper,size,alias,offset\nc,4,8,32,,32\n\"a,1\",1,5,16,c@0,32\nb,2,5,16,c@16,48\n", text);
        string withoutOffsets = CsvProblemWriter.Write(problem);
        Assert.Equal(problem.Buffers, CsvProblemReader.Parse(withoutOffsets, "b.csv").Buffers);
    }

    [Fact]
    public void Reading_a_plan_back_refuses_the_aliases_offsets_at_their_position()
    {
        var problem = new Problem([new Buffer("c", 4, 8, 32), new Buffer("a", 1, 5, 16) { Alias = new BufferAlias("c", 0) }], 64);
        string plan = CsvProblemWriter.Write(problem, new Solution([32, 32], 64));

        var error = Assert.Single(Assert.Throws<CsvFormatException>(() => CsvProblemReader.Parse(plan, "plan.csv")).Errors);

        Assert.Equal((CsvErrorKind.AliasPlacement, 3, 14), (error.Kind, error.Line, error.Column));
    }
}
